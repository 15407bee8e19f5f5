"""Run weighted searchers and fuse their item rankings into candidates for an answer.

The idiom is pyserini's ``HybridSearcher(dense, sparse)``, generalised to any number of
signals: each searcher ranks items on its own scale, and reciprocal-rank fusion combines the
rankings, so no score needs calibrating against another. A pipeline of one searcher is that
searcher's ranking unchanged (its own scores kept), which is what the evaluation's single-signal
baselines are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.search.base import Searcher
from bot.search.fusion import RRF_K, rrf
from index.schema import Where


@dataclass
class ItemCandidate:
    """An item and the evidence for it. ``score`` orders candidates within one pipeline (the
    fused score, or the only searcher's); ``scores`` holds each searcher's own score for the
    item by searcher name, absent when that searcher did not find it."""

    item_id: str
    score: float
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Weighted:
    """A searcher and how much its ranking counts in the fusion."""

    searcher: Searcher
    weight: float = 1.0


class Pipeline:
    """Weighted searchers fused by RRF with constant ``k``; ``name`` labels it in reports."""

    def __init__(self, name: str, searchers: Sequence[Weighted], *, k: int = RRF_K) -> None:
        names = [w.searcher.name for w in searchers]
        if not names:
            raise ValueError("a pipeline needs at least one searcher")
        if len(set(names)) != len(names):
            raise ValueError(f"searcher names must differ: {names}")
        self.name = name
        self.searchers = list(searchers)
        self.k = k

    def search(self, text: str, k: int, where: Where | None = None) -> list[ItemCandidate]:
        """The top ``k`` items for ``text`` among those passing ``where``, best first."""
        rankings = {w.searcher.name: w.searcher.search(text, k, where) for w in self.searchers}
        if len(rankings) == 1:
            ((name, ranked),) = rankings.items()
            return [ItemCandidate(r.item_id, r.score, {name: r.score}) for r in ranked[:k]]
        by_id: dict[str, ItemCandidate] = {}
        for name, ranked in rankings.items():
            for r in ranked:
                by_id.setdefault(r.item_id, ItemCandidate(r.item_id, 0.0)).scores[name] = r.score
        fused = rrf(
            {name: [r.item_id for r in ranked] for name, ranked in rankings.items()},
            weights={w.searcher.name: w.weight for w in self.searchers},
            k=self.k,
        )
        out = []
        for item_id, score in fused[:k]:
            candidate = by_id[item_id]
            candidate.score = score
            out.append(candidate)
        return out
