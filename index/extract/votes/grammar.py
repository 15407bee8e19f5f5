"""What every vote grammar is, and the few rules they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from index.extract.votes.kinds import classified
from index.models import Vote, VoteResult


@dataclass(frozen=True)
class VoteGrammar:
    """One printed shape of recorded votes: its name and a reader of ``(offset, Vote)`` pairs.

    ``find`` returns each vote with the offset where its quote starts, so that votes come
    back in document order however the grammar walks the text.
    """

    name: str
    find: Callable[[str], Iterable[tuple[int, Vote]]]

    def votes(self, text: str) -> list[Vote]:
        """Every vote this grammar reads in ``text``, in document order, each with its kind
        (the motion itself or a procedural step: :mod:`index.extract.votes.kinds`)."""
        found = sorted(self.find(text), key=lambda pair: pair[0])
        return [classified(vote) for _, vote in found]


def result_from_counts(yeas: int, nays: int) -> str:
    """A tie fails: the motion needs more votes for than against."""
    return VoteResult.CARRIED if yeas > nays else VoteResult.LOST
