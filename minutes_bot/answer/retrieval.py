"""Find the agenda items that best answer a question (v1: dense retrieval over units).

Units (chunks, decision blocks, single resolutions and actions) are searched, then grouped
by the item they belong to; an item scores as its best unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes_bot.index.embeddings import Embedder
from minutes_bot.index.store import MinutesStore, UnitHit, Where

UNITS_PER_ITEM = 8


@dataclass
class ItemCandidate:
    item_id: str
    score: float
    hits: list[UnitHit] = field(default_factory=list)


def retrieve(
    store: MinutesStore,
    embedder: Embedder,
    text: str,
    *,
    k_items: int,
    where: Where | None = None,
) -> list[ItemCandidate]:
    hits = store.query(embedder.embed_query(text), k=k_items * UNITS_PER_ITEM, where=where)
    return group_by_item(hits)[:k_items]


def group_by_item(hits: list[UnitHit]) -> list[ItemCandidate]:
    by_item: dict[str, ItemCandidate] = {}
    for hit in hits:
        candidate = by_item.setdefault(hit.item_id, ItemCandidate(hit.item_id, hit.similarity))
        candidate.score = max(candidate.score, hit.similarity)
        candidate.hits.append(hit)
    return sorted(by_item.values(), key=lambda c: c.score, reverse=True)
