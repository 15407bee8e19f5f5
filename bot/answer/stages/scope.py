"""Scope: refuse a question about a place, body or meeting the index holds no minutes of,
saying which and what it does hold (:mod:`bot.answer.scope`)."""

from __future__ import annotations

from bot.answer.catalogue import searched
from bot.answer.models import Answer
from bot.answer.question import Query
from bot.answer.stages.flow import Asking, Tools


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    outside = tools.catalogue.scope.check(asking.get(Query))
    if outside is None:
        return asking
    asking.answer.refusal = outside
    asking.answer.searched = searched(tools.records)
    return asking.answer
