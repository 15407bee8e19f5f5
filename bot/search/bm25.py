"""BM25 retrieval over the same units, for exact names, codes and figures.

Dense vectors blur "RFT-2024-315" or "#FutureTrafford"; BM25 matches them as written. The
searcher's name stays ``"lexical"`` (:data:`LEXICAL`): evaluation reports and candidates' scores
are keyed by it.
"""

from __future__ import annotations

from bot.search.base import UNITS_PER_ITEM, Ranked, best_per_item
from index.schema import Where
from index.units import UnitTable

LEXICAL = "lexical"


class BM25Searcher:
    """Items ranked by the BM25 score of their best unit."""

    name = LEXICAL

    def __init__(self, table: UnitTable) -> None:
        self.table = table

    def search(self, text: str, k: int, where: Where | None = None) -> list[Ranked]:
        found = self.table.search(text, k * UNITS_PER_ITEM, where)
        items = self.table.item_ids([unit_id for unit_id, _ in found])
        scored = [(item, score) for item, (_, score) in zip(items, found, strict=True) if item]
        return best_per_item(scored)
