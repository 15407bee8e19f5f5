"""Retrieval signals behind one interface, fused into one ranking of agenda items.

A :class:`~bot.search.base.Searcher` ranks items for a question (dense vectors in
:mod:`bot.search.dense`, BM25 in :mod:`bot.search.bm25`, …); a
:class:`~bot.search.pipeline.Pipeline` runs weighted searchers and fuses their rankings. The
product (:func:`bot.search.pipelines.standard`) fuses by a weighted sum of min-max normalised
scores, dense 0.7 and BM25 0.3 (:func:`bot.search.fusion.convex`); reciprocal-rank fusion
(:func:`bot.search.fusion.rrf`) remains available to a pipeline but the product does not use
it. The product and the evaluation baselines are built in :mod:`bot.search.pipelines`, so adding
a signal is one module and one line there (plus the tests that pin the searcher list: see
``docs/extending.md``).
"""
