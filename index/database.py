"""Durable state in a SQL database through SQLAlchemy: one engine per URL, one declarative base.

Minutes themselves live in Chroma; what is *about* them and must survive restarts and be shared
by every process using the same index (sync records, channel watches, feedback) lives here:
SQLite in the data folder by default, PostgreSQL (``MINUTES_BOT_DATABASE_URL``) when several
replicas share it. Each table module declares its tables on :class:`Base`; :func:`engine_for`
creates any that are missing, so a new table needs no migration step on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from index.errors import (
    ConfigError,
    DatabaseWriteError,
    DiskFullError,
    is_disk_full,
    low_on_space,
)
from index.settings import with_quoted_credentials, without_credentials


class Base(DeclarativeBase):
    """Every durable table; ``engine_for`` creates the ones a process has imported."""


_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """The process's engine for ``url`` (created once), with every imported table created."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url)
            _engines[url] = engine
    Base.metadata.create_all(engine)
    return engine


def session_factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(engine_for(url), expire_on_commit=False)


def describe(url: str) -> str:
    """The URL without user or password (one holding ``/`` or ``@`` too), for messages."""
    return without_credentials(url, path=True)


def reason(exc: BaseException) -> str:
    """The driver's own first line (``password authentication failed for user …``)."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    return " ".join(text[0].split())[:200] if text else type(inner).__name__


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """A database failure (down, a wrong password, a lost connection) as one
    :class:`~index.errors.DatabaseWriteError` line rather than a driver traceback."""
    try:
        yield
    except SQLAlchemyError as exc:
        if _disk_full(url, exc):
            raise DiskFullError(describe(url)) from exc
        raise DatabaseWriteError(describe(url), reason(exc)) from exc


def _disk_full(url: str, exc: SQLAlchemyError) -> bool:
    """SQLite says "database or disk is full", or only "disk I/O error" when its journal could
    not grow: the latter counts as a full disk when the file's disk is nearly full."""
    if is_disk_full(exc):
        return True
    try:
        parsed = make_url(with_quoted_credentials(url))
    except Exception:
        return False
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return False
    return "disk i/o error" in str(exc).lower() and low_on_space(Path(parsed.database).parent)


def _create(url: str) -> Engine:
    try:
        parsed = make_url(with_quoted_credentials(url))
        parsed.get_backend_name()
    except Exception:  # ArgumentError, ValueError: their text holds the URL, so not shown
        raise ConfigError(
            "MINUTES_BOT_DATABASE_URL is not a database URL"
            " (dialect+driver://user:password@host:port/name)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except Exception:  # an unknown dialect or driver, a port that is not a number
        raise ConfigError(
            "MINUTES_BOT_DATABASE_URL names a database this install cannot open"
            " (use sqlite:///… or postgresql+psycopg://…)"
        ) from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the bot read while an index or sync run writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
