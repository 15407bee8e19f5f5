"""The pipelines the bot answers with and the evaluation compares it to.

To add a retrieval signal, write a :class:`~bot.search.base.Searcher` in its own module and
add one ``Weighted(...)`` line to :func:`standard`; the evaluation then reports the new
pipeline beside the single-signal baselines.
"""

from __future__ import annotations

from bot.search.dense import DENSE, DenseSearcher
from bot.search.lexical import LEXICAL, LexicalSearcher
from bot.search.pipeline import Pipeline, Weighted
from index.embeddings import Embedder
from index.lexical import LexicalIndex
from index.store import MinutesStore

HYBRID = "hybrid"

# Tuned on ../shared/eval/dev.jsonl (item rankings before abstention, 64 answerable questions):
# lexical evidence is the sharper of the two for names, codes and figures, so it counts double,
# and a small k lets first places dominate. k=60/equal weights: MRR 0.760, recall@5 0.891;
# k=10/lexical x2: MRR 0.795, recall@5 0.906 (dense alone 0.701/0.859, BM25 alone 0.789/0.891).
FUSION_K = 10


def standard(store: MinutesStore, embedder: Embedder, lexical: LexicalIndex) -> Pipeline:
    """The product: dense and BM25, fused."""
    return Pipeline(
        HYBRID,
        [
            Weighted(DenseSearcher(store, embedder), 1.0),
            Weighted(LexicalSearcher(lexical), 2.0),
        ],
        k=FUSION_K,
    )


def baselines(store: MinutesStore, embedder: Embedder, lexical: LexicalIndex) -> list[Pipeline]:
    """Each signal alone, for the evaluation to show what fusing them adds."""
    return [
        Pipeline(DENSE, [Weighted(DenseSearcher(store, embedder))]),
        Pipeline(LEXICAL, [Weighted(LexicalSearcher(lexical))]),
    ]
