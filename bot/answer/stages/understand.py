"""Understand: read the question once into a :class:`~bot.answer.question.Query`.

Refuses what cannot be searched (nothing in it, or far longer than a question) and a day no
calendar has ("31 February": a filter on it would silently match nothing). Otherwise reads
intent, body and date filters, named places and the question's words, and resolves "the last
meeting" against the catalogue; every later stage takes that query, not the text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.answer.acronyms import letters, may_be_initials
from bot.answer.catalogue import Catalogue
from bot.answer.meeting_dates import impossible_dates
from bot.answer.models import Answer, Refusal, RefusalKind
from bot.answer.question import Query, understand
from bot.answer.stages.flow import Asking, Tools

MAX_QUESTION_CHARS = 1000


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    request, answer = asking.request, asking.answer
    bad_input = check_input(request.question)
    if bad_input is not None:
        answer.refusal = bad_input
        return answer
    query = read_question(tools.catalogue, request.question, request.today, request.context)
    answer.intent, answer.filters = query.intent, query.filters()
    impossible = impossible_dates(request.question)
    if impossible:
        answer.refusal = Refusal(RefusalKind.BAD_DATE, name=impossible[0])
        return answer
    return asking.with_(query)


def read_question(
    catalogue: Catalogue, question: str, today: date, context: str | None = None
) -> Query:
    """``question`` read against the bodies the index holds, "the last meeting" resolved to
    the latest meeting date of the bodies it names."""
    query = understand(question, catalogue.bodies, today, context)
    spelled = _spelled_out(catalogue, query)
    if spelled:
        query = replace(query, expansion=" ".join([query.expansion, *spelled]).strip())
    if query.last_meeting:
        last = catalogue.last_meeting(query.bodies)
        if last is not None:
            query = query.with_dates(last, last)
    return query


def _spelled_out(catalogue: Catalogue, query: Query) -> list[str]:
    """The words of the index's titles for initials the question uses and the index never
    writes ("LGR" → "Local Government Reorganisation"): searched for, never required of an item
    (coverage reads initials itself, :func:`bot.answer.abstain.coverage`)."""
    out = []
    for name in sorted(query.words.names):
        token = letters(name)  # "LTP5": the initials before the number
        if not may_be_initials(token):
            continue
        if catalogue.lexical.has_term(token):
            continue  # the minutes write it: searching finds it as it is
        phrase = catalogue.spelled_out(token)
        if phrase:
            out.append(phrase)
    return out


def check_input(question: str) -> Refusal | None:
    """A question that cannot be searched: nothing in it, or far longer than a question."""
    if not re.search(r"[^\W_]", question):
        return Refusal(RefusalKind.EMPTY)
    if len(question) > MAX_QUESTION_CHARS:
        return Refusal(RefusalKind.TOO_LONG, limit=MAX_QUESTION_CHARS)
    return None
