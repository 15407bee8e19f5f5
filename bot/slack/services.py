"""What the listeners share: the answerer, index statistics, dedupe memory and the feedback log.

Built once per process (loading the model takes seconds) and handed to ``build_app``; tests
build the same thing over a small real index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.answer.models import Answer
from bot.settings import Settings
from bot.slack.dedupe import Dedupe
from bot.slack.feedback import FeedbackLog


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
    stats: Callable[[], Any]
    dedupe: Dedupe
    feedback: FeedbackLog

    @property
    def page_size(self) -> int:
        return self.settings.top_k


def build_services(settings: Settings, answerer: Any | None = None) -> Services:
    from bot.answer.service import Answerer

    answerer = answerer or Answerer(settings)
    return Services(
        settings=settings,
        answerer=answerer,
        stats=answerer.store.stats,
        dedupe=Dedupe(),
        feedback=FeedbackLog(settings.state_dir),
    )
