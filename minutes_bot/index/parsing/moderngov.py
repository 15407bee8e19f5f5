"""Placeholder modern.gov parser: one item holding the whole page (replaced in issue 2)."""

from __future__ import annotations

from minutes_bot.index.sources import SourceDocument
from minutes_bot.models import AgendaItem, Meeting

NAME = "moderngov"


def detect(text: str) -> bool:
    return bool(text.strip())


def parse(doc: SourceDocument) -> Meeting:
    text = doc.text.strip()
    title = text.splitlines()[0]
    return Meeting(
        source_path=doc.path,
        source_text=doc.text,
        items=[AgendaItem(title=title, text=text)],
        format=NAME,
    )
