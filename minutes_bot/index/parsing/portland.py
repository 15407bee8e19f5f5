"""Placeholder: the portland format parser is being written (see issue 2)."""

from __future__ import annotations

from minutes_bot.index.sources import SourceDocument
from minutes_bot.models import Meeting

NAME = "portland"


def detect(text: str) -> bool:
    return False


def parse(doc: SourceDocument) -> Meeting:
    raise NotImplementedError(NAME)
