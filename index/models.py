"""The typed shape of minutes: Meeting → AgendaItem → Resolution / Action / Vote.

Every text field that we later show to a user as a quote (``Resolution.text`` and
``.quote``, ``Action.text``, ``.quote`` and ``.update``, ``Vote.text`` and ``.motion``,
``DatedStatement.text``, ``AgendaItem.text``) is an exact substring of the document's source
text. That invariant is what lets the bot say "quoted word for word"
and lets :func:`bot.answer.quotes.verify_quote` reject anything else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any


class ResolutionKind:
    """How the minutes introduced a decision; kept as plain strings for Chroma metadata."""

    RESOLVED = "resolved"  # RESOLVED:, RESOLVED to:, RESSOLVED:, Resolved – That …
    DECISION = "decision"  # Decision – …, a "Decision" heading
    AGREED = "agreed"  # AGREED, "Minutes agreed as correct record", "The Board agreed to …"
    APPROVED = "approved"  # "The Executive approved the proposal in principle"
    NOTED = "noted"  # "The Board noted …"
    MOTION = "motion"  # North American "That it BE NOTED / BE APPROVED / BE DIRECTED …"
    DISPOSITION = "disposition"  # Portland-style "PASSED TO SECOND READING", "REFERRED TO …"


class VoteResult:
    CARRIED = "carried"
    LOST = "lost"
    UNKNOWN = "unknown"


class VoteKind:
    """What a vote decided (see :mod:`index.extract.votes.kinds`). Every kind but ``motion`` is
    procedural: a step on the way to the decision, shown after the vote on the motion itself."""

    MOTION = "motion"  # the motion itself (also "the motion, as amended")
    AMENDMENT = "amendment"  # an amendment to the motion
    RECESS = "recess"  # "That the Council recess at this time, for 10 minutes."
    EXTENSION = "extension"  # sitting past the time limit ("extend the meeting beyond 4.30pm")
    CLOSED_SESSION = "closed_session"  # going into closed session / excluding the public
    ADJOURNMENT = "adjournment"  # "That the meeting BE ADJOURNED."
    REFERRAL = "referral"  # referring, deferring, tabling or postponing the matter
    PROCEDURE = "procedure"  # hearing a delegation, changing the order, reconsidering …


@dataclass(frozen=True)
class Resolution:
    """One decision, verbatim. ``label`` is the list marker as printed: ``1)``, ``(a)``, ``i)``.

    ``text`` starts after any marker ("RESOLVED that", "Decision –"), so lists and displays
    read the decision itself. ``quote`` is the same decision from its marker on ("RESOLVED to
    endorse the strategy."), the line people quote, when a marker introduces it directly;
    None otherwise (list entries, plain decision sentences). Both are slices of the source.
    """

    text: str
    label: str | None = None
    kind: str = ResolutionKind.RESOLVED
    quote: str | None = None


@dataclass(frozen=True)
class Action:
    """A task someone took on. ``text`` is the verbatim sentence; ``owner`` is who does it.

    ``quote`` is the action from its marker on ("Action – Dr Lowe to …"), or the ``quote`` of
    the resolution it came from; None when nothing marks it.
    """

    text: str
    owner: str | None = None
    due: str | None = None
    update: str | None = None
    status: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Vote:
    """A recorded vote. Names are as printed; counts may be given without names and vice versa.

    ``motion`` is the motion or amendment the vote decided, verbatim, whenever the minutes
    state it; ``kind`` says what it was (:class:`VoteKind`) and ``procedural`` whether it was
    a step of procedure (an amendment, a recess, a referral …) rather than the motion itself.
    """

    text: str
    result: str = VoteResult.UNKNOWN
    motion: str | None = None
    mover: str | None = None
    seconder: str | None = None
    yeas: tuple[str, ...] = ()
    nays: tuple[str, ...] = ()
    abstentions: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    yea_count: int | None = None
    nay_count: int | None = None
    abstain_count: int | None = None
    kind: str = VoteKind.MOTION
    procedural: bool = False


@dataclass(frozen=True)
class DatedStatement:
    """A sentence of the minutes that carries a date or deadline, for "when …?" questions.

    ``text`` is the verbatim sentence ("The plan was due to be completed by June 2024 …");
    ``when`` the date phrase as printed in it ("by June 2024", "until 12th March").
    """

    text: str
    when: str


class MinutesStatus:
    """Whether the site calls a meeting's minutes draft or approved (None when it does not say).

    Draft minutes are published before the next meeting approves them and may still change, so
    answers say so; a sync re-checks them until the site shows them approved.
    """

    DRAFT = "draft"
    APPROVED = "approved"


class RelatedKind:
    """What a related link of a synced meeting points at (templates word them for the reader)."""

    DOCUMENTS = "documents"  # the meeting's "Agenda and minutes" page (ieListDocuments.aspx)
    PRINTED_MINUTES = "printed_minutes"  # the printed minutes PDF


@dataclass(frozen=True)
class RelatedLink:
    """A page about an item's meeting that is not the item's own page; ``title`` as the site
    words it (a PDF's link text) when it gives one."""

    kind: str
    url: str
    title: str | None = None


@dataclass
class AgendaItem:
    """One agenda item. ``text`` is the item's verbatim minutes (heading excluded).

    ``url`` is the item's own page when the site has one (a synced modern.gov item's
    ``mgAi.aspx?ID=…``), and ``source_id`` the site's ID for the item.
    """

    title: str
    text: str
    number: str | None = None
    resolutions: list[Resolution] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    truncated: bool = False
    dated: list[DatedStatement] = field(default_factory=list)
    url: str | None = None
    source_id: str | None = None


@dataclass
class Meeting:
    """A meeting as one source document gives it.

    ``source_path`` is where we read it, ``url`` the public page when known (sidecar or page),
    ``source_text`` the decoded text every quote must be a substring of. Meetings synced from a
    site also carry the ``site`` and its ``meeting_id``, the ``minutes_status`` the site shows
    and ``related`` links (documents page, printed minutes).
    """

    source_path: str
    source_text: str
    items: list[AgendaItem] = field(default_factory=list)
    body: str | None = None
    date: date | None = None
    time: str | None = None
    venue: str | None = None
    url: str | None = None
    title: str | None = None
    format: str | None = None
    minutes_status: str | None = None
    related: list[RelatedLink] = field(default_factory=list)
    site: str | None = None
    meeting_id: str | None = None
    council: str | None = None
    """The council whose site it came from (``body`` is then named with it); None for files."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data


def resolution_from_dict(data: dict[str, Any]) -> Resolution:
    return Resolution(**data)


def action_from_dict(data: dict[str, Any]) -> Action:
    return Action(**data)


def vote_from_dict(data: dict[str, Any]) -> Vote:
    """A stored vote; keys a later version added are ignored, so an index written by a newer
    version stays readable by this one during a rolling upgrade."""
    known = {f.name for f in dataclass_fields(Vote)}
    fields = {key: value for key, value in data.items() if key in known}
    for key in ("yeas", "nays", "abstentions", "absent"):
        fields[key] = tuple(fields.get(key) or ())
    return Vote(**fields)


def dated_from_dict(data: dict[str, Any]) -> DatedStatement:
    return DatedStatement(**data)


def related_from_dict(data: dict[str, Any]) -> RelatedLink:
    return RelatedLink(**data)
