"""Parish council minutes as plain text: the worked example of a format (docs/extending.md).

Shape (tests/fixtures/parish/ holds a fictional meeting)::

    ASHCOMBE PARISH COUNCIL
    Minutes of the Meeting of Ashcombe Parish Council held on Tuesday 4 March 2025 at 7.30 pm

    25/033  Playground Resurfacing
    The Clerk reported that three quotations had been received …
    Motion carried: That the Council accepts the quotation of £18,400 …
    (For 5, Against 1, Abstain 0)
    Cllr Hale to place the order by 31 March 2025.

Items are headed by a minute reference (``25/033``) and a title. Decisions open with
"Motion carried:" (a lost motion decided nothing, so "Motion lost:" is no lead-in), votes are
bracketed tallies under the motion, and actions are action-log sentences, "<who> to <do> …".
All this module says is how to split the minutes and which words they use; the item is
assembled, read and guarded by :class:`~index.formats.base.CouncilFormat`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.extract.text import make_date, strip_span
from index.extract.vocabulary import DEFAULT, OWNER_TO_DO, LeadIn
from index.extract.votes.grammar import VoteGrammar, result_from_counts
from index.formats.base import CouncilFormat, ItemSpan
from index.lexicon import MONTH_NAMES
from index.models import Meeting, ResolutionKind, Vote, VoteResult

_COUNCIL = re.compile(r"^[ \t]*([A-Z][A-Z' -]+ PARISH COUNCIL)[ \t]*$", re.MULTILINE)
_HELD = re.compile(
    r"\bheld on (?:[A-Z][a-z]+day,? )?(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+),? (\d{4})"
)
_HEADING = re.compile(r"^(\d{2}/\d{2,4})[ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)
_TALLY = re.compile(
    r"\(For[ \t]+(\d+),[ \t]*Against[ \t]+(\d+)(?:,[ \t]*Abstain(?:ed|ing|ions)?[ \t]+(\d+))?\)"
)
_MOTION = re.compile(r"^[ \t]*Motion (carried|lost):[ \t]*", re.MULTILINE)


def _parish_votes(text: str) -> Iterator[tuple[int, Vote]]:
    """A tally and, when it sits right under one, the "Motion carried/lost: …" it decided."""
    for tally in _TALLY.finditer(text):
        yeas, nays = int(tally.group(1)), int(tally.group(2))
        start, motion, result = tally.start(), None, result_from_counts(yeas, nays)
        above = [m for m in _MOTION.finditer(text, 0, tally.start())]
        if above and "\n\n" not in text[above[-1].start() : tally.start()]:
            lead = above[-1]
            if not _TALLY.search(text, lead.end(), tally.start()):
                start = lead.start() + len(lead.group(0)) - len(lead.group(0).lstrip())
                motion_start, motion_end = strip_span(text, lead.end(), tally.start())
                motion = text[motion_start:motion_end] or None
                result = VoteResult.CARRIED if lead.group(1) == "carried" else VoteResult.LOST
        abstain = int(tally.group(3)) if tally.group(3) else None
        yield (
            start,
            Vote(
                text=text[start : tally.end()],
                result=result,
                motion=motion,
                yea_count=yeas,
                nay_count=nays,
                abstain_count=abstain,
            ),
        )


PARISH_VOTES = VoteGrammar("parish", _parish_votes)

MOTION_CARRIED = LeadIn(r"Motion carried", ResolutionKind.RESOLVED)


class Parish(CouncilFormat):
    """Parish council minutes: "25/033  Title" items, "Motion carried:" decisions."""

    name = "parish"
    vote_grammar = PARISH_VOTES
    vocabulary = (
        DEFAULT.with_lead_ins(MOTION_CARRIED)
        .with_stops(re.compile(r"[ \t]*\(For[ \t]+\d"))
        .with_action_patterns(OWNER_TO_DO)
    )

    def detect(self, text: str) -> bool:
        """A "… PARISH COUNCIL" header line and two or more "25/031  Title" headings."""
        return bool(_COUNCIL.search(text[:1500])) and len(_HEADING.findall(text)) >= 2

    def split(self, text: str, meeting: Meeting) -> list[ItemSpan]:
        council = _COUNCIL.search(text[:1500])
        if council is not None:
            meeting.body = council.group(1).title()
        held = _HELD.search(text[:1500])
        meeting.date = make_date(*held.groups()) if held else None
        if meeting.body and meeting.date:
            when = meeting.date
            meeting.title = f"{meeting.body} – {when.day} {MONTH_NAMES[when.month - 1]} {when.year}"
        headings = list(_HEADING.finditer(text))
        return [
            ItemSpan(
                title=heading.group(2),
                number=heading.group(1),
                start=heading.end(),
                end=headings[index + 1].start() if index + 1 < len(headings) else len(text),
            )
            for index, heading in enumerate(headings)
        ]


FORMAT = Parish()
