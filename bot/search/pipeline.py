"""Run weighted searchers and fuse their item rankings into candidates for an answer.

The idiom is pyserini's ``HybridSearcher(dense, sparse)``, generalised to any number of
signals: each searcher ranks items on its own scale, and the pipeline fuses the rankings in one
of two ways. ``fusion=CONVEX`` (the product's, dense 0.7 and BM25 0.3, see
:mod:`bot.search.pipelines`) min-max normalises each ranking's scores over its own items and
sums them by weight, so how far apart two items are still counts; ``fusion=RRF`` (the default
of this class, constant ``k``) uses ranks only. Before fusing, every searcher that can score
given items exactly (a :class:`~bot.search.base.Rescorer`, the dense one) rescores the pool of
items all searchers found. A pipeline of one searcher is that searcher's ranking, not fused
(its own scores kept; rescored exactly if it can be), which is what the evaluation's
single-signal baselines are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.search.base import Ranked, Rescorer, Searcher
from bot.search.fusion import RRF_K, convex, rrf
from index.schema import Where

POOL_PER_RANKING = 2
"""How deep into each searcher's ranking (in multiples of the items wanted) the pool of items
for exact rescoring reaches."""


@dataclass
class ItemCandidate:
    """An item and the evidence for it. ``score`` orders candidates within one pipeline (the
    fused score, or the only searcher's); ``scores`` holds each searcher's own score for the
    item by searcher name, absent when that searcher did not find it."""

    item_id: str
    score: float
    scores: dict[str, float] = field(default_factory=dict)
    units: dict[str, float] = field(default_factory=dict)
    """Unit ID → score from a searcher that scores units one by one (the dense one)."""


@dataclass(frozen=True)
class Weighted:
    """A searcher and how much its ranking counts in the fusion."""

    searcher: Searcher
    weight: float = 1.0


RRF = "rrf"
CONVEX = "convex"


class Pipeline:
    """Weighted searchers fused by RRF with constant ``k`` (``fusion=RRF``) or by a weighted
    sum of normalised scores (``fusion=CONVEX``); ``name`` labels it in reports."""

    def __init__(
        self, name: str, searchers: Sequence[Weighted], *, k: int = RRF_K, fusion: str = RRF
    ) -> None:
        names = [w.searcher.name for w in searchers]
        if not names:
            raise ValueError("a pipeline needs at least one searcher")
        if len(set(names)) != len(names):
            raise ValueError(f"searcher names must differ: {names}")
        if fusion not in (RRF, CONVEX):
            raise ValueError(f"unknown fusion {fusion!r}")
        self.name = name
        self.searchers = list(searchers)
        self.k = k
        self.fusion = fusion

    def search(self, text: str, k: int, where: Where | None = None) -> list[ItemCandidate]:
        """The top ``k`` items for ``text`` among those passing ``where``, best first."""
        rankings = self.rankings(text, k, where)
        if len(rankings) == 1:
            ((name, ranked),) = rankings.items()
            return [
                ItemCandidate(r.item_id, r.score, {name: r.score}, dict(r.units))
                for r in ranked[:k]
            ]
        by_id: dict[str, ItemCandidate] = {}
        for name, ranked in rankings.items():
            for r in ranked:
                candidate = by_id.setdefault(r.item_id, ItemCandidate(r.item_id, 0.0))
                candidate.scores[name] = r.score
                candidate.units.update(r.units)
        weights = {w.searcher.name: w.weight for w in self.searchers}
        if self.fusion == CONVEX:
            fused = convex(
                {name: [(r.item_id, r.score) for r in ranked] for name, ranked in rankings.items()},
                weights=weights,
            )
        else:
            fused = rrf(
                {name: [r.item_id for r in ranked] for name, ranked in rankings.items()},
                weights=weights,
                k=self.k,
            )
        out = []
        for item_id, score in fused[:k]:
            candidate = by_id[item_id]
            candidate.score = score
            out.append(candidate)
        return out

    def rankings(self, text: str, k: int, where: Where | None = None) -> dict[str, list[Ranked]]:
        """Each searcher's own ranking, as fused (rescored where a searcher can), by name."""
        rankings = {w.searcher.name: w.searcher.search(text, k, where) for w in self.searchers}
        return self._rescored(text, k, rankings)

    def rescore(self, text: str, item_ids: Sequence[str]) -> list[ItemCandidate]:
        """These items as candidates scored by every searcher that can score given items
        (an item found some other way, e.g. by its title, judged on the same evidence)."""
        by_id = {item_id: ItemCandidate(item_id, 0.0) for item_id in item_ids}
        for w in self.searchers:
            if isinstance(w.searcher, Rescorer) and by_id:
                for r in w.searcher.rescore(text, list(by_id)):
                    by_id[r.item_id].scores[w.searcher.name] = r.score
                    by_id[r.item_id].units.update(r.units)
        return list(by_id.values())

    def _rescored(
        self, text: str, k: int, rankings: dict[str, list[Ranked]]
    ) -> dict[str, list[Ranked]]:
        """Every searcher that can score items exactly ranks the pool all searchers found.

        The pool is each ranking's first ``POOL_PER_RANKING * k`` items (a few hundred units
        at most, whatever the index size), so rescoring costs the same at 1,000 or 100,000
        items; items a ranking holds beyond its share keep their place after the pool.
        """
        rescorers = [w.searcher for w in self.searchers if isinstance(w.searcher, Rescorer)]
        if not rescorers:
            return rankings
        pool = list(
            dict.fromkeys(
                r.item_id for ranked in rankings.values() for r in ranked[: POOL_PER_RANKING * k]
            )
        )
        out = dict(rankings)
        for searcher in rescorers:
            exact = searcher.rescore(text, pool) if pool else []
            scored = {r.item_id for r in exact}
            rest = [r for r in rankings[searcher.name] if r.item_id not in scored]
            out[searcher.name] = exact + rest
        return out
