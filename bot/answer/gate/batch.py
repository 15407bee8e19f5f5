"""Retrieval for many generated questions at once, as the answerer retrieves for one.

Fitting the gate asks a few hundred questions. One at a time, embedding them is most of the
cost (a model call each); embedded together it is a fraction, so the pipeline's dense
searchers are handed the batch's vectors for the duration, and search exactly over the saved
vectors where the index holds them (the same ranking the bot's approximate search makes, or a
nearer one; see :attr:`bot.search.dense.DenseSearcher.exact`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from bot.answer.asked import asked
from bot.answer.gate.features import Retrieval
from bot.answer.question import Query
from bot.search.pipeline import Pipeline
from index.schema import StoredItem

CANDIDATES = 10  # as many as the answerer judges


def retrievals(
    questions: Sequence[str],
    *,
    understand: Callable[[str], Query],
    outside: Callable[[Query], bool],
    pipeline: Pipeline,
    get_items: Callable[[Iterable[str]], Mapping[str, StoredItem]],
    idf: Callable[[str], float],
) -> list[Retrieval | None]:
    """Each question's :class:`Retrieval` (None when the scope check refuses it first)."""
    queries = [understand(q) for q in questions]
    searched = [q.search_text for q in queries]
    out: list[Retrieval | None] = []
    with primed(pipeline, searched):
        for query, text in zip(queries, searched, strict=True):
            if outside(query):
                out.append(None)
                continue
            candidates = pipeline.search(text, CANDIDATES, query.where())
            items = get_items(c.item_id for c in candidates)
            out.append(Retrieval(query.asked, asked(query), candidates, items, idf))
    return out


class _Primed:
    """An embedder that answers from vectors computed in one batch, else asks the real one."""

    def __init__(self, embedder: Any, vectors: dict[str, Any]) -> None:
        self.embedder = embedder
        self.vectors = vectors

    def embed_query(self, text: str) -> Any:
        found = self.vectors.get(text)
        return found if found is not None else self.embedder.embed_query(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.embedder, name)


@contextmanager
def primed(pipeline: Pipeline, texts: Sequence[str]) -> Iterator[None]:
    """The pipeline's dense searchers embed ``texts`` from one batch while inside."""
    saved: list[tuple[Any, Any, Any]] = []
    for weighted in pipeline.searchers:
        searcher = weighted.searcher
        embedder = getattr(searcher, "embedder", None)
        if embedder is None:
            continue
        unique = list(dict.fromkeys(texts))
        vectors = dict(zip(unique, embedder.embed_documents(unique), strict=True))
        saved.append((searcher, embedder, getattr(searcher, "exact", None)))
        searcher.embedder = _Primed(embedder, vectors)  # type: ignore[attr-defined]
        units = getattr(searcher, "units", None)
        if units is not None and units.has_vectors():
            searcher.exact = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for searcher, embedder, exact in saved:
            searcher.embedder = embedder
            if exact is not None:
                searcher.exact = exact
