"""The pipelines the bot answers with and the evaluation compares it to.

To add a retrieval signal, write a :class:`~bot.search.base.Searcher` in its own module and
add one ``Weighted(...)`` line to :func:`standard` (its weight in the convex sum); the tests
that pin the searcher list and the evaluation's labels are listed in ``docs/extending.md``.
"""

from __future__ import annotations

from bot.search.bm25 import LEXICAL, BM25Searcher
from bot.search.dense import DENSE, DenseSearcher
from bot.search.pipeline import CONVEX, Pipeline, Weighted
from index.embeddings import Embedder
from index.store import MinutesStore
from index.units import UnitTable

HYBRID = "hybrid"

# Measured on ../shared/eval/dev.jsonl (item rankings before abstention, 64 answerable
# questions), with every pooled candidate scored exactly by the dense signal: RRF with k=10 and
# lexical x2 (the earlier product) R@1 0.734, R@5 0.922, MRR 0.816; RRF equal weights 0.688 /
# 0.922 / 0.801; a convex sum of min-max normalised scores, dense 0.7 : lexical 0.3, 0.734 /
# 0.938 / 0.833 (0.2 to 0.4 for lexical all give R@5 0.94-0.97, MRR 0.82-0.83). RRF ranks a
# lexical first place far above a dense one even when the lexical hit shares one common word
# with the question ("park" in "Queen's Park") and lies near the bottom on dense similarity;
# the score sum sees how far apart the two are.
DENSE_WEIGHT = 0.7
LEXICAL_WEIGHT = 0.3


def standard(
    store: MinutesStore, embedder: Embedder, units: UnitTable, *, exact: bool = False
) -> Pipeline:
    """The product: dense and BM25, fused by their normalised scores (``exact``: see
    :attr:`bot.search.dense.DenseSearcher.exact`)."""
    return Pipeline(
        HYBRID,
        [
            Weighted(DenseSearcher(store, embedder, units, exact=exact), DENSE_WEIGHT),
            Weighted(BM25Searcher(units), LEXICAL_WEIGHT),
        ],
        fusion=CONVEX,
    )


def baselines(store: MinutesStore, embedder: Embedder, units: UnitTable) -> list[Pipeline]:
    """Each signal alone, for the evaluation to show what fusing them adds."""
    return [
        Pipeline(DENSE, [Weighted(DenseSearcher(store, embedder, units))]),
        Pipeline(LEXICAL, [Weighted(BM25Searcher(units))]),
    ]
