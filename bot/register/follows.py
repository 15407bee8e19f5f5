"""Whose actions a Slack user follows: ``/minutes actions follow <owner>``, kept in SQL.

A follow must outlive the process that heard the command and be read by whichever replica
opens the user's App Home, so it lives in the shared database (:mod:`index.database`) beside
channel watches. What is stored is the name as the user asked for it; it is matched to an
owner group again each time the register is read, so a follow keeps working when the register
learns a new spelling of the same owner.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Integer, String, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column, sessionmaker

from bot.register.owners import owner_key
from index.database import Base, session_factory

MAX_OWNER = 200
"""Characters kept of an owner's name as typed."""
MAX_FOLLOWS = 20
"""Owners one user may follow: the App Home lists them all."""


class FollowRow(Base):
    """One user following one owner (unique per user by the owner's comparable form)."""

    __tablename__ = "register_follows"
    __table_args__ = (UniqueConstraint("user_id", "owner_key", name="uq_register_follow"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32), index=True)
    owner: Mapped[str] = mapped_column(String(MAX_OWNER))
    owner_key: Mapped[str] = mapped_column(String(MAX_OWNER))
    created_at: Mapped[str] = mapped_column(String(32))


class TooManyFollows(ValueError):
    """The user already follows :data:`MAX_FOLLOWS` owners."""


class Follows:
    """The follows table, through a session per call (safe from Bolt's worker threads)."""

    def __init__(self, database_url: str) -> None:
        self._sessions: sessionmaker = session_factory(database_url)

    def add(self, user_id: str, owner: str, *, team_id: str | None = None) -> bool:
        """Follow ``owner``; False when the user already did (following twice is one follow)."""
        owner = " ".join(owner.split())[:MAX_OWNER]
        key = owner_key(owner)[:MAX_OWNER]
        if key in {owner_key(o) for o in self.of(user_id)}:
            return False
        if len(self.of(user_id)) >= MAX_FOLLOWS:
            raise TooManyFollows(owner)
        row = FollowRow(
            team_id=team_id,
            user_id=user_id,
            owner=owner,
            owner_key=key,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        try:
            with self._sessions.begin() as session:
                session.add(row)
        except IntegrityError:  # the same follow at the same moment from another request
            return False
        return True

    def remove(self, user_id: str, owner: str) -> bool:
        """Stop following ``owner`` (matched as it was followed); False if not followed."""
        key = owner_key(" ".join(owner.split()))[:MAX_OWNER]
        with self._sessions.begin() as session:
            done = session.execute(
                delete(FollowRow).where(FollowRow.user_id == user_id, FollowRow.owner_key == key)
            )
        return bool(getattr(done, "rowcount", 0))

    def of(self, user_id: str) -> list[str]:
        """The owners ``user_id`` follows, as they asked for them, oldest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(FollowRow).where(FollowRow.user_id == user_id).order_by(FollowRow.id)
            )
            return [row.owner for row in rows]
