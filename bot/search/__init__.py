"""Retrieval signals behind one interface, fused into one ranking of agenda items.

A :class:`~bot.search.base.Searcher` ranks items for a question (dense vectors, BM25, …); a
:class:`~bot.search.pipeline.Pipeline` runs weighted searchers and fuses their rankings by
reciprocal rank. The product and the evaluation baselines are pipelines built in
:mod:`bot.search.pipelines`, so adding a signal is one module and one line there.
"""
