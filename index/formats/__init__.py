"""Turn a :class:`SourceDocument` into a :class:`Meeting`, whatever shape the minutes take.

Each module here holds one council format, a :class:`~index.formats.base.CouncilFormat`
exposed as ``FORMAT``. :data:`FORMATS` is the registry: the first format whose ``detect``
is true parses the document, so the order is part of the contract (tests/index/formats/
test_registry.py pins it): the most specific formats come first and the generic modern.gov
page parser, which accepts any text, comes last.
"""

from __future__ import annotations

from index.errors import NoAgendaStructureError
from index.formats import kent_printed, london_markdown, moderngov, parish, portland
from index.formats.base import CouncilFormat
from index.models import Meeting
from index.sources import SourceDocument

FORMATS: tuple[CouncilFormat, ...] = (
    portland.FORMAT,  # "CITY OF PORTLAND" + "OFFICIAL MINUTES" in the header
    london_markdown.FORMAT,  # two or more "## 2.3&nbsp;Title" headings
    kent_printed.FORMAT,  # "MINUTES of a meeting" + two or more "(Item N)" lines
    parish.FORMAT,  # a "… PARISH COUNCIL" header line + two or more "25/031  Title" headings
    moderngov.FORMAT,  # anything with text: the fallback, always last
)


def format_for(text: str) -> CouncilFormat | None:
    """The first registered format that recognises ``text``."""
    return next((fmt for fmt in FORMATS if fmt.detect(text)), None)


def parse_document(doc: SourceDocument) -> Meeting:
    """Parse with the first matching format; sidecar metadata fills what the page left out."""
    fmt = format_for(doc.text)
    if fmt is None:  # only for empty text: moderngov accepts anything else
        raise NoAgendaStructureError(doc.path)
    meeting = fmt.parse(doc)
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
