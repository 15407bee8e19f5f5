"""Shared by the sync CLI tests: ``minutes-bot sync`` and ``ask`` as real processes, and what
the index holds afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.settings import Settings
from index.schema import ItemMeta, decode_item
from index.store import open_store
from tests.paths import REPO

PAGE_TIMEOUT = 2.0
"""Seconds the sync waits for one page here; the fake's slow page takes ``SLOW``."""
SLOW = 3.0
BACKOFF = 1.5
"""A retry starts after the slow page has finished, so the fake never serves two at once."""
CONTACT = "https://example.invalid/minutes-bot-tests"


def env(**extra: str) -> dict[str, str]:
    """The child's environment: this checkout's code, offline, fast but real politeness."""
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "MINUTES_BOT_SYNC_RETRIES": "1",
        "MINUTES_BOT_SYNC_BACKOFF": str(BACKOFF),
        "MINUTES_BOT_SYNC_CONTACT": CONTACT,
        **extra,
    }


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def lines(self, prefix: str) -> list[str]:
        return [line for line in self.stdout.splitlines() if line.startswith(prefix)]


def sync_args(data_dir: Path, url: str, *extra: str, timeout: float = PAGE_TIMEOUT) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bot.cli",
        "sync",
        url,
        "--data-dir",
        str(data_dir),
        "--no-progress",
        "--delay",
        "0.05",
        "--timeout",
        str(timeout),
        *extra,
    ]


def run_sync(
    data_dir: Path,
    url: str,
    *extra: str,
    timeout: float = PAGE_TIMEOUT,
    environment: dict[str, str] | None = None,
) -> Run:
    """``python -m bot.cli sync URL --data-dir DIR …`` as cron would run it."""
    result = subprocess.run(
        sync_args(data_dir, url, *extra, timeout=timeout),
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env(**(environment or {})),
        timeout=900,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def ask_json(data_dir: Path, question: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--json", "--data-dir", str(data_dir), question],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env(),
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def stored(data_dir: Path) -> dict[str, tuple[str, ItemMeta]]:
    """Every stored item: ``source_item_id`` → (verbatim text, typed metadata)."""
    got = open_store(Settings(data_dir=data_dir)).items.get(include=["documents", "metadatas"])
    items = {}
    for doc, meta in zip(got["documents"], got["metadatas"], strict=True):
        typed = decode_item(meta or {})
        items[str(typed.source_item_id)] = (doc or "", typed)
    return items


def stored_ids(data_dir: Path) -> dict[str, str]:
    """``source_item_id`` → stored item ID."""
    got = open_store(Settings(data_dir=data_dir)).items.get(include=["metadatas"])
    return {
        str(decode_item(meta or {}).source_item_id): iid
        for iid, meta in zip(got["ids"], got["metadatas"], strict=True)
    }
