"""Lexical retrieval: BM25 over the same units, for exact names, codes and figures.

Dense vectors blur "RFT-2024-315" or "#FutureTrafford"; BM25 matches them as written.
"""

from __future__ import annotations

from bot.search.base import UNITS_PER_ITEM, Ranked, best_per_item
from index.lexical import LexicalIndex
from index.schema import Where

LEXICAL = "lexical"


class LexicalSearcher:
    """Items ranked by the BM25 score of their best unit."""

    name = LEXICAL

    def __init__(self, index: LexicalIndex) -> None:
        self.index = index

    def search(self, text: str, k: int, where: Where | None = None) -> list[Ranked]:
        found = self.index.search(text, k * UNITS_PER_ITEM, where)
        items = self.index.item_ids([unit_id for unit_id, _ in found])
        scored = [(item, score) for item, (_, score) in zip(items, found, strict=True) if item]
        return best_per_item(scored)
