"""Reciprocal-rank fusion of ranked lists (one per retrieval signal).

RRF uses ranks, not scores, so a cosine similarity and a BM25 score never need to be put on
one scale; k=60 is the constant from Cormack et al. (2009). Per-list weights let a caller lean
on one signal (e.g. lexical for quoted names and numbers).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

RRF_K = 60


def rrf(
    rankings: Mapping[str, Sequence[K]],
    *,
    weights: Mapping[str, float] | None = None,
    k: int = RRF_K,
) -> list[tuple[K, float]]:
    """Fuse named rankings (best first) into one list of (key, fused score), best first.

    Ties keep the order in which keys were first seen, list by list, so the result is stable.
    """
    scores: dict[K, float] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        seen: set[K] = set()
        for rank, key in enumerate(ranking, start=1):
            if key in seen:
                continue  # a key listed twice in one ranking counts once, at its best rank
            seen.add(key)
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])
