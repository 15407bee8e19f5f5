"""👍/👎 clicks, kept in the SQL database (``settings.database``: SQLite in the state folder by
default, PostgreSQL when replicas share ``MINUTES_BOT_DATABASE_URL``) so answers can be reviewed
later, whichever replica took the click.

Each row holds the question and the item IDs the user was shown, which is what an evaluation
needs to turn a click into a labelled example.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import CheckConstraint, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from index.database import Base, session_factory

log = logging.getLogger(__name__)

LEGACY_FILE = "feedback.sqlite3"
"""Where feedback lived before the database: imported once, then renamed."""
DEFAULT_FILE = "minutes-bot.sqlite3"
UP = "up"
DOWN = "down"


class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("vote IN ('up', 'down')", name="feedback_vote"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    vote: Mapped[str] = mapped_column(String(8))
    question: Mapped[str] = mapped_column(Text)
    item_ids: Mapped[str] = mapped_column(Text)
    user_id: Mapped[str | None] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(64))
    message_ts: Mapped[str | None] = mapped_column(String(64))


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
    """Feedback rows in the database at ``url`` (a folder means the default SQLite file in it)."""

    def __init__(self, url: str | Path) -> None:
        if isinstance(url, Path):
            url = f"sqlite:///{(url / DEFAULT_FILE).resolve()}"
        self.url = url
        self._session = session_factory(url)
        self.path = _sqlite_path(url)
        if self.path is not None:
            _import_legacy(self.path.parent / LEGACY_FILE, self)

    def record(
        self,
        vote: str,
        question: str,
        item_ids: Sequence[str],
        *,
        user_id: str | None = None,
        channel_id: str | None = None,
        message_ts: str | None = None,
        at: str | None = None,
    ) -> None:
        row = FeedbackRow(
            at=at or datetime.now(UTC).isoformat(timespec="seconds"),
            vote=vote,
            question=question,
            item_ids=json.dumps(list(item_ids)),
            user_id=user_id,
            channel_id=channel_id,
            message_ts=message_ts,
        )
        with self._session.begin() as session:
            session.add(row)

    def all(self) -> list[Feedback]:
        with self._session() as session:
            rows = session.scalars(select(FeedbackRow).order_by(FeedbackRow.id)).all()
        return [
            Feedback(
                r.vote,
                r.question,
                tuple(json.loads(r.item_ids)),
                r.user_id,
                r.channel_id,
                r.message_ts,
                r.at,
            )
            for r in rows
        ]

    def ping(self) -> None:
        """Raises if the database cannot be reached (``/healthz``)."""
        from sqlalchemy import text

        with self._session() as session:
            session.execute(text("SELECT 1"))


def _sqlite_path(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return Path(parsed.database)
    return None


def _import_legacy(legacy: Path, target: FeedbackLog) -> None:
    """Rows from the old per-process SQLite file, copied once into the database."""
    if not legacy.is_file():
        return
    with closing(sqlite3.connect(legacy)) as db:
        rows = db.execute(
            "SELECT vote, question, item_ids, user_id, channel_id, message_ts, at"
            " FROM feedback ORDER BY id"
        ).fetchall()
    for vote, question, ids, user, channel, ts, at in rows:
        target.record(
            vote,
            question,
            json.loads(ids),
            user_id=user,
            channel_id=channel,
            message_ts=ts,
            at=at,
        )
    legacy.rename(legacy.with_name(legacy.name + ".imported"))
    log.warning("imported %d feedback rows from %s into the database", len(rows), legacy)
