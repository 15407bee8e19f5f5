"""Memory that every replica must share: which deliveries were answered, and the last question
asked in each thread. In Redis when ``MINUTES_BOT_REDIS_URL`` is set, in the process otherwise.

Slack may deliver one event to two replicas (a retry after a slow ack lands on the other one),
so "have we answered this?" must be one answer for all of them: Redis sets every key of a
delivery with ``SET NX`` inside one ``MULTI``, so exactly one replica sees all of them fresh.
Keys expire (Slack stops retrying after minutes; threads go quiet after days), so Redis needs
no cleaning.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Protocol

from index.errors import ConfigError
from index.settings import with_quoted_credentials, without_credentials

log = logging.getLogger(__name__)

DEFAULT_CAPACITY = 10_000
DELIVERY_TTL_S = 3600
THREAD_TTL_S = 7 * 24 * 3600
PREFIX = "minutes-bot:"


class DeliveryMemory(Protocol):
    def first_time(self, *keys: str | None) -> bool:
        """True if none of ``keys`` was seen before; records them all either way (atomically)."""
        ...


class ThreadMemory(Protocol):
    def remember(self, channel: str, thread_ts: str, question: str) -> None: ...

    def recall(self, channel: str, thread_ts: str) -> str | None: ...


class _Bounded:
    """An LRU of keys with expiry, for one process."""

    def __init__(self, capacity: int, ttl_s: float) -> None:
        self.capacity = capacity
        self.ttl_s = ttl_s
        self._data: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def _get(self, key: str, now: float) -> Any:
        found = self._data.get(key)
        if found is None or found[0] < now:
            return None
        return found[1]

    def _put(self, key: str, value: Any, now: float) -> None:
        self._data[key] = (now + self.ttl_s, value)
        self._data.move_to_end(key)
        while len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)


class LocalDeliveries(_Bounded):
    def __init__(self, capacity: int = DEFAULT_CAPACITY, ttl_s: float = DELIVERY_TTL_S) -> None:
        super().__init__(capacity, ttl_s)

    def first_time(self, *keys: str | None) -> bool:
        wanted = [k for k in keys if k]
        now = time.monotonic()
        with self._lock:
            fresh = not any(self._get(k, now) for k in wanted)
            for key in wanted:
                self._put(key, True, now)
        return fresh


class LocalThreads(_Bounded):
    def __init__(self, capacity: int = DEFAULT_CAPACITY, ttl_s: float = THREAD_TTL_S) -> None:
        super().__init__(capacity, ttl_s)

    def remember(self, channel: str, thread_ts: str, question: str) -> None:
        with self._lock:
            self._put(f"{channel}:{thread_ts}", question, time.monotonic())

    def recall(self, channel: str, thread_ts: str) -> str | None:
        with self._lock:
            return self._get(f"{channel}:{thread_ts}", time.monotonic())


class RedisDeliveries:
    def __init__(self, client: Any, ttl_s: int = DELIVERY_TTL_S) -> None:
        self.client = client
        self.ttl_s = ttl_s

    def first_time(self, *keys: str | None) -> bool:
        wanted = [k for k in keys if k]
        if not wanted:
            return True
        with self.client.pipeline(transaction=True) as pipe:
            for key in wanted:
                pipe.set(f"{PREFIX}seen:{key}", "1", nx=True, ex=self.ttl_s)
            results = pipe.execute()
        return all(results)


class RedisThreads:
    def __init__(self, client: Any, ttl_s: int = THREAD_TTL_S) -> None:
        self.client = client
        self.ttl_s = ttl_s

    def remember(self, channel: str, thread_ts: str, question: str) -> None:
        self.client.set(f"{PREFIX}thread:{channel}:{thread_ts}", question, ex=self.ttl_s)

    def recall(self, channel: str, thread_ts: str) -> str | None:
        value = self.client.get(f"{PREFIX}thread:{channel}:{thread_ts}")
        return value.decode("utf-8") if isinstance(value, bytes) else value


class FallbackDeliveries:
    """Redis, with this process's own memory consulted beside it, and the SQL ledger behind it.

    A delivery this replica has seen is a duplicate even when Redis says otherwise; while
    Redis is down the local memory still catches a retry reaching the same replica. A delivery
    Redis calls new is also recorded in ``ledger`` (:mod:`.delivery_ledger`, the database every
    replica shares), where a key already there means it was answered before Redis forgot it
    (restarted without its data): so a retry reaching the *other* replica is not answered
    twice. A ledger that fails is logged and leaves the decision to Redis. ``degraded`` says
    Redis failed last time: the dedupe middleware then leaves retries to the replica that had
    the first delivery. The reply path separately answers "unavailable" while Redis is down
    (see ``Services``)."""

    def __init__(
        self,
        primary: RedisDeliveries,
        local: LocalDeliveries | None = None,
        ledger: DeliveryMemory | None = None,
    ) -> None:
        self.primary = primary
        self.local = local or LocalDeliveries()
        self.ledger = ledger
        self.degraded = False

    def first_time(self, *keys: str | None) -> bool:
        local = self.local.first_time(*keys)
        try:
            shared = self.primary.first_time(*keys)
        except Exception as exc:
            log.warning("Redis unavailable for duplicate-delivery memory: %s", one_line(exc))
            self.degraded = True
            return local
        self.degraded = False
        if not (shared and local):
            return False
        if self.ledger is None:
            return True
        try:
            return self.ledger.first_time(*keys)
        except Exception as exc:
            log.warning("database unavailable for duplicate-delivery memory: %s", one_line(exc))
            return True


def redis_client(url: str) -> Any:
    """A client for ``url`` with short timeouts (an answer must not hang on Redis)."""
    import redis

    try:
        return redis.Redis.from_url(
            with_quoted_credentials(url), socket_connect_timeout=2, socket_timeout=2
        )
    except ValueError:  # its text may quote the URL (a password taken for a port): not shown
        raise ConfigError(
            "MINUTES_BOT_REDIS_URL is not a Redis URL (redis://[user:password@]host:port/db)"
        ) from None


def check_redis(client: Any, url: str) -> None:
    """One line naming the variable if Redis refuses us at start-up."""
    try:
        client.ping()
    except Exception as exc:
        raise ConfigError(
            f"cannot use Redis at {describe_url(url)} (MINUTES_BOT_REDIS_URL): {one_line(exc)}"
        ) from None


def describe_url(url: str) -> str:
    """``scheme://host:port/path`` without user or password, whatever the password holds."""
    return without_credentials(url, path=True)


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
