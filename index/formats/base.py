"""The contract every council format keeps, so that adding one is one module and one line.

A format says only what is particular to its minutes: how to recognise them (``detect``), how
to split a document into the meeting's header and its items (``split``), and the words it
records decisions, actions and votes with (``vocabulary``, ``vote_grammar``). Everything else
is assembled once, here (:meth:`CouncilFormat.parse` and :meth:`CouncilFormat.item`): an
item's title, number and verbatim text, its resolutions, actions, votes and dated sentences
read by the shared extractors with the format's vocabulary, and the verbatim guard that keeps
only quotes that are slices of the item's text. ``index.formats.FORMATS`` lists the formats
in the order they are tried; see docs/extending.md for how to add one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import ClassVar

from index.extract.actions import extract_actions
from index.extract.dates import extract_dated
from index.extract.resolutions import extract_resolutions
from index.extract.text import strip_span
from index.extract.vocabulary import DEFAULT, Vocabulary
from index.extract.votes.grammar import VoteGrammar
from index.models import AgendaItem, Meeting, Resolution, Vote
from index.sources import SourceDocument


@dataclass(frozen=True)
class ItemSpan:
    """Where one item's minutes are in the document, and what the format read around them.

    ``start``/``end`` bound the item's record in the document's text (surrounding whitespace
    is trimmed when the item is assembled); ``title`` and ``number`` are for display.
    ``truncated`` marks a record the page cut short ("view the full minutes text").
    ``decides`` is False for a stretch that records discussion only (a transcript): no
    decisions or votes are read from it. ``tentative`` marks a span found without any
    heading that marks it as minutes: it is kept only if a decision or action is read from it.
    """

    title: str
    number: str | None
    start: int
    end: int
    truncated: bool = False
    decides: bool = True
    tentative: bool = False


class CouncilFormat(ABC):
    """One shape of minutes: how to recognise it, split it into items and word its records."""

    name: ClassVar[str]
    """Stable identifier, stored as ``Meeting.format`` and in every chunk's metadata."""

    vote_grammar: ClassVar[VoteGrammar | None] = None
    """How these minutes print recorded votes; None when they do not print any."""

    vocabulary: ClassVar[Vocabulary] = DEFAULT
    """The words these minutes open decisions with and record actions in."""

    @abstractmethod
    def detect(self, text: str) -> bool:
        """Is ``text`` (a document's whole decoded text) minutes of this shape?

        Formats are tried in registry order and the first to say yes parses the document,
        so ``detect`` must not claim another format's minutes that come later in the list.
        """

    @abstractmethod
    def split(self, text: str, meeting: Meeting) -> list[ItemSpan]:
        """The items of ``text`` in document order; fill ``meeting``'s header fields (body,
        date, title, time, venue, url) with what the text says."""

    def parse(self, doc: SourceDocument) -> Meeting:
        """The meeting in ``doc``; every quoted field is an exact slice of ``doc.text``."""
        meeting = Meeting(source_path=doc.path, source_text=doc.text, format=self.name)
        spans = self.split(doc.text, meeting)
        items = [(span, self.item(doc.text, span)) for span in spans]
        meeting.items = [
            item for span, item in items if not span.tentative or item.resolutions or item.actions
        ]
        return meeting

    def item(self, text: str, span: ItemSpan) -> AgendaItem:
        """One item assembled from ``text[span.start:span.end]``: every extractor reads the
        item's own text with this format's words, and only verbatim quotes are kept."""
        start, end = strip_span(text, span.start, span.end)
        body = text[start:end]
        resolutions: list[Resolution] = []
        votes: list[Vote] = []
        if span.decides:
            resolutions = [
                r if r.quote is None or r.quote in body else replace(r, quote=None)
                for r in self.resolutions(body)
                if r.text in body
            ]
            votes = [v for v in self.votes(body) if v.text in body]
        actions = [
            a if a.quote is None or a.quote in body else replace(a, quote=None)
            for a in extract_actions(body, resolutions, self.vocabulary)
            if a.text in body
        ]
        return AgendaItem(
            title=span.title,
            text=body,
            number=span.number,
            resolutions=resolutions,
            actions=actions,
            votes=votes,
            truncated=span.truncated,
            dated=[d for d in extract_dated(body, resolutions) if d.text in body],
        )

    def resolutions(self, body: str) -> list[Resolution]:
        """The decisions in an item's text; a format whose minutes word them in a way the
        vocabulary cannot say (North-American motions) reads them its own way."""
        return extract_resolutions(body, self.vocabulary)

    def votes(self, text: str) -> list[Vote]:
        """The recorded votes in ``text`` (an item's text), read with this format's grammar."""
        return self.vote_grammar.votes(text) if self.vote_grammar is not None else []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
