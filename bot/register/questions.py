"""Questions the register answers: by owner, by body or meeting, overdue, done since.

One function, :func:`ask_register`, serves the terminal and Slack alike; :func:`read_question`
turns an officer's sentence ("what's overdue for the Director of Public Health?", "what did
the last HWB ask officers to do?") into the same :class:`RegisterQuestion` the command line's
options make. A name the register does not know is answered as unknown, with the closest names
it does know, rather than with an empty list that would read as "nothing outstanding".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from bot.register.models import Entry
from bot.register.owners import initials
from bot.register.register import Register


class Show:
    """Which actions a question wants, by status."""

    OPEN = "open"  # not done: open, or never reported on
    DONE = "done"
    ALL = "all"


@dataclass(frozen=True)
class RegisterQuestion:
    owner: str | None = None
    body: str | None = None
    show: str = Show.OPEN
    overdue: bool = False
    done_since: dt.date | None = None
    last_meeting: bool = False
    today: dt.date | None = None


@dataclass(frozen=True)
class OwnerGroup:
    owner: str | None
    entries: list[Entry]


@dataclass
class RegisterReply:
    """What the register says: groups of entries, or what it could not find and near names."""

    question: RegisterQuestion
    today: dt.date
    groups: list[OwnerGroup] = field(default_factory=list)
    owner: str | None = None
    body: str | None = None
    meeting: dt.date | None = None
    unknown_owner: str | None = None
    unknown_body: str | None = None
    closest: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [e for g in self.groups for e in g.entries]


def ask_register(register: Register, question: RegisterQuestion) -> RegisterReply:
    """The actions ``question`` asks for, open first, grouped by owner."""
    today = question.today or dt.date.today()
    reply = RegisterReply(question, today)
    entries = register.entries
    if question.body:
        body = find_body(register, question.body)
        if body is None:
            reply.unknown_body = question.body
            reply.closest = closest_bodies(register, question.body)
            return reply
        reply.body = body
        entries = [e for e in entries if e.body == body or body in e.bodies]
        if question.last_meeting and register.meetings.get(body):
            reply.meeting = register.meetings[body][-1]
            entries = [e for e in entries if e.meeting_date == reply.meeting]
    if question.owner:
        group = register.owners.find(question.owner)
        if group is None:
            reply.unknown_owner = question.owner
            reply.closest = register.owners.closest(question.owner)
            return reply
        reply.owner = register.owners.name(group)
        entries = [e for e in entries if group in register.owners.groups(e.owner)]
    if question.overdue:
        entries = [e for e in entries if e.overdue(today)]
    elif question.done_since is not None:
        since = question.done_since
        entries = [e for e in entries if e.done_on is not None and e.done_on >= since]
    elif question.show == Show.OPEN:
        entries = [e for e in entries if e.outstanding]
    elif question.show == Show.DONE:
        entries = [e for e in entries if not e.outstanding]
    reply.groups = _grouped(register, entries)
    return reply


def _grouped(register: Register, entries: list[Entry]) -> list[OwnerGroup]:
    """Open actions first, grouped by owner; within a group, soonest due first."""
    by_owner: dict[str | None, list[Entry]] = {}
    for entry in entries:
        by_owner.setdefault(register.owners.name(entry.owner_key), []).append(entry)

    def order(entry: Entry) -> tuple[bool, dt.date, dt.date]:
        return (not entry.outstanding, entry.due or dt.date.max, entry.meeting_date or dt.date.min)

    groups = [OwnerGroup(owner, sorted(group, key=order)) for owner, group in by_owner.items()]
    return sorted(
        groups,
        key=lambda g: (
            not any(e.outstanding for e in g.entries),
            g.owner is None,
            (g.owner or "").lower(),
        ),
    )


# -- bodies ----------------------------------------------------------------------------------


def find_body(register: Register, asked: str) -> str | None:
    """The body ``asked`` names: its words, some of them, or initialisms of them ("HWB")."""
    wanted = _words(asked)
    if not wanted:
        return None
    bodies = register.bodies
    exact = [b for b in bodies if _words(b) == wanted]
    if exact:
        return exact[0]
    covered = [b for b in bodies if all(_covers(word, b) for word in wanted)]
    if len(covered) == 1:
        return covered[0]
    if covered:  # several match: the one with the latest meeting
        return max(covered, key=lambda b: register.meetings[b][-1])
    return None


def closest_bodies(register: Register, asked: str, limit: int = 3) -> list[str]:
    by_lower = {b.lower(): b for b in register.bodies}
    near = difflib.get_close_matches(asked.lower(), list(by_lower), n=limit, cutoff=0.4)
    return [by_lower[n] for n in near]


def _covers(word: str, body: str) -> bool:
    """``word`` is one of the body's words, or abbreviates a run of them ("hwb" in
    "Northmoor Health and Wellbeing Board", "psr" in "Public Services Reform")."""
    return word in _words(body) or (
        len(word) >= 2 and word.isalpha() and word in initials(body.lower())
    )


def _words(text: str) -> set[str]:
    ignore = {"the", "of", "and", "&", "meeting", "meetings", "last", "latest"}
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in ignore}


# -- reading a sentence ----------------------------------------------------------------------

_OVERDUE_RE = re.compile(r"\b(?:overdue|late|past\s+(?:its\s+|their\s+)?due)\b", re.I)
_DONE_SINCE_RE = re.compile(
    r"\b(?:done|completed|cleared|closed|finished)\s+since\s+(?P<when>.+?)\??$", re.I
)
_LAST_RE = re.compile(r"\b(?:last|latest|most\s+recent|previous)\b", re.I)
_DONE_RE = re.compile(r"\b(?:done|completed|cleared|closed|finished|delivered)\b", re.I)
_ALL_RE = re.compile(r"\b(?:all|every)\s+actions?\b", re.I)
_SUBJECT_RES = (
    re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:last|latest|previous)\s+)?(?P<who>.+?)\s*\??$", re.I),
    re.compile(r"\b(?:did|has|have)\s+(?:the\s+)?(?P<who>.+?)\s+(?:ask|asked|agree)", re.I),
    re.compile(r"\b(?:does|do|has|have)\s+(?P<who>.+?)\s+(?:got\s+)?(?:have|still|outstanding|open|done|completed)\b", re.I),
    re.compile(r"\b(?:for|by|of|owed\s+by)\s+(?P<who>.+?)\s*\??$", re.I),
    re.compile(r"^(?:what\s+(?:does|do)\s+)?(?P<who>.+?)\s+(?:owes?|owe)\b", re.I),
)  # fmt: skip
_LEADING_RE = re.compile(r"^(?:the\s+)?(?:(?:last|latest|most\s+recent|previous)\s+)?", re.I)
_TRAILING_RE = re.compile(
    r"\s+(?:(?:have|has|had|are|is|were|was)\s+(?:been\s+|got\s+|still\s+)?|been\s+|still\s+)"
    r"(?:done|completed|cleared|closed|finished|delivered|outstanding|open|overdue|left)\b.*$",
    re.I,
)
"""The verb after a subject ("… executive have been done", "… Bradley are still open"): not
part of the name."""


def read_question(text: str, register: Register, today: dt.date | None = None) -> RegisterQuestion:
    """A :class:`RegisterQuestion` from an officer's sentence about actions."""
    from index.extract.text import parse_date_phrase

    overdue = bool(_OVERDUE_RE.search(text))
    done_since = None
    if match := _DONE_SINCE_RE.search(text):
        done_since = parse_date_phrase(match["when"]) or _iso(match["when"])
        text = text[: match.start()]
    last = bool(_LAST_RE.search(text))
    show = Show.ALL if _ALL_RE.search(text) else Show.DONE if _DONE_RE.search(text) else Show.OPEN
    owner = body = None
    for pattern in _SUBJECT_RES:
        match = pattern.search(text)
        if match is None:
            continue
        subject = _LEADING_RE.sub("", match["who"].strip(" ?.,")).strip()
        subject = _TRAILING_RE.sub("", subject).strip()
        if not subject:
            continue
        if find_body(register, subject) is not None:
            body = subject
        elif owner is None:
            owner = subject
        break
    return RegisterQuestion(
        owner=owner,
        body=body,
        show=show,
        overdue=overdue,
        done_since=done_since,
        last_meeting=last and body is not None,
        today=today,
    )


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip(" ?."))
    except ValueError:
        return None
