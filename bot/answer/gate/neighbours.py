"""The asker's own words for the minutes' words, from the embedding model: each word of the
index's vocabulary near which other words lie, by the cosine of their embeddings.

Questions generated from an item's own words share every word with it; real questions do not
("hotel tax" for "Municipal Accommodation Tax"). A gate fitted on the first learns that an
answer repeats the question's words and refuses the second. Swapping some words of a generated
question for their nearest neighbours in meaning (another stem, absent from the item) gives it
the vocabulary gap real questions have, with no lexicon: the model supplies the neighbours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from index.words import tokenize

MIN_SIMILARITY = 0.5
"""A neighbour less similar than this is no word for the same thing: the word is kept."""
NEIGHBOURS = 5


class Neighbours:
    """Nearest words in meaning among ``vocabulary`` (embedded once, in one batch)."""

    def __init__(
        self, vocabulary: Sequence[str], embed: Callable[[Sequence[str]], Sequence[Sequence[float]]]
    ) -> None:
        self.words = list(dict.fromkeys(w.lower() for w in vocabulary))
        self.index = {w: n for n, w in enumerate(self.words)}
        vectors = np.asarray(embed(self.words), dtype=np.float32) if self.words else None
        if vectors is not None and len(vectors):
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        self.vectors = vectors
        self._stems = [frozenset(tokenize(w)) for w in self.words]

    def of(self, word: str, avoid: frozenset[str] = frozenset()) -> list[str]:
        """Up to :data:`NEIGHBOURS` words close to ``word``, closest first: none sharing its
        stem, none whose stems are in ``avoid`` (the item's own tokens)."""
        n = self.index.get(word.lower())
        if n is None or self.vectors is None:
            return []
        sims = self.vectors @ self.vectors[n]
        own = self._stems[n]
        out: list[str] = []
        for m in np.argsort(-sims)[: 8 * NEIGHBOURS]:
            if sims[m] < MIN_SIMILARITY or len(out) >= NEIGHBOURS:
                break
            stems = self._stems[m]
            if m == n or not stems or stems & own or stems & avoid:
                continue
            out.append(self.words[m])
        return out
