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
    VOTE = "vote"  # how members voted: a recorded vote, its tally and result
    OUTSTANDING = "outstanding"  # which actions are still open
    HISTORY = "history"  # what has been decided about X over time


@dataclass(frozen=True)
class SameDecision:
    """Another minuting of a match's decision (same wording, another meeting)."""

    item_id: str
    link: str
    item_title: str
    body: str | None = None
    meeting_date: str | None = None
    item_number: str | None = None
    document: str = ""
    """The document's title or file name, shown (with the item number) when ``link`` is no
    web page (:mod:`bot.answer.sources`)."""


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
    minutes_status: str | None = None
    """``draft`` while the site shows the minutes unapproved (synced items only): a decision
    quoted from draft minutes may still be corrected, and officers need to know that."""
    also: list[SameDecision] = field(default_factory=list)
    """The same decision minuted again at later meetings (a council adopting its committee's
    recommendation in the same words): see :mod:`bot.answer.twins`."""
    document: str = ""
    """The document's title or file name: what names the source when ``link`` is no web
    page, never the server path (:mod:`bot.answer.sources`)."""

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
    minutes_status: str | None = None
    """As on its item: ``draft`` is said in the line itself, since the line is shared alone."""
    against: tuple[str, ...] = field(default=(), init=False)
    """For a vote: who voted against, as the minutes name them (none when they only count);
    set after construction (:mod:`bot.answer.vote_lead`), so builders of other leads that pass
    only text fields need not know of it."""
    against_asked: bool = field(default=False, init=False)
    """For a vote: the question asked who voted against ("and who voted against?"), so the
    line names them first (or says the minutes do not), before the result."""
    mover: str | None = field(default=None, init=False)
    seconder: str | None = field(default=None, init=False)
    """For a vote: who moved and who seconded its motion, as the minutes name them."""
    mover_asked: bool = field(default=False, init=False)
    """For a vote: the question asked who moved or seconded it ("who moved the motion on …?"),
    so the line names them first (or says the minutes do not)."""
    document: str = ""
    """As on its item: names the source when ``link`` is no web page."""
    shown: str | None = None
    """What the line shows of ``quote``: all of it, or of a decision in listed parts the part
    about the question, cut at a clause boundary and ending in "…" when long; verbatim up to
    the "…" (:mod:`bot.answer.lead_shape`)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class RefusalKind:
    """Why an answer holds no match: the reply says which, specifically."""

    EMPTY = "empty"  # nothing asked, or only punctuation / emoji
    TOO_LONG = "too_long"  # longer than a question can usefully be (``limit`` characters)
    BAD_DATE = "bad_date"  # a day no calendar has ("31 February"): ``name`` as written
    UNKNOWN_PLACE = "unknown_place"  # a place/council no indexed minutes come from: ``name``
    UNKNOWN_BODY = "unknown_body"  # a body (``body_type`` of the place ``name``) not indexed
    NO_MEETING = "no_meeting"  # no indexed meeting of ``bodies`` in ``date_from``..``date_to``
    WRONG_TYPE = "wrong_type"  # items about it, none with what was asked (``wanted``)
    MOTION_LOST = "motion_lost"  # asked when it passed; the minutes record it lost (``lost``)
    NOT_FOUND = "not_found"  # nothing indexed is about it
    NO_TOPIC = "no_topic"  # nothing to search for: only asking words, or one acronym or name
    FOREIGN = "foreign"  # written in another language (``name``) in words the index lacks


@dataclass
class Held:
    """One line of "what I have": a body (or a council's bodies) and its indexed meetings."""

    name: str
    meetings: int
    bodies: int = 1
    first_year: int | None = None
    last_year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Refusal:
    """Why nothing is quoted, with what the reply needs to say so specifically.

    ``wanted`` names the unit a question asked for and the found items lack (``vote``,
    ``owner``, ``appointment``, ``date``, ``decision``, ``number``). ``held`` lists what the
    index does cover; ``nearest`` the indexed meeting dates (ISO) closest to an asked date.
    ``period`` says how the asked date was given: ``day``, ``month``, ``year`` or ``range``.
    """

    kind: str
    name: str | None = None
    body_type: str | None = None
    bodies: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    period: str | None = None
    wanted: str | None = None
    limit: int | None = None
    nearest: list[str] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    lost: Lead | None = None
    """The recorded vote by which the motion the question assumed passed was lost."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    """The reply to one question. An empty ``matches`` means "no decision found".

    ``evidence`` is what abstention judged the top candidate on (None when nothing was
    retrieved); the evaluation and calibration read it, the reply does not show it. ``lead``
    is the one-line answer every reply starts with; ``related`` holds items that matched far
    below the best one: offered as "related", never presented as answers. ``refusal`` says
    why there is no match (None when there is one).
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
    refusal: Refusal | None = None
    lacks: str | None = None
    """The unit the question asked for (``owner``, ``vote``, ``date``, ``appointment``,
    ``decision``) that the answering item does not record: the reply says so ("no owner is
    named in the minutes") instead of refusing an item that is about the question."""
    thread: str | None = None
    """What a follow-up in a thread was asked as (the thread's earlier question and this one),
    for the next follow-up's context; the question alone when it opened or left the thread."""

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
            "refusal": self.refusal.to_dict() if self.refusal else None,
            "lacks": self.lacks,
        }
