"""Dense retrieval: the question's embedding against every unit's vector in Chroma.

Good at paraphrase ("bring back" ≈ "report back"); its cosine similarity is also the main
evidence for abstention, so :mod:`bot.answer.service` reads it from the candidates. Chroma's
HNSW search is approximate, so after searching, the pipeline has the candidates rescored
exactly (:meth:`DenseSearcher.rescore`): the evidence for an item is then the same on every
run and exists for items only the lexical signal found.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from bot.search.base import UNITS_PER_ITEM, Ranked, best_per_item
from index.embeddings import Embedder, Vector
from index.schema import Where, decode_unit
from index.store import MinutesStore, UnitHit
from index.units import UnitTable

DENSE = "dense"


class DenseSearcher:
    """Items ranked by the cosine similarity of their best unit to the question."""

    name = DENSE

    def __init__(
        self,
        store: MinutesStore,
        embedder: Embedder,
        units: UnitTable | None = None,
        *,
        exact: bool = False,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.units = units
        """The in-memory table of every unit's metadata (:class:`index.units.UnitTable`): with
        it, filters and rescoring go to Chroma as unit IDs, which is far faster than ``where`` at
        scale, or are scored from the vectors it holds (embedded Chroma)."""
        self.exact = exact
        """Score every unit exactly from those vectors even unfiltered: for a process that
        answers once (``minutes-bot ask``), a 0.1 s scan at 100k items instead of loading
        Chroma's HNSW index (1.8 s, 1 GB). Where HNSW would miss a nearer unit this finds it,
        so such a process can rank better than the bot, never worse."""
        self._vectors: OrderedDict[str, Vector] = OrderedDict()
        self._lock = threading.Lock()

    def search(self, text: str, k: int, where: Where | None = None) -> list[Ranked]:
        vector, n = self._vector(text), k * UNITS_PER_ITEM
        if (where or self.exact) and self.units is not None:
            # a filter's few thousand units scored exactly from the saved vectors, when held
            exact = self.units.nearest(vector, n, where, any_size=self.exact)
            if exact is not None:
                return best_per_item((decode_unit(uid, {}).item_id, sim) for uid, sim in exact)
        allowed = self.units.unit_ids_where(where) if where and self.units is not None else None
        if allowed is None:
            hits = self.store.query(vector, k=n, where=where, texts=False)
        else:
            hits = self.store.query(vector, k=n, where=where, unit_ids=allowed, texts=False)
        return best_per_item((hit.item_id, hit.similarity) for hit in hits)

    def rescore(self, text: str, item_ids: Sequence[str]) -> list[Ranked]:
        """Each item at its best unit's exact cosine, with every unit's score kept."""
        vector = self._vector(text)
        scored: dict[str, list[tuple[str, float]]] = {}
        if self.units is not None:
            # vectors the unit table holds are read there; the rest from Chroma
            scored = self.units.unit_similarities(vector, item_ids) or {}
            rest = [item for item in item_ids if item not in scored]
            if rest:
                known = self.units.unit_ids_of(rest)
                found = self.store.unit_similarities(vector, rest, known_units=known)
                scored.update(_pairs(found))
        else:
            scored = _pairs(self.store.unit_similarities(vector, item_ids))
        ranked = [
            Ranked(item_id, max(sim for _, sim in units), dict(units))
            for item_id, units in scored.items()
            if units
        ]
        order = {item_id: n for n, item_id in enumerate(item_ids)}
        ranked.sort(key=lambda r: (-r.score, order.get(r.item_id, len(order))))
        return ranked

    def _vector(self, text: str) -> Vector:
        """The question's embedding; search and rescore of one question embed it once."""
        with self._lock:
            if text in self._vectors:
                self._vectors.move_to_end(text)
                return self._vectors[text]
        vector = self.embedder.embed_query(text)
        with self._lock:
            self._vectors[text] = vector
            while len(self._vectors) > 32:
                self._vectors.popitem(last=False)
        return vector


def _pairs(by_item: dict[str, list[UnitHit]]) -> dict[str, list[tuple[str, float]]]:
    return {item: [(h.unit_id, h.similarity) for h in hits] for item, hits in by_item.items()}
