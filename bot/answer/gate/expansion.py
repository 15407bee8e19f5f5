"""Vocabulary from the corpus: a relevance model (RM3-style) of the question's top hits.

People ask in their own words ("car parks", "hotel tax"); minutes write "Parking Garage
Management", "Municipal Accommodation Tax". Dense retrieval usually ranks the right item first
anyway, so the words its top hits share — weighted by how close each hit is and by idf, so
"council" counts for nothing — say what the question is about in the minutes' own words. That
is pseudo-relevance feedback: no lexicon, nothing fitted to any question.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set

FEEDBACK_DOCS = 5
"""How many of the top hits the relevance model is estimated from."""
EXPANSION_TERMS = 20
"""How many of its terms are kept (RM3's usual 10-30)."""
TEMPERATURE = 0.05
"""Softmax temperature over the hits' cosine similarities: a hit 0.05 closer weighs e times more."""


def relevance_model(
    hits: Sequence[tuple[Mapping[str, float], float]], *, terms: int = EXPANSION_TERMS
) -> dict[str, float]:
    """Term → weight (summing to 1) from ``hits`` (an item's profile, its similarity).

    P(w|R) ∝ Σ_d P(d|q) · tf(w, d)/|d|, times idf(w) so that words every item uses fall out
    (a profile holds tf/|d| · idf per term, :meth:`bot.answer.gate.features.Retrieval.profile`).
    """
    top = [(profile, sim) for profile, sim in hits if profile]
    if not top:
        return {}
    best = max(sim for _, sim in top)
    prior = [math.exp((sim - best) / TEMPERATURE) for _, sim in top]
    norm = sum(prior)
    weights: dict[str, float] = {}
    for (profile, _), p in zip(top, prior, strict=True):
        for token, w in profile.items():
            weights[token] = weights.get(token, 0.0) + (p / norm) * w
    kept = [
        (t, w)
        for t, w in sorted(weights.items(), key=lambda tw: -tw[1])[: terms * 2]
        if not any(c.isdigit() for c in t)
    ]
    kept = kept[:terms]
    total = sum(w for _, w in kept)
    return {t: w / total for t, w in kept} if total else {}


def agreement(model: Mapping[str, float], item_tokens: Set[str]) -> float:
    """The share of the relevance model's weight an item's text holds: an item that shares the
    vocabulary of the question's other close hits is about the same thing they are."""
    return sum(w for t, w in model.items() if t in item_tokens)
