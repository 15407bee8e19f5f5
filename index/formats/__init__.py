"""Turn a :class:`SourceDocument` into a :class:`Meeting`, whatever shape the minutes take.

Each format module exposes ``NAME``, ``detect(text) -> bool`` and
``parse(doc: SourceDocument) -> Meeting``. The first format whose ``detect`` is true wins,
so more specific formats come first and the generic modern.gov page parser comes last.
"""

from __future__ import annotations

from types import ModuleType

from index.errors import NoAgendaStructureError
from index.formats import (
    kent_printed,
    london_markdown,
    moderngov,
    portland,
)
from index.models import Meeting
from index.sources import SourceDocument

FORMATS: tuple[ModuleType, ...] = (portland, london_markdown, kent_printed, moderngov)


def parse_document(doc: SourceDocument) -> Meeting:
    """Parse with the first matching format; sidecar metadata fills what the page left out."""
    for fmt in FORMATS:
        if fmt.detect(doc.text):
            meeting = fmt.parse(doc)
            break
    else:  # pragma: no cover - moderngov.detect accepts anything with text
        raise NoAgendaStructureError(doc.path)
    if not meeting.items:
        raise NoAgendaStructureError(doc.path)
    return _apply_meta(meeting, doc)


def _apply_meta(meeting: Meeting, doc: SourceDocument) -> Meeting:
    """A sidecar is the deployer's explicit word, so it overrides what we guessed from the text."""
    meta = doc.meta
    meeting.url = meta.url or meeting.url
    meeting.body = meta.body or meeting.body
    meeting.date = meta.date or meeting.date
    meeting.title = meta.title or meeting.title
    return meeting
