"""What the listeners share: the answerer, index statistics, the sync record, dedupe and thread
memory, the feedback log, and a probe per dependency.

Built once per process (loading the model takes seconds) and handed to ``build_app``; tests
build the same thing over a small real index. Everything that must agree across replicas lives
outside the process: minutes in Chroma, delivery and thread memory in Redis
(``MINUTES_BOT_REDIS_URL``), feedback in the database (``MINUTES_BOT_DATABASE_URL``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from bot.answer.models import Answer
from bot.settings import Settings
from bot.slack.asking.feedback import FeedbackLog
from bot.slack.render.home import site_syncs
from bot.slack.runtime.delivery_ledger import SqlDeliveries
from bot.slack.runtime.health import Probe
from bot.slack.runtime.shared_state import (
    DELIVERY_TTL_S,
    DeliveryMemory,
    FallbackDeliveries,
    LocalDeliveries,
    LocalThreads,
    RedisDeliveries,
    RedisThreads,
    ThreadMemory,
    check_redis,
    describe_url,
    one_line,
    redis_client,
)
from index.database import reason as database_reason
from index.errors import ConfigError, IndexUnavailableError, MinutesBotError
from index.store import IndexStats, MinutesStore, open_store

if TYPE_CHECKING:
    from bot.answer.service import Answerer

log = logging.getLogger(__name__)

FIRST_WAIT_S = 1.0
MAX_WAIT_S = 30.0


class Asker(Protocol):
    def ask(
        self,
        question: str,
        *,
        context: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Answer: ...


@dataclass
class Services:
    settings: Settings
    answerer: Asker
    stats: Callable[[], IndexStats]
    dedupe: DeliveryMemory
    feedback: FeedbackLog
    heartbeat: Callable[[], object]  # raises when Chroma cannot be reached
    threads: ThreadMemory = field(default_factory=LocalThreads)
    probes: list[Probe] = field(default_factory=list)
    """Shared state besides Chroma (Redis, the database), for ``/healthz`` and answering."""
    syncs: Callable[[], Sequence[Any]] = (
        list  # each synced site's last sync (bot.slack.render.home)
    )

    @property
    def page_size(self) -> int:
        return self.settings.top_k

    def require(self, name: str) -> None:
        """Raise :class:`IndexUnavailableError` if the named dependency is configured and down
        (an answer without Redis could reach the user twice)."""
        for probe in self.probes:
            if probe.name == name:
                try:
                    probe.check()
                except Exception as exc:
                    raise IndexUnavailableError(probe.label, one_line(exc)) from exc


def build_services(
    settings: Settings,
    answerer: Answerer[MinutesStore] | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Services:
    """Open the store first (waiting for a Chroma server if need be), then load the model."""
    from bot.answer.service import Answerer

    feedback = open_feedback(settings)
    probes = [Probe("database", "the database", feedback.ping, describe_url(feedback.url))]
    dedupe: DeliveryMemory = LocalDeliveries()
    threads: ThreadMemory = LocalThreads()
    if settings.redis_url:
        client = redis_client(settings.redis_url)
        check_redis(client, settings.redis_url)
        ledger = SqlDeliveries(settings.database, DELIVERY_TTL_S)
        dedupe = FallbackDeliveries(RedisDeliveries(client), ledger=ledger)
        threads = RedisThreads(client)
        probes.insert(0, Probe("redis", "Redis", client.ping, describe_url(settings.redis_url)))
    if answerer is None:
        answerer = Answerer(settings, store=open_store_waiting(settings, sleep=sleep))
        # Load the model now, not on the first question (its first ONNX export takes seconds).
        from index.embeddings import shared_embedder

        shared_embedder(settings.model_path, settings.embed_batch_size).embed_query("warm up")
    store = answerer.store
    return Services(
        settings=settings,
        answerer=answerer,
        stats=store.stats,
        dedupe=dedupe,
        feedback=feedback,
        heartbeat=store.client.heartbeat,
        threads=threads,
        probes=probes,
        syncs=partial(site_syncs, settings),
    )


def open_feedback(settings: Settings) -> FeedbackLog:
    """The feedback table, or one line if the database refuses us (wrong password, no server)."""
    try:
        feedback = FeedbackLog(settings.database)
        feedback.ping()
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError(
            f"cannot use the database at {describe_url(settings.database)}"
            f" (MINUTES_BOT_DATABASE_URL): {database_reason(exc)}"
        ) from None
    return feedback


def open_store_waiting(
    settings: Settings, *, sleep: Callable[[float], None] = time.sleep
) -> MinutesStore:
    """Open the index; a Chroma *server* that is not up yet is waited for, with one log line
    per attempt, rather than ending ``serve`` with a traceback.

    Compose and systemd often start the bot before Chroma answers. Configuration errors
    (a malformed URL) and embedded Chroma failures are not retried: waiting cannot fix them.
    """
    if not settings.chroma_url:
        return open_store(settings)
    for attempt, wait in enumerate(backoff(), start=1):
        try:
            store = open_store(settings)
        except MinutesBotError:
            raise
        except Exception as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            log.warning(
                "Chroma at %s is not reachable (attempt %d: %s); retrying in %.0f s",
                settings.index_location,
                attempt,
                reason,
                wait,
            )
            sleep(wait)
            continue
        if attempt > 1:
            log.warning(
                "Chroma at %s is reachable after %d attempts", settings.index_location, attempt
            )
        return store
    raise AssertionError("unreachable: backoff() never ends")


def backoff(first: float = FIRST_WAIT_S, cap: float = MAX_WAIT_S) -> Iterator[float]:
    """1, 2, 4, 8, 16, 30, 30, … seconds: quick while a dependency starts, calm if it stays down."""
    wait = first
    while True:
        yield wait
        wait = min(wait * 2, cap)
