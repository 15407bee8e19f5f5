"""Retrieve: the pipeline's candidates for the question, within its filters, and their items."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.history import HISTORY_ITEMS
from bot.answer.models import Answer
from bot.answer.question import Query
from bot.answer.stages.flow import Asking, Tools
from bot.search.pipeline import ItemCandidate
from index.schema import StoredItem

CANDIDATES = 10


@dataclass(frozen=True)
class Retrieved:
    """The candidates, best first, and the stored items they name (by item ID)."""

    candidates: list[ItemCandidate]
    items: dict[str, StoredItem]


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, request = asking.get(Query), asking.request
    wanted = max(CANDIDATES, request.offset + request.limit, HISTORY_ITEMS)
    candidates = tools.pipeline.search(query.search_text, wanted, query.where())
    items = tools.records.get_items(c.item_id for c in candidates)
    return asking.with_(Retrieved(candidates, items))
