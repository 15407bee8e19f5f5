"""Session-wide fixtures: the real embedding model, loaded once, and the data folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.paths import REPO

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# One ONNX export of the embedding model for the whole session and every process it starts
# (each data folder would otherwise export its own, ~15 s each).
os.environ.setdefault("MINUTES_BOT_MODEL_CACHE", str(REPO / ".minutes-bot" / "models"))

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


@pytest.fixture(scope="session")
def redis_server():
    """A real ``redis-server`` on 127.0.0.1 (Debian's package; ``make install`` installs it)."""
    from tests.servers import redis_binary, redis_server

    if redis_binary() is None:  # a failure, not a skip: CI must not pass without the test
        pytest.fail("redis-server is not installed (make install adds Debian's redis-server)")
    with redis_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL on 127.0.0.1 with a password (Debian's package, as ``nobody`` as root)."""
    from tests.servers import postgres_bin, postgres_server

    if postgres_bin() is None:
        pytest.fail("PostgreSQL is not installed (make install adds Debian's postgresql)")
    with postgres_server() as server:
        yield server
