"""Polite HTTP for reading council sites: one request at a time per host, a pause between them,
an honest User-Agent, robots.txt, retries with backoff, conditional requests.

Council sites are slow (15–90 s a call on some self-hosted modern.gov installs), rate-limit
bursts, and sit behind CDNs that block clients that look like scrapers. We do not evade any of
that: we say who we are (``minutes-bot/<version> (+<contact>)``), ask robots.txt first, wait
between requests, back off on 5xx/429/timeouts (honouring ``Retry-After``), and report a
refusal as a refusal. Redirects are not followed: modern.gov sends pages it cannot show to
``mgError.aspx``, so a redirect means the page we asked for is not what came back.

Conditional requests: a :class:`ResponseCache` (the ledger's, shared by every process using
the index) remembers each page's validators and body. We send ``If-None-Match`` /
``If-Modified-Since`` when we have them; a 304 gives back the cached body. Sites that send no
validators are compared by content hash, so :attr:`Fetched.changed` is right either way.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Protocol
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from index.sites.deadline import deadline_transport, within
from index.sites.errors import (
    BlockedError,
    DisallowedError,
    FetchError,
    MalformedResponseError,
    NotFoundError,
    RedirectedError,
    ServerError,
    SiteError,
    TimedOutError,
    TooLargeError,
)

log = logging.getLogger(__name__)

AGENT_NAME = "minutes-bot"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_CRAWL_DELAY = 60.0
"""A robots.txt Crawl-delay above this is capped (and said so in the log), not obeyed."""
MAX_BODY_BYTES = 64 * 1024 * 1024
"""A response whose body (decompressed) would exceed this fails its page: minutes PDFs are a
few MB, and a small gzip that expands to a gigabyte must not take the machine's memory."""


@dataclass
class _Answer:
    """A response read to its end within the time and size limits."""

    status_code: int
    headers: httpx.Headers
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


class _Overtime(Exception):
    """The body was still arriving when the request's total time ran out."""


def user_agent(contact: str) -> str:
    """``minutes-bot/0.1.0 (+https://…)``: names the project and how to reach its operator."""
    try:
        version = metadata.version("minutes-bot")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"{AGENT_NAME}/{version} (+{contact})"


@dataclass(frozen=True)
class CachedResponse:
    """What we keep of a page between runs: its validators, its content hash and its body."""

    etag: str | None
    last_modified: str | None
    sha256: str
    content: bytes


class ResponseCache(Protocol):
    def lookup(self, url: str) -> CachedResponse | None: ...

    def store(self, url: str, response: CachedResponse) -> None: ...


class MemoryCache:
    """A :class:`ResponseCache` for one process (tests; a run without a ledger)."""

    def __init__(self) -> None:
        self.entries: dict[str, CachedResponse] = {}

    def lookup(self, url: str) -> CachedResponse | None:
        return self.entries.get(url)

    def store(self, url: str, response: CachedResponse) -> None:
        self.entries[url] = response


@dataclass(frozen=True)
class Fetched:
    """A page's body. ``status`` is 200, or 304 when the site confirmed our cached copy;
    ``changed`` says whether the body differs from the last one we saw (True the first time)."""

    url: str
    content: bytes
    status: int
    changed: bool


@dataclass
class ClientStats:
    requests: int = 0
    not_modified: int = 0
    retries: int = 0


class PoliteClient:
    """GETs pages of council sites, one at a time per host, raising a named
    :class:`~index.sites.errors.SiteError` for anything but a usable 200 or 304."""

    def __init__(
        self,
        *,
        contact: str,
        delay: float = 0.5,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 5.0,
        max_retry_after: float = 300.0,
        cache: ResponseCache | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.user_agent = user_agent(contact)
        self.delay = max(0.0, delay)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.max_retry_after = max_retry_after
        self.max_bytes = max_bytes
        self.cache = cache
        self.stats = ClientStats()
        self._sleep = sleep
        self._http = httpx.Client(
            headers={"User-Agent": self.user_agent},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport or deadline_transport(),
        )
        self._host_locks: dict[str, threading.Lock] = {}
        self._next_turn: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str | None] = {}
        """Per origin: its rules, None (no robots.txt), or why it could not be read."""
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the one public call ----------------------------------------------------------------

    def get(self, url: str, *, use_cache: bool = True) -> Fetched:
        """The page at ``url``: conditional when the cache knows it, retried when it fails.

        ``use_cache=False`` for URLs that change every run (a listing ending at today's date):
        caching those would only grow the cache.
        """
        self._check_robots(url)
        cached = self.cache.lookup(url) if (use_cache and self.cache) else None
        headers: dict[str, str] = {}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        response = self._send(url, headers)
        status = response.status_code
        if status == 304:
            if cached is None:
                raise FetchError(url, "HTTP 304 Not Modified to an unconditional request")
            self.stats.not_modified += 1
            return Fetched(url, cached.content, 304, changed=False)
        if 300 <= status < 400:
            raise RedirectedError(url, response.headers.get("location", "(no Location)"))
        if status in (404, 410):
            raise NotFoundError(url, f"HTTP {status} (no such page)")
        if status == 403:
            raise BlockedError(url, "HTTP 403 (the site refuses this client)")
        if status != 200:
            raise FetchError(url, f"HTTP {status}")
        content = response.content
        digest = hashlib.sha256(content).hexdigest()
        changed = cached is None or cached.sha256 != digest
        if use_cache and self.cache is not None:
            self.cache.store(
                url,
                CachedResponse(
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                    digest,
                    content,
                ),
            )
        return Fetched(url, content, 200, changed=changed)

    # -- politeness --------------------------------------------------------------------------

    def _send(self, url: str, headers: dict[str, str], *, follow: bool = False) -> _Answer:
        """One response that is not 5xx/429, after up to ``retries`` further tries. Each try
        is bounded in total time (``timeout``: a page trickling bytes is a timeout too) and
        in body size (``max_bytes``, decompressed)."""
        host = urlsplit(url).netloc.lower()
        tries = self.retries + 1
        failure = ""
        kind: type[FetchError] = FetchError
        for attempt in range(tries):
            wait: float = 0.0
            with self._host_lock(host):
                self._wait_turn(host)
                try:
                    self.stats.requests += 1
                    response = self._read(url, headers, follow)
                except (httpx.TimeoutException, _Overtime):
                    failure, kind = f"timed out after {self.timeout:g} s", TimedOutError
                except httpx.TransportError as exc:
                    failure, kind = f"could not connect ({_first_line(exc)})", FetchError
                except httpx.TooManyRedirects:
                    raise FetchError(url, "redirected too many times") from None
                except httpx.DecodingError:
                    raise MalformedResponseError(
                        url, "the compressed response is corrupt (cannot be decompressed)"
                    ) from None
                else:
                    if response.status_code not in RETRY_STATUSES:
                        return response
                    failure, kind = f"HTTP {response.status_code}", ServerError
                    after = _retry_after(response.headers.get("retry-after"))
                    if after is not None and after > self.max_retry_after:
                        raise ServerError(url, f"{failure}, asked to retry after {after:g} s")
                    wait = after or 0.0
                finally:
                    self._next_turn[host] = time.monotonic() + self._delay_for(host)
            if attempt + 1 < tries:
                self.stats.retries += 1
                pause = max(self.backoff * 2**attempt, wait)
                log.info("%s: %s; retrying in %.1f s", url, failure, pause)
                self._sleep(pause)
        raise kind(url, f"{failure} ({tries} tries)" if tries > 1 else failure)

    def _read(self, url: str, headers: dict[str, str], follow: bool) -> _Answer:
        """GET ``url`` and read its body within ``timeout`` seconds in all and ``max_bytes``.

        The whole request runs :func:`~index.sites.deadline.within` the timeout, so a site
        trickling its status line, headers or body fails as a timeout when the time is up;
        the check between chunks also bounds a transport given by a test."""
        deadline = time.monotonic() + self.timeout
        with within(self.timeout):
            request = self._http.build_request("GET", url, headers=headers)
            response = self._http.send(request, stream=True, follow_redirects=follow)
            try:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():  # decompressed as it arrives
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise self._too_large(url)
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise _Overtime
                if time.monotonic() > deadline:
                    raise _Overtime
            finally:
                response.close()
        return _Answer(response.status_code, response.headers, b"".join(chunks))

    def _too_large(self, url: str) -> TooLargeError:
        limit = self.max_bytes / (1024 * 1024)
        return TooLargeError(url, f"the response is larger than {limit:g} MB, so it is not read")

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str) -> None:
        pause = self._next_turn.get(host, 0.0) - time.monotonic()
        if pause > 0:
            self._sleep(pause)

    def _delay_for(self, host: str) -> float:
        return max(self.delay, self._host_delay.get(host, 0.0))

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise DisallowedError(url, rules)
        if rules is not None and not rules.can_fetch(self.user_agent, url):
            raise DisallowedError(url, "robots.txt disallows it for minutes-bot")

    def _read_robots(self, origin: str) -> RobotFileParser | str | None:
        """The site's rules; None (anything goes) when it has none (4xx). RFC 9309: when
        robots.txt cannot be read (5xx, no connection), everything is disallowed, and the
        reason is returned (and kept, so an unreachable site is tried once per sync)."""
        robots_url = f"{origin}/robots.txt"
        try:
            response = self._send(robots_url, {}, follow=True)
        except SiteError as exc:  # unreachable, a redirect loop, a corrupt or huge body
            return f"{robots_url} could not be read ({exc.reason}), so nothing is fetched"
        if response.status_code >= 400:
            return None
        rules = RobotFileParser(robots_url)
        rules.parse(response.text.splitlines())
        crawl_delay = rules.crawl_delay(self.user_agent)
        if crawl_delay is not None:
            wanted = float(crawl_delay)
            if wanted > MAX_CRAWL_DELAY:
                log.warning(
                    "%s asks for Crawl-delay %g s; using %g s", robots_url, wanted, MAX_CRAWL_DELAY
                )
            self._host_delay[urlsplit(origin).netloc.lower()] = min(wanted, MAX_CRAWL_DELAY)
        return rules


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
