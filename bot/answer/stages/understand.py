"""Understand: read the question once into a :class:`~bot.answer.question.Query`.

Refuses what cannot be searched (nothing in it, or far longer than a question) and a day no
calendar has ("31 February": a filter on it would silently match nothing). Otherwise reads
intent, body and date filters, named places and the question's words, and resolves "the last
meeting" against the catalogue; every later stage takes that query, not the text.
"""

from __future__ import annotations

import re

from bot.answer.models import Answer, Refusal, RefusalKind
from bot.answer.question import impossible_dates, understand
from bot.answer.stages.flow import Asking, Tools

MAX_QUESTION_CHARS = 1000


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    request, answer = asking.request, asking.answer
    bad_input = check_input(request.question)
    if bad_input is not None:
        answer.refusal = bad_input
        return answer
    catalogue = tools.catalogue
    query = understand(request.question, catalogue.bodies, request.today, request.context)
    if query.last_meeting:
        last = catalogue.last_meeting(query.bodies)
        if last is not None:
            query = query.with_dates(last, last)
    answer.intent, answer.filters = query.intent, query.filters()
    impossible = impossible_dates(request.question)
    if impossible:
        answer.refusal = Refusal(RefusalKind.BAD_DATE, name=impossible[0])
        return answer
    return asking.with_(query)


def check_input(question: str) -> Refusal | None:
    """A question that cannot be searched: nothing in it, or far longer than a question."""
    if not re.search(r"[^\W_]", question):
        return Refusal(RefusalKind.EMPTY)
    if len(question) > MAX_QUESTION_CHARS:
        return Refusal(RefusalKind.TOO_LONG, limit=MAX_QUESTION_CHARS)
    return None
