"""Placeholder: the london_markdown format parser is being written (see issue 2)."""

from __future__ import annotations

from minutes_bot.index.sources import SourceDocument
from minutes_bot.models import Meeting

NAME = "london_markdown"


def detect(text: str) -> bool:
    return False


def parse(doc: SourceDocument) -> Meeting:
    raise NotImplementedError(NAME)
