"""Dense retrieval: the question's embedding against every unit's vector in Chroma.

Good at paraphrase ("bring back" ≈ "report back"); its cosine similarity is also the main
evidence for abstention, so :mod:`bot.answer.service` reads it from the candidates.
"""

from __future__ import annotations

from bot.search.base import UNITS_PER_ITEM, Ranked, best_per_item
from index.embeddings import Embedder
from index.schema import Where
from index.store import MinutesStore

DENSE = "dense"


class DenseSearcher:
    """Items ranked by the cosine similarity of their best unit to the question."""

    name = DENSE

    def __init__(self, store: MinutesStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def search(self, text: str, k: int, where: Where | None = None) -> list[Ranked]:
        vector = self.embedder.embed_query(text)
        hits = self.store.query(vector, k=k * UNITS_PER_ITEM, where=where)
        return best_per_item((hit.item_id, hit.similarity) for hit in hits)
