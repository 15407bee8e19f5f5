"""Quote: the chosen items as matches (units and passages, verbatim), each with its twins
named beside it; history answers in date order; the related items below."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.history import in_date_order
from bot.answer.matches import quoted
from bot.answer.models import Answer, Intent, ItemMatch
from bot.answer.question import Query
from bot.answer.stages.choose import Choice
from bot.answer.stages.flow import Asking, Tools
from bot.answer.twins import same_decision


@dataclass(frozen=True)
class Quoted:
    """The answer's matches, as shown (history: oldest first)."""

    matches: list[ItemMatch]


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, choice, answer = asking.get(Query), asking.get(Choice), asking.answer
    idf = tools.lexical.idf
    matches = []
    for j in choice.chosen:
        if j.item is None:
            continue
        match = quoted(query, j.item, j.candidate, idf)
        match.also = [
            same_decision(t.item.meta, t.item.id)
            for t in choice.twins.get(j.candidate.item_id, [])
            if t.item is not None
        ]
        matches.append(match)
    if query.intent == Intent.HISTORY:
        matches = in_date_order(matches)
    answer.matches = matches
    limit = asking.request.limit
    answer.related = [quoted(query, j.item, j.candidate, idf) for j in choice.far[:limit] if j.item]
    return asking.with_(Quoted(matches))
