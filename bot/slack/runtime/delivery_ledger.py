"""Which Slack deliveries were answered, kept in the SQL database as well as in Redis.

Redis decides, in one atomic step, which replica answers a delivery (:mod:`.shared_state`). But
a Redis that restarts without its data (no persistence, a lost volume, killed within a second
of a write) forgets what was answered, and Slack keeps retrying an event for about five
minutes: a retry reaching the *other* replica would be answered again. So each delivery Redis
calls new is also recorded here, in the database every replica already shares; a key found
here is a delivery answered before Redis forgot it. Rows expire with the Redis keys and are
deleted as new ones are written.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Float, String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column, sessionmaker

from index.database import Base, session_factory

MAX_KEY = 200


class DeliveryRow(Base):
    """One key of an answered delivery (``event:<id>`` or ``msg:<channel>:<ts>``)."""

    __tablename__ = "slack_deliveries"

    key: Mapped[str] = mapped_column(String(MAX_KEY), primary_key=True)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class SqlDeliveries:
    """A :class:`~bot.slack.runtime.shared_state.DeliveryMemory` in SQL: a unique key per
    delivery, so of two replicas inserting it at once exactly one succeeds."""

    def __init__(
        self, database_url: str, ttl_s: float, clock: Callable[[], float] = time.time
    ) -> None:
        self._sessions: sessionmaker = session_factory(database_url)
        self.ttl_s = ttl_s
        self._clock = clock

    def first_time(self, *keys: str | None) -> bool:
        wanted = list(dict.fromkeys(k[:MAX_KEY] for k in keys if k))
        if not wanted:
            return True
        now = self._clock()
        with self._sessions.begin() as session:  # expired rows go, so an old key is new again
            session.execute(delete(DeliveryRow).where(DeliveryRow.expires_at < now))
        try:
            with self._sessions.begin() as session:
                session.add_all(DeliveryRow(key=k, expires_at=now + self.ttl_s) for k in wanted)
        except IntegrityError:  # recorded before: by this replica or another
            return False
        return True
