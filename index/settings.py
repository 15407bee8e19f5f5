"""Index settings from the environment (``MINUTES_BOT_*``): where the index lives and how it
is built. The bot's settings extend these (``bot.settings.Settings``), so one environment
configures both the indexer and the bot that reads its output.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path(".minutes-bot")
DEFAULT_COLLECTION = "minutes"


class IndexSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MINUTES_BOT_", extra="ignore")

    data_dir: Path = DEFAULT_DATA_DIR
    chroma_url: str | None = None
    collection: str = DEFAULT_COLLECTION
    model_path: Path | None = None
    embed_batch_size: int = 32
    chunk_words: int = 180
    chunk_overlap_words: int = 40
    database_url: str | None = None
    model_cache: Path | None = None
    """Where the ONNX export of the model is cached; default ``<data dir>/models``."""
    embed_backend: str = "onnx"
    """``onnx`` (the default: CPU, no torch at run time) or ``torch``."""
    log_level: str = "WARNING"

    # `minutes-bot sync`: how politely a site is read (docs/sync.md)
    sync_delay: float = 0.5
    """Seconds between two requests to one host (robots.txt's Crawl-delay wins if longer)."""
    sync_timeout: float = 60.0
    """Seconds to wait for one response; self-hosted modern.gov sites can take a minute."""
    sync_retries: int = 3
    """Further tries after a 5xx, a 429 or a timeout, waiting ``sync_backoff`` × 2ⁿ seconds."""
    sync_backoff: float = 5.0
    sync_max_retry_after: float = 300.0
    """A Retry-After longer than this fails the request instead of stalling the sync."""
    sync_contact: str = "https://github.com/minutes-bot/minutes-bot"
    """Put in the User-Agent so a site's operator can reach whoever runs the sync."""
    sync_recheck_days: int = 90
    """Approved minutes of meetings older than this are not fetched again (``--full`` does)."""

    @property
    def database(self) -> str:
        """Durable state (sync records, watches, feedback): ``MINUTES_BOT_DATABASE_URL`` (e.g.
        ``postgresql+psycopg://…``), else a SQLite file in the state folder."""
        return (
            self.database_url or f"sqlite:///{(self.state_dir / 'minutes-bot.sqlite3').resolve()}"
        )

    @property
    def index_location(self) -> str:
        """Where the index lives, for messages and logs: the Chroma server (without any
        credentials in its URL) or the local data folder. Built here once so every line that
        names the index names it the same way and none can print a password."""
        if self.chroma_url:
            return without_credentials(self.chroma_url)
        return str(self.data_dir.resolve())

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def state_dir(self) -> Path:
        """Index state beside Chroma's files: manifests, saved unit tables, feedback."""
        return self.data_dir / "state"


def without_credentials(url: str, *, path: bool = False) -> str:
    """``scheme://host:port`` of ``url`` (with ``path``, its path too: a database's name): no
    ``user:password@``, no query (where a token might ride); an unparsable URL is not echoed
    at all. The credentials end at the URL's *last* ``@`` (:func:`split_credentials`), so a
    password holding ``/`` or ``@`` is never shown as a host, port or path."""
    scheme, _user, _password, rest = split_credentials(url)
    try:
        parts = urlsplit(f"{scheme}://{rest}")
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(a URL that cannot be parsed)"
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}{parts.path if path else ''}"


def split_credentials(url: str) -> tuple[str, str | None, str | None, str]:
    """``(scheme, user, password, rest)`` of ``scheme://user:password@rest``, user and password
    percent-decoded. Everything up to the last ``@`` is the credentials: operators paste
    passwords holding ``/``, ``:`` or ``@`` unencoded, which :func:`urllib.parse.urlsplit` (and
    so redis-py) reads as a host and a port, and which a message would then print."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return scheme if sep else "", None, None, rest if sep else url
    userinfo, _, rest = rest.rpartition("@")
    user, colon, password = userinfo.partition(":")
    return scheme, unquote(user), unquote(password) if colon else None, rest


def with_quoted_credentials(url: str) -> str:
    """``url`` with its user and password percent-encoded, so a client's own parser (redis-py,
    SQLAlchemy) reads a password holding ``/`` or ``@`` as the password it is."""
    scheme, user, password, rest = split_credentials(url)
    if user is None:
        return url
    userinfo = quote(user, safe="") + (
        ":" + quote(password, safe="") if password is not None else ""
    )
    return f"{scheme}://{userinfo}@{rest}"
