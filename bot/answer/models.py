"""What an answer is, independent of where it is shown (terminal, JSON, Slack blocks)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot.answer.abstain import Evidence
from index.models import Action, DatedStatement, Resolution, Vote


class Intent:
    """What the question asks for; decides which units we retrieve and which template answers."""

    DECISION = "decision"  # what was decided / resolved / agreed
    OWNER = "owner"  # who owns an action / who is to do X
    WHEN = "when"  # when was it discussed / due / decided
    OUTSTANDING = "outstanding"  # which actions are still open
    HISTORY = "history"  # what has been decided about X over time


@dataclass
class ItemMatch:
    """One agenda item that answers the question, with everything we quote from it.

    ``resolutions``, ``actions``, ``dated`` and ``passages`` are verbatim substrings of the
    item's source text: :func:`bot.answer.quotes.verified` drops anything that is not.
    """

    item_id: str
    source_path: str
    item_title: str
    link: str
    score: float
    body: str | None = None
    meeting_date: str | None = None
    item_number: str | None = None
    resolutions: list[Resolution] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    passages: list[str] = field(default_factory=list)
    truncated: bool = False
    dated: list[DatedStatement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class LeadKind:
    """What the lead line quotes: the one unit that answers the question."""

    RESOLUTION = "resolution"  # a decision, quoted (RESOLVED …, BE APPROVED …, a disposition)
    ACTION = "action"  # who is to do what (owner, due, status)
    VOTE = "vote"  # a recorded vote: the motion it decided, its tally and result
    DATE = "date"  # a dated statement or a due date
    PASSAGE = "passage"  # a sentence of the discussion, when no structured unit answers


@dataclass
class Lead:
    """The answer in one line, before any supporting item: one verbatim ``quote`` from the
    item ``item_id`` (an exact substring of its text), with what the question asked for.

    ``owner``/``due``/``status`` for actions, ``result``/``tally`` for votes, ``when`` for dates
    (the date phrase as printed, or the meeting's date). ``body``/``meeting_date``/``link`` say
    where the quote comes from, so the line stands alone when shared.
    """

    kind: str
    quote: str
    item_id: str
    link: str
    item_title: str = ""
    item_number: str | None = None
    body: str | None = None
    meeting_date: str | None = None
    owner: str | None = None
    due: str | None = None
    status: str | None = None
    result: str | None = None
    tally: str | None = None
    when: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    """The reply to one question. An empty ``matches`` means "no decision found".

    ``evidence`` is what abstention judged the top candidate on (None when nothing was
    retrieved); the evaluation and calibration read it, the reply does not show it. ``lead``
    is the one-line answer every reply starts with; ``related`` holds items that matched far
    below the best one: offered as "related", never presented as answers.
    """

    question: str
    intent: str = Intent.DECISION
    matches: list[ItemMatch] = field(default_factory=list)
    near_misses: list[ItemMatch] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)
    searched: dict[str, Any] = field(default_factory=dict)
    evidence: Evidence | None = None
    lead: Lead | None = None
    related: list[ItemMatch] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.matches)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "intent": self.intent,
            "found": self.found,
            "answer": self.lead.to_dict() if self.lead else None,
            "filters": self.filters,
            "searched": self.searched,
            "matches": [m.to_dict() for m in self.matches],
            "near_misses": [m.to_dict() for m in self.near_misses],
            "related": [m.to_dict() for m in self.related],
        }
