"""Named exceptions for the failures we expect, so callers can report them in one line."""

from __future__ import annotations

import errno
import os


class MinutesBotError(Exception):
    """Base for every failure we expect and report to the user in one line."""


class SourceError(MinutesBotError):
    """A minutes file could not be read or decoded. ``path`` names the file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmptySourceError(SourceError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "empty file")


class BinarySourceError(SourceError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "binary file, not minutes text, HTML or PDF")


class NoAgendaStructureError(SourceError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "no recognisable agenda items or decisions")


class ConfigError(MinutesBotError):
    """A required setting is missing or malformed; the message names the variable."""


class IncompatibleIndexError(ConfigError):
    """The collection was written by a version of minutes-bot with another stored layout."""

    def __init__(self, collection: str, found: object, expected: int) -> None:
        super().__init__(
            f"collection {collection!r} was made by another version of minutes-bot (layout "
            f"{found!r}, this version reads layout {expected}): index into a new collection "
            "(MINUTES_BOT_COLLECTION) or delete that one and index again"
        )
        self.collection = collection


class IndexUnavailableError(MinutesBotError):
    """The index (Chroma) or the shared state (Redis, the database) cannot be reached right now;
    the message says which. Unlike a configuration error, waiting can fix it."""

    def __init__(self, service: str, detail: str) -> None:
        super().__init__(f"{service} is unavailable ({detail}); try again shortly")
        self.service = service
        self.detail = detail


class IndexWriteError(MinutesBotError):
    """The index could not be written (disk full, store unreachable); the run must stop.

    Unlike a bad file, this is not a reason to carry on with the next file: every later write
    would fail the same way. What was stored before the failure is kept, and because IDs come
    from content a re-run after the cause is fixed picks up where this one stopped.
    """


class DiskFullError(IndexWriteError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"disk full while writing the index in {where}: free some space and run index "
            "again (files already indexed are kept)"
        )
        self.where = where


class DatabaseWriteError(IndexWriteError):
    """The SQL database (sync records, watches, feedback) refused us or cannot be reached."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"cannot use the database at {where} (MINUTES_BOT_DATABASE_URL): {detail}; what was "
            "stored is kept, run again when it is back"
        )
        self.where = where
        self.detail = detail


class StoreUnavailableError(IndexWriteError):
    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"cannot reach the Chroma server at {url}: {detail}")
        self.url = url


_UNAVAILABLE_NAMES = frozenset(
    {
        "ConnectError",
        "ConnectTimeout",
        "ReadTimeout",
        "WriteTimeout",
        "PoolTimeout",
        "RemoteProtocolError",
        "ReadError",
        "WriteError",
        "OperationalError",
        "InterfaceError",
        "DisconnectionError",
        "BusyLoadingError",
    }
)
_UNAVAILABLE_MODULES = ("httpx", "httpcore", "redis", "sqlalchemy", "psycopg", "chromadb")


def is_unavailable(exc: BaseException) -> bool:
    """Is ``exc`` (or what it was raised from) a service that cannot be reached right now —
    Chroma's HTTP client, Redis or the database — rather than a bug or bad input?

    Matched by class name and module so answering never imports a client it does not use.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, IndexUnavailableError | ConnectionError | TimeoutError):
            return True
        for cls in type(current).__mro__:
            module = cls.__module__.split(".")[0]
            if module in _UNAVAILABLE_MODULES and (
                cls.__name__ in _UNAVAILABLE_NAMES
                or (module == "redis" and cls.__name__ in ("ConnectionError", "TimeoutError"))
            ):
                return True
        if "could not connect to a chroma server" in str(current).lower():
            return True
        current = current.__cause__ or current.__context__
    return False


_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_DISK_FULL_MESSAGES = ("database or disk is full", "no space left on device", "disk quota exceeded")


LOW_SPACE = 64 * 1024 * 1024
"""Bytes free under which a storage error Chroma words otherwise is taken for a full disk."""


def is_disk_full(exc: BaseException, where: str | os.PathLike[str] | None = None) -> bool:
    """Does ``exc``, or anything it was raised from, say the disk is full?

    Python's own writes raise ``OSError(ENOSPC)``; Chroma's Rust bindings wrap SQLite's
    ``SQLITE_FULL`` in an ``InternalError`` whose message is all that is left of it
    ("(code: 13) database or disk is full"), so the message is checked too. Its compactor
    loses even that ("Error in compaction: Failed to apply logs to the metadata segment"), so
    a Chroma error while the disk holding ``where`` (a local data folder) has less than
    :data:`LOW_SPACE` free counts as a full disk too.
    """
    if where is not None and _chroma_error(exc) and low_on_space(where):
        return True
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _DISK_FULL_ERRNOS:
            return True
        message = str(current).lower()
        if any(marker in message for marker in _DISK_FULL_MESSAGES):
            return True
        current = current.__cause__ or current.__context__
    return False


def _chroma_error(exc: BaseException) -> bool:
    return any(cls.__module__.split(".")[0] == "chromadb" for cls in type(exc).__mro__)


def low_on_space(where: str | os.PathLike[str]) -> bool:
    """Is the file system holding the folder ``where`` (or its nearest existing parent) nearly
    full? False for anything that is not a local folder (a Chroma server's URL)."""
    path = os.fspath(where)
    if "://" in path:
        return False
    path = os.path.abspath(path)
    while not os.path.isdir(path) and os.path.dirname(path) != path:
        path = os.path.dirname(path)
    try:
        stats = os.statvfs(path)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < LOW_SPACE
