"""The ONNX backend gives the vectors sentence-transformers gives, without importing torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from index.embeddings import Embedder
from tests.paths import REPO

pytestmark = pytest.mark.slow

TEXTS = [
    "RESOLVED: that the library opening hours review be approved.",
    "The Head of Libraries to report back to the Board in March 2025.",
    "Tender RFT-2024-315 awarded to Bre-Build Ltd.",
    "#FutureTrafford",
    "Parking charges on the High Street were increased by 10%. " * 40,  # past max_seq_length
    "",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Embedder, Embedder]:
    from index.embeddings import configure_model_cache

    cache = tmp_path_factory.mktemp("models")
    configure_model_cache(cache)
    onnx = Embedder(backend="onnx")
    onnx.model_cache = cache  # for the subprocess below
    return onnx, Embedder(backend="torch")


def test_onnx_vectors_match_sentence_transformers(both) -> None:
    onnx, torch = both
    a = np.asarray(onnx.embed_documents(TEXTS))
    b = np.asarray(torch.embed_documents(TEXTS))
    assert onnx.backend == "onnx" and a.shape == b.shape == (len(TEXTS), 384)
    assert np.abs(a - b).max() < 1e-4
    assert (a * b).sum(axis=1).min() > 0.9999
    assert onnx.dimension == torch.dimension == 384


def test_onnx_rankings_are_the_same(both) -> None:
    onnx, torch = both
    for query in ("who reports back on libraries?", "which contractor won the tender?"):
        ranks = []
        for embedder in (onnx, torch):
            docs = np.asarray(embedder.embed_documents(TEXTS[:5]))
            ranks.append(np.argsort(-(docs @ np.asarray(embedder.embed_query(query)))).tolist())
        assert ranks[0] == ranks[1]


def test_a_question_is_embedded_without_importing_torch(both, tmp_path) -> None:
    code = (
        "import sys; from index.embeddings import Embedder, configure_model_cache; "
        f"configure_model_cache(__import__('pathlib').Path({str(both[0].model_cache)!r})); "
        "v = Embedder(backend='onnx').embed_query('library hours'); "
        "print(len(v), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["384", "False", "False"]
