"""What every retrieval signal provides: a ranking of agenda items for a question.

Searchers retrieve *units* (chunks, decision blocks, single resolutions and actions; see
:mod:`index.chunking`) and rank the *items* those units belong to, each item at its best unit,
because one agenda item is what an answer quotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from index.schema import Where

UNITS_PER_ITEM = 8
"""Units fetched per wanted item: an item's chunks, decision and resolutions compete for the
same places, so k items need several times k units."""


@dataclass(frozen=True)
class Ranked:
    """One item in one searcher's ranking; ``score`` is on that searcher's own scale.

    ``units`` optionally scores the item's units one by one (unit ID → score), so an answer
    can quote the unit that matched best without searching again.
    """

    item_id: str
    score: float
    units: Mapping[str, float] = field(default_factory=dict, compare=False)


class Searcher(Protocol):
    """A retrieval signal. ``name`` keys its weight in a pipeline and its score on candidates."""

    name: str

    def search(self, text: str, k: int, where: Where | None = None) -> list[Ranked]:
        """Items for ``text`` that pass ``where``, best first, at least the top ``k`` of them.

        A ranking may hold more than ``k`` items (every item its units pointed at): an item
        just below ``k`` here can still rise in the fused ranking, so the pipeline cuts after
        fusing, not before.
        """
        ...


@runtime_checkable
class Rescorer(Protocol):
    """A searcher that can also score given items exactly (not only find the best ones).

    A pipeline asks it to score every item any of its searchers found, so each candidate is
    judged on this signal even when the signal's own search missed it (an approximate nearest-
    neighbour index can), and its ranking is exact within that pool.
    """

    name: str

    def rescore(self, text: str, item_ids: Sequence[str]) -> list[Ranked]:
        """These items scored for ``text``, best first; an item it cannot score is left out."""
        ...


def best_per_item(scored_units: Iterable[tuple[str, float]]) -> list[Ranked]:
    """Rank items by their best unit's score; equal scores keep the order units came in."""
    best: dict[str, float] = {}
    for item_id, score in scored_units:
        if item_id not in best or score > best[item_id]:
            best[item_id] = score
    ranked = sorted(best.items(), key=lambda pair: pair[1], reverse=True)
    return [Ranked(item_id, score) for item_id, score in ranked]
