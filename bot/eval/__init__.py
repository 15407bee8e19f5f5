"""Evaluation: questions with expected items and quotes, scored for the full pipeline and
for dense-only and BM25-only baselines in one run."""
