"""👍/👎 clicks, kept in SQLite under ``settings.state_dir`` so answers can be reviewed later.

Each row holds the question and the item IDs the user was shown, which is what an evaluation
needs to turn a click into a labelled example.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

FILE_NAME = "feedback.sqlite3"
UP = "up"
DOWN = "down"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    question TEXT NOT NULL,
    item_ids TEXT NOT NULL,
    user_id TEXT,
    channel_id TEXT,
    message_ts TEXT
)
"""


@dataclass(frozen=True)
class Feedback:
    vote: str
    question: str
    item_ids: tuple[str, ...]
    user_id: str | None = None
    channel_id: str | None = None
    message_ts: str | None = None
    at: str = ""


class FeedbackLog:
    """One SQLite file; a lock serialises writers from the listener threads."""

    def __init__(self, state_dir: Path) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / FILE_NAME
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(_SCHEMA)

    def record(
        self,
        vote: str,
        question: str,
        item_ids: Sequence[str],
        *,
        user_id: str | None = None,
        channel_id: str | None = None,
        message_ts: str | None = None,
    ) -> None:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        row = (at, vote, question, json.dumps(list(item_ids)), user_id, channel_id, message_ts)
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT INTO feedback (at, vote, question, item_ids, user_id, channel_id,"
                " message_ts) VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )

    def all(self) -> list[Feedback]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT vote, question, item_ids, user_id, channel_id, message_ts, at"
                " FROM feedback ORDER BY id"
            ).fetchall()
        return [
            Feedback(vote, question, tuple(json.loads(ids)), user, channel, ts, at)
            for vote, question, ids, user, channel, ts, at in rows
        ]

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection: commit on success, always closed."""
        with closing(sqlite3.connect(self.path, timeout=10)) as db, db:
            yield db
