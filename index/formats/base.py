"""The contract every council format keeps, so that adding one is one module and one line.

A format recognises its minutes (``detect``), turns them into a :class:`Meeting` (``parse``)
and names the grammar its minutes print votes in (``vote_grammar``), which its parser reads
votes with, and no other. ``index.formats.FORMATS`` lists the formats in the order they are
tried; see docs/extending.md for how to add one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from index.extract.votes.grammar import VoteGrammar
from index.models import Meeting, Vote
from index.sources import SourceDocument


class CouncilFormat(ABC):
    """One shape of minutes: how to recognise it, parse it and read its votes."""

    name: ClassVar[str]
    """Stable identifier, stored as ``Meeting.format`` and in every chunk's metadata."""

    vote_grammar: ClassVar[VoteGrammar | None] = None
    """How these minutes print recorded votes; None when they do not print any."""

    @abstractmethod
    def detect(self, text: str) -> bool:
        """Is ``text`` (a document's whole decoded text) minutes of this shape?

        Formats are tried in registry order and the first to say yes parses the document,
        so ``detect`` must not claim another format's minutes that come later in the list.
        """

    @abstractmethod
    def parse(self, doc: SourceDocument) -> Meeting:
        """The meeting in ``doc``; every quoted field is an exact slice of ``doc.text``."""

    def votes(self, text: str) -> list[Vote]:
        """The recorded votes in ``text`` (an item's text), read with this format's grammar."""
        return self.vote_grammar.votes(text) if self.vote_grammar is not None else []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
