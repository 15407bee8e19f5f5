"""What the listeners share: the answerer, index statistics, the sync record, dedupe memory and
the feedback log.

Built once per process (loading the model takes seconds) and handed to ``build_app``; tests
build the same thing over a small real index.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from bot.answer.models import Answer
from bot.settings import Settings
from bot.slack.dedupe import Dedupe
from bot.slack.feedback import FeedbackLog
from bot.slack.home import site_syncs
from index.errors import MinutesBotError
from index.store import IndexStats, MinutesStore, open_store

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
    dedupe: Dedupe
    feedback: FeedbackLog
    heartbeat: Callable[[], object]  # raises when Chroma cannot be reached
    syncs: Callable[[], Sequence[Any]] = list  # each synced site's last sync (bot.slack.home)

    @property
    def page_size(self) -> int:
        return self.settings.top_k


def build_services(
    settings: Settings, answerer: Any | None = None, *, sleep: Callable[[float], None] = time.sleep
) -> Services:
    """Open the store first (waiting for a Chroma server if need be), then load the model."""
    from bot.answer.service import Answerer

    if answerer is None:
        answerer = Answerer(settings, store=open_store_waiting(settings, sleep=sleep))
    store = answerer.store
    return Services(
        settings=settings,
        answerer=answerer,
        stats=store.stats,
        dedupe=Dedupe(),
        feedback=FeedbackLog(settings.state_dir),
        heartbeat=store.client.heartbeat,
        syncs=partial(site_syncs, settings),
    )


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
                settings.chroma_url,
                attempt,
                reason,
                wait,
            )
            sleep(wait)
            continue
        if attempt > 1:
            log.warning("Chroma at %s is reachable after %d attempts", settings.chroma_url, attempt)
        return store
    raise AssertionError("unreachable: backoff() never ends")


def backoff(first: float = FIRST_WAIT_S, cap: float = MAX_WAIT_S) -> Iterator[float]:
    """1, 2, 4, 8, 16, 30, 30, … seconds: quick while a dependency starts, calm if it stays down."""
    wait = first
    while True:
        yield wait
        wait = min(wait * 2, cap)
