"""The bundled sentence-transformers model run through onnxruntime, without importing torch,
transformers or sentence-transformers at answer time.

Importing sentence-transformers costs seconds, most of a cold ``minutes-bot ask``. The model is
exported to ONNX once (that one time does need torch, about 15 s), cached beside the index
(``<data dir>/models``, or wherever ``MINUTES_BOT_MODEL_CACHE`` says; the container bakes it in),
and then run with onnxruntime and the model's own ``tokenizer.json`` through the ``tokenizers``
library. Tokenizing (truncation at the model's ``max_seq_length``), mean pooling over the
attention mask and L2 normalisation follow sentence-transformers' own modules for this model, so
vectors agree with its output to float precision (``tests/index/test_onnx_model.py``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17


def cache_key(model_path: Path) -> str:
    """Names the export after the model's files (size and mtime), so a new model re-exports."""
    parts = [model_path.resolve().as_posix()]
    for name in ("model.safetensors", "pytorch_model.bin", "config.json", "tokenizer.json"):
        file = model_path / name
        if file.is_file():
            stat = file.stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def onnx_file(model_path: Path, cache_dir: Path) -> Path:
    return cache_dir / f"{model_path.resolve().parent.name}-{cache_key(model_path)}.onnx"


def ensure_onnx(model_path: Path, cache_dir: Path) -> Path:
    """The cached export for ``model_path``, made first if missing (atomically: processes that
    start together never read a half-written file)."""
    target = onnx_file(model_path, cache_dir)
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        export(model_path, Path(tmp))
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    log.warning("exported the embedding model to ONNX: %s", target)
    return target


def export(model_path: Path, target: Path) -> None:
    """Trace the transformer (not pooling: that is done here in numpy) to ONNX."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    base = AutoModel.from_pretrained(str(model_path)).eval()

    # torch is not type-checked (see pyproject): its Module is Any to mypy
    class Hidden(torch.nn.Module):  # type: ignore[misc]
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about constants that hold for BERT
        torch.onnx.export(
            Hidden(base),
            (sample, sample, torch.zeros_like(sample)),
            str(target),
            input_names=list(INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


class OnnxEncoder:
    """Sentence embeddings (mean-pooled, normalised) from an exported model."""

    def __init__(self, model_path: Path, onnx_path: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=_max_seq_length(model_path))
        pad = self.tokenizer.token_to_id("[PAD]") or 0
        self.tokenizer.enable_padding(pad_id=pad, pad_token="[PAD]")
        self.dimension = int(self.session.get_outputs()[0].shape[-1] or 0) or _dimension(model_path)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Rows in the order given; batches are formed by length (less padding, as
        sentence-transformers does) and put back."""
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out: np.ndarray = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            picked = order[start : start + batch_size]
            out[picked] = self._batch([texts[i] for i in picked])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.asarray([e.type_ids for e in encodings], dtype=np.int64)
        (hidden,) = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        )
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = pooled / np.clip(norms, 1e-12, None)
        return unit


def _max_seq_length(model_path: Path) -> int:
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


def _dimension(model_path: Path) -> int:
    return int(json.loads((model_path / "config.json").read_text())["hidden_size"])
