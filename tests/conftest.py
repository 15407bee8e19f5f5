"""Session-wide fixtures: the real embedding model, loaded once, and the data folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.paths import REPO

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

SAMPLES = REPO / "samples" / "minutes"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (real minutes beside the checkout) is not present")
    return SHARED


@pytest.fixture(scope="session")
def embedder():
    from index.embeddings import shared_embedder

    return shared_embedder()
