"""Indexing a folder encodes the new texts of several files in one encoder call (less padding),
and stores exactly what indexing the files one by one stores."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np

from bot.settings import Settings
from index.indexer import LOOKAHEAD_TEXTS, Indexer, IndexSummary, index_paths
from index.sources import discover
from index.store import open_store


class CountingEmbedder:
    """Deterministic vectors from a text's hash; records the size of every encoder call."""

    batch_size = 32

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed_documents(self, texts):
        self.calls.append(len(texts))
        return [self._vector(t) for t in texts]

    def embed_query(self, text):
        return self._vector(text)

    @staticmethod
    def _vector(text: str) -> list[float]:
        seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
        v = np.random.default_rng(seed).normal(size=8)
        return (v / np.linalg.norm(v)).tolist()


def stored(settings: Settings) -> dict[str, object]:
    store = open_store(settings)
    units = store.units.get(include=["documents", "embeddings"])
    items = store.items.get(include=["documents", "embeddings"])
    return {
        "units": sorted(
            (i, d, tuple(np.round(e, 6)))
            for i, d, e in zip(units["ids"], units["documents"], units["embeddings"], strict=True)
        ),
        "items": sorted(
            (i, d, tuple(np.round(e, 6)))
            for i, d, e in zip(items["ids"], items["documents"], items["embeddings"], strict=True)
        ),
    }


def test_a_folder_is_encoded_in_few_calls_and_stored_as_file_by_file(
    tmp_path: Path, samples_dir: Path
) -> None:
    folder = tmp_path / "minutes"
    shutil.copytree(samples_dir, folder)
    files = list(discover([folder]))
    assert len(files) >= 3

    ahead = CountingEmbedder()
    together = Settings(data_dir=tmp_path / "together")
    summary = index_paths([folder], together, embedder=ahead)
    assert summary.in_index == len(files)

    one_by_one = CountingEmbedder()
    alone = Settings(data_dir=tmp_path / "alone")
    indexer = Indexer(alone, open_store(alone), one_by_one)
    each = IndexSummary()
    for path in files:
        each.outcomes.append(indexer.index_file(path, each))

    assert stored(together) == stored(alone)
    assert sum(ahead.calls) <= sum(one_by_one.calls)  # repeated texts are encoded once
    assert len(ahead.calls) < len(files) < len(one_by_one.calls)
    assert max(ahead.calls) <= 2 * LOOKAHEAD_TEXTS


def test_nothing_new_encodes_nothing(tmp_path: Path, samples_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    index_paths([samples_dir], settings, embedder=CountingEmbedder())
    again = CountingEmbedder()
    summary = index_paths([samples_dir], settings, embedder=again)
    assert summary.count("unchanged") == summary.in_index > 0
    assert again.calls == []
