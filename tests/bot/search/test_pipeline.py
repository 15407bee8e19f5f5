"""Fusing any number of weighted searchers by rank; a pipeline of one is that searcher."""

from __future__ import annotations

import pytest

from bot.search.base import Ranked
from bot.search.fusion import convex, rrf
from bot.search.pipeline import CONVEX, Pipeline, Weighted
from tests.bot.search.fakes import FixedSearcher


def test_rrf_rewards_agreement_and_keeps_order_stable():
    fused = rrf({"dense": ["a", "b", "c"], "lexical": ["b", "d"]})
    assert [k for k, _ in fused][:2] == ["b", "a"]
    assert [k for k, _ in rrf({"x": ["p", "q"]})] == ["p", "q"]
    weighted = rrf({"dense": ["a", "b"], "lexical": ["b", "a"]}, weights={"lexical": 2.0})
    assert weighted[0][0] == "b"
    assert rrf({"x": ["p", "q", "p"]}) == rrf({"x": ["p", "q"]})  # a repeat counts once


def test_one_searcher_is_its_own_ranking_with_its_own_scores():
    only = FixedSearcher("bm25", [("a", 9.5), ("b", 7.0), ("c", 1.25)])
    got = Pipeline("bm25", [Weighted(only)]).search("library hours", 2, {"body": "X"})
    assert [(c.item_id, c.score, c.scores) for c in got] == [
        ("a", 9.5, {"bm25": 9.5}),
        ("b", 7.0, {"bm25": 7.0}),
    ]
    assert only.calls == [("library hours", 2, {"body": "X"})]


def test_fused_candidates_carry_each_searchers_score():
    dense = FixedSearcher("dense", [("a", 0.9), ("b", 0.8)])
    lexical = FixedSearcher("lexical", [("b", 12.0), ("c", 3.0)])
    got = Pipeline("hybrid", [Weighted(dense), Weighted(lexical)], k=60).search("q", 5)
    assert [c.item_id for c in got] == ["b", "a", "c"]
    by_id = {c.item_id: c for c in got}
    assert by_id["b"].scores == {"dense": 0.8, "lexical": 12.0}
    assert by_id["a"].scores == {"dense": 0.9}  # not found by BM25: no lexical score
    assert by_id["b"].score == pytest.approx(1 / 62 + 1 / 61)


def test_weights_and_k_decide_between_disagreeing_searchers():
    def fused(weight: float, k: int) -> list[str]:
        dense = FixedSearcher("dense", [("a", 0.9), ("b", 0.5)])
        lexical = FixedSearcher("lexical", [("b", 8.0), ("a", 2.0)])
        pipeline = Pipeline("p", [Weighted(dense), Weighted(lexical, weight)], k=k)
        return [c.item_id for c in pipeline.search("q", 2)]

    assert fused(1.0, 10) == ["a", "b"]  # a tie on ranks: the first searcher's order stands
    assert fused(2.0, 10) == ["b", "a"]


def test_an_item_below_k_in_one_ranking_still_counts_before_the_cut():
    dense = FixedSearcher("dense", [("a", 0.9), ("b", 0.8), ("c", 0.7)])
    lexical = FixedSearcher("lexical", [("c", 5.0), ("d", 4.0)])
    got = Pipeline("p", [Weighted(dense), Weighted(lexical)], k=10).search("q", 2)
    assert [c.item_id for c in got] == ["c", "a"]


def test_a_third_signal_is_one_more_line():
    dense = FixedSearcher("dense", [("a", 0.9), ("b", 0.8)])
    lexical = FixedSearcher("lexical", [("a", 5.0), ("b", 4.0)])
    recency = FixedSearcher("recency", [("b", 1.0), ("a", 0.0)])
    two = Pipeline("p", [Weighted(dense), Weighted(lexical)], k=10)
    three = Pipeline("p", [Weighted(dense), Weighted(lexical), Weighted(recency, 3.0)], k=10)
    assert [c.item_id for c in two.search("q", 2)] == ["a", "b"]
    assert [c.item_id for c in three.search("q", 2)] == ["b", "a"]
    assert three.search("q", 1)[0].scores == {"dense": 0.8, "lexical": 4.0, "recency": 1.0}


def test_a_pipeline_needs_distinct_searchers():
    with pytest.raises(ValueError):
        Pipeline("empty", [])
    with pytest.raises(ValueError):
        Pipeline("twice", [Weighted(FixedSearcher("x", [])), Weighted(FixedSearcher("x", []))])


class ExactSearcher(FixedSearcher):
    """A searcher whose own search is approximate (it can miss items) but which scores any
    item exactly when asked, as the dense searcher does over Chroma."""

    def __init__(self, name, ranking, exact):
        super().__init__(name, ranking)
        self.exact = exact
        self.rescored: list[list[str]] = []

    def rescore(self, text, item_ids):
        self.rescored.append(list(item_ids))
        found = [(i, self.exact[i]) for i in item_ids if i in self.exact]
        found.sort(key=lambda pair: -pair[1])
        return [Ranked(i, s, {f"{i}:c0": s}) for i, s in found]


def test_every_candidate_gets_an_exact_score_from_a_rescoring_searcher():
    # The approximate search missed "b" although it is the closest; BM25 found it.
    dense = ExactSearcher("dense", [("a", 0.61)], {"a": 0.62, "b": 0.80, "c": 0.20})
    lexical = FixedSearcher("lexical", [("b", 9.0), ("c", 8.0)])
    pipeline = Pipeline("p", [Weighted(dense), Weighted(lexical)], k=10)
    got = {c.item_id: c for c in pipeline.search("q", 3)}
    assert dense.rescored == [["a", "b", "c"]]  # the pool: what any searcher found
    assert got["b"].scores == {"dense": 0.80, "lexical": 9.0}
    assert got["a"].scores == {"dense": 0.62}
    assert got["b"].units == {"b:c0": 0.80}  # unit scores ride along, for quoting
    assert [r.item_id for r in pipeline.rankings("q", 3)["dense"]] == ["b", "a", "c"]
    assert pipeline.rescore("q", ["c"])[0].scores == {"dense": 0.20}


def test_convex_fusion_weighs_how_far_apart_scores_are():
    # BM25's first place shares one common word; dense puts it far below the others.
    dense = FixedSearcher("dense", [("a", 0.70), ("b", 0.68), ("c", 0.30)])
    lexical = FixedSearcher("lexical", [("c", 6.0), ("a", 5.5), ("b", 1.0)])
    by_rank = Pipeline("p", [Weighted(dense, 1.0), Weighted(lexical, 2.0)], k=10)
    by_score = Pipeline("p", [Weighted(dense, 0.7), Weighted(lexical, 0.3)], fusion=CONVEX)
    assert next(c.item_id for c in by_rank.search("q", 3)) == "c"
    assert [c.item_id for c in by_score.search("q", 3)] == ["a", "b", "c"]
    fused = convex({"x": [("p", 2.0), ("q", 1.0)], "y": [("q", 5.0)]}, weights={"y": 0.5})
    assert fused == [("p", 1.0), ("q", 0.5)]  # q: 0 on x (its lowest), 1 x 0.5 on y
    with pytest.raises(ValueError):
        Pipeline("p", [Weighted(dense)], fusion="max")
