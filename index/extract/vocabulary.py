"""The words a council format records decisions and actions with, as the shared extractors take them.

The extractors in this package read every format's minutes with one set of rules (lists,
wrapped lines, sentences, verbatim spans); what differs between councils is the vocabulary:
one prints "RESOLVED:", another "Decision –", a parish clerk writes "Motion carried: That …";
one logs actions as "Action – Vicky to …", another as "Cllr Hale to place the order by …".
A format names its vocabulary (``CouncilFormat.vocabulary``) and the extractors read with it,
so a new format adds words here, not rules in the extractors.

:data:`DEFAULT` is the vocabulary the UK and North-American formats have always been read
with; a format that only adds words builds on it with :meth:`Vocabulary.with_lead_ins` and
:meth:`Vocabulary.with_action_patterns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from index.models import ResolutionKind


@dataclass(frozen=True)
class LeadIn:
    """Words that open a decision at the start of a line ("RESOLVED", "Motion carried").

    ``pattern`` is a regex matched where the line's text starts (after any paragraph label).
    Shouted words (all capitals, "RESOLVED") open a decision unless a letter follows them;
    any other casing ("Resolved", "Motion carried") must be followed by punctuation,
    "that"/"to" or the end of the line, so that "Decision making was discussed" is no
    decision. ``kind`` is the :class:`ResolutionKind` the decision is stored with.
    """

    pattern: str
    kind: str


@dataclass(frozen=True)
class Vocabulary:
    """How one format's minutes word their decisions and actions.

    - ``lead_ins``: the words that open a decision, tried in order.
    - ``mid_line``: a lead-in that also opens a decision after "… and it was" mid-line, or None.
    - ``stops``: lines that end a decision being read (the next section, a vote tally), each
      pattern matched at a line's start. A line that itself opens a decision with one of
      ``lead_ins`` is never a stop.
    - ``action_patterns``: sentence shapes that record an action beyond the shared ones; each
      regex is matched at the start of a sentence and names its ``owner`` group, which must be
      a person or a post ("Cllr Hale", "the Clerk").
    """

    lead_ins: tuple[LeadIn, ...]
    stops: tuple[re.Pattern[str], ...]
    mid_line: re.Pattern[str] | None = None
    action_patterns: tuple[re.Pattern[str], ...] = field(default=())

    @cached_property
    def _lead_in_re(self) -> re.Pattern[str]:
        alternatives = "|".join(f"(?P<k{i}>{lead.pattern})" for i, lead in enumerate(self.lead_ins))
        return re.compile(rf"(?P<kw>{alternatives})\b")

    def lead_in(self, text: str, start: int, end: int) -> tuple[re.Match[str], str] | None:
        """The lead-in opening ``text[start:end]`` and its kind, if one does."""
        match = self._lead_in_re.match(text, start, end)
        if match is None:
            return None
        for index, lead in enumerate(self.lead_ins):
            if match.group(f"k{index}") is not None:
                return match, lead.kind
        return None  # unreachable: one alternative matched

    def with_lead_ins(self, *lead_ins: LeadIn) -> Vocabulary:
        """This vocabulary with more decision lead-ins (tried after the existing ones)."""
        return replace(self, lead_ins=(*self.lead_ins, *lead_ins))

    def with_stops(self, *stops: re.Pattern[str]) -> Vocabulary:
        """This vocabulary with more lines that end a decision."""
        return replace(self, stops=(*self.stops, *stops))

    def is_stop(self, line: str) -> bool:
        """Does ``line`` match one of the stop patterns?"""
        return any(stop.match(line) for stop in self.stops)

    def with_action_patterns(self, *patterns: re.Pattern[str]) -> Vocabulary:
        """This vocabulary with more action sentence shapes."""
        return replace(self, action_patterns=(*self.action_patterns, *patterns))


_S = r"[ \t\u00a0]"

RESOLVED = LeadIn(r"RES+OL?VED|RESOLVE\b|Res+olved", ResolutionKind.RESOLVED)
"""``RESOLVED`` and its misspellings (``RESSOLVED``, ``RESOLVE``), ``Resolved``."""
AGREED = LeadIn(r"AGREED|Agreed", ResolutionKind.AGREED)
DECISION = LeadIn(r"DECISIONS?|Decisions?", ResolutionKind.DECISION)
"""``Decision –`` (``Decision – 24/00093`` citing a decision by number is not one)."""

DEFAULT_STOPS = re.compile(
    r"""^[ \t\u00a0]*(?:
        Supporting\ documents\b | Minutes: | Agenda\ item\b | Background\ papers\b
      | Action\b | ACTION\b | Update[ \t\u00a0]*[–—:-]
      | \d{1,3}[a-z]{0,2}\.?[ \t\u00a0]*$
      | \(Item\ \d | (?:Motion|Amendment)\ (?:carried|lost|passed|failed)
      | (?:For|Against|Abstain(?:ed)?|Abstentions?)[ \t\u00a0]*\(\d+\)
    )""",
    re.VERBOSE,
)

DEFAULT = Vocabulary(
    lead_ins=(RESOLVED, AGREED, DECISION),
    stops=(DEFAULT_STOPS,),
    # Shouted RESOLVED mid-line ("… and it was RESOLVED that …") still opens a decision.
    mid_line=re.compile(r"(?<![A-Za-z])RES+OL?VED\b"),
)
"""The vocabulary of the formats the bot started with (Kent, modern.gov, London, Portland)."""

OWNER_TO_DO = re.compile(
    rf"(?P<owner>[A-Z][\w’'.-]*(?:{_S}+(?:[A-Z][\w’'.-]*|of|and|&)){{0,5}}){_S}+to{_S}+"
    rf"(?!be{_S})[a-z]+\b"
)
"""An action-log sentence: "<who> to <verb> …" ("Cllr Hale to place the order by 31 March
2025.", "The Clerk to write to the landowner."); the owner must be a person or a post."""
