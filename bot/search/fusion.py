"""Fusion of ranked lists (one per retrieval signal) into one ranking.

:func:`rrf` (reciprocal-rank fusion) uses ranks, not scores, so a cosine similarity and a BM25
score never need to be put on one scale; k=60 is the constant from Cormack et al. (2009).
:func:`convex` sums normalised scores instead, for signals that score every candidate. Per-list
weights let a caller lean on one signal.
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


def convex(
    rankings: Mapping[str, Sequence[tuple[K, float]]],
    *,
    weights: Mapping[str, float] | None = None,
) -> list[tuple[K, float]]:
    """Fuse named rankings of (key, score) by a weighted sum of min-max normalised scores.

    Rank fusion throws away how far apart two items are; when every candidate carries a
    comparable score on each signal (the dense signal scores the whole pool exactly), a convex
    combination of normalised scores keeps it, and is the stronger fusion (Bruch et al., "An
    Analysis of Fusion Functions for Hybrid Retrieval", 2023). Each ranking is normalised to
    [0, 1] over its own items; a key a ranking lacks scores 0 there. Ties keep first-seen order.
    """
    scores: dict[K, float] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        best: dict[K, float] = {}
        for key, score in ranking:
            if key not in best or score > best[key]:
                best[key] = score
        for key in best:
            scores.setdefault(key, 0.0)
        if not best:
            continue
        low, high = min(best.values()), max(best.values())
        span = high - low
        for key, score in best.items():
            scores[key] += weight * ((score - low) / span if span > 0 else 1.0)
    return sorted(scores.items(), key=lambda kv: -kv[1])
