"""Clarify: a question the minutes cannot be searched for gets a reply that says what can be
asked, never the "closest" item to nothing.

Two cases, both read from the question and the index, no list of questions:

- **no topic**: once the words every question uses ("what", "decided", "meeting") and the
  body it names are set aside, nothing is left to search for ("what did the cabinet decide?"),
  or the whole question is one acronym or body name ("KCC?"). A question scoped to one meeting
  (a body and a date) has its topic in the filter and goes on; so does a thread's follow-up,
  whose topic is the earlier question's.
- **another language**: :mod:`bot.answer.language`.
"""

from __future__ import annotations

import re

from bot.answer.catalogue import searched
from bot.answer.language import foreign_language
from bot.answer.models import Answer, Refusal, RefusalKind
from bot.answer.question import Query
from bot.answer.reading import ASKING, QUESTION_WORDS
from bot.answer.stages.flow import Asking, Tools
from index.words import tokenize

_ONE_WORD = re.compile(r"^\W*([^\W_]+)\W*$")


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, request = asking.get(Query), asking.request
    language = foreign_language(query.words, tools.lexical.has_term)
    if language is not None:
        return refuse(tools, asking, Refusal(RefusalKind.FOREIGN, name=language))
    if request.context is None and no_topic(query):
        return refuse(tools, asking, Refusal(RefusalKind.NO_TOPIC))
    return asking


def no_topic(query: Query) -> bool:
    """Nothing to search for: no word beyond the asking words and the body named, or the whole
    question one acronym or name ("KCC?"); never when a date scopes it to meetings."""
    if query.date_from is not None or query.date_to is not None:
        return False
    topic = set(query.words.tokens) - ASKING - QUESTION_WORDS
    if not topic:
        return True
    one = _ONE_WORD.match(query.question)
    return one is not None and (
        one.group(1).isupper() or set(tokenize(one.group(1))) <= set(query.words.names)
    )


def refuse(tools: Tools, asking: Asking, refusal: Refusal) -> Answer:
    answer = asking.answer
    refusal.held = tools.catalogue.scope.meetings.held()
    answer.refusal = refusal
    answer.searched = searched(tools.records)
    return answer
