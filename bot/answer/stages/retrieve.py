"""Retrieve: the pipeline's candidates for the question, within its filters, and their items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.answer.history import HISTORY_ITEMS
from bot.answer.models import Answer
from bot.answer.question import Query
from bot.answer.reading import ASKING
from bot.answer.stages.flow import Asking, Tools
from bot.search.pipeline import ItemCandidate
from index.schema import StoredItem
from index.words import tokenize

CANDIDATES = 10


@dataclass(frozen=True)
class Retrieved:
    """The candidates, best first, and the stored items they name (by item ID)."""

    candidates: list[ItemCandidate]
    items: dict[str, StoredItem]


TITLE_WEIGHT = 0.2
"""How much an item gains whose title the question names in full: a title names the item's
subject ("Locality Plan"), so a question holding all of it ("did the board sign off the
locality plan?") is about that item more surely than about a longer one that mentions it."""


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, request = asking.get(Query), asking.request
    wanted = max(CANDIDATES, request.offset + request.limit, HISTORY_ITEMS)
    candidates = tools.pipeline.search(query.search_text, wanted, query.where())
    items = tools.records.get_items(c.item_id for c in candidates)
    asked = set(query.asked.tokens)
    for c in candidates:
        item = items.get(c.item_id)
        if item is not None:
            c.score += TITLE_WEIGHT * title_named(asked, item.meta.title, tools.lexical.idf)
    candidates.sort(key=lambda c: -c.score)
    return asking.with_(Retrieved(candidates, items))


def title_named(asked: set[str], title: str, idf: Callable[[str], float]) -> float:
    """The idf-weighted share of the title's words that the question uses."""
    words = set(tokenize(title)) - ASKING
    total = sum(idf(t) for t in words)
    return sum(idf(t) for t in words if t in asked) / total if total else 0.0
