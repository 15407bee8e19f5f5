"""What kind of unit answers the question, and whether an item has one.

An item can be about the right thing and still not answer: "how did they vote" is not
answered by minutes that record no vote, "who was hired" not by a decision to start
recruiting, "did they approve funding for X" not by a noting whose only mention of X is in the
discussion, "chair for 2025-26" not by an item that never says 2025-26. The structured units
the extractors found (resolutions, actions with owners, recorded votes, dated statements) are
the evidence; an item without the asked-for unit is not an answer to that question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bot.answer import abstain, numbers
from bot.answer.models import Intent
from bot.answer.question import Query
from bot.answer.reading import Words
from index.schema import StoredItem, UnitKind, UnitRef, unit_id
from index.words import tokenize

# Asking whether something was decided, by the question's own verb: "did they approve",
# "was it adopted", "did it get signed off", "what did the board resolve". Not a participle
# that only describes a thing ("the settlement approved by council": how much it brought in).
_DECISION_VERB = re.compile(
    r"\b(?:did|does|do|will|would)\s+(?:[\w'’&-]+\s+){0,10}?(?P<base>approve|adopt|agree|pass|"
    r"back|resolve|decide|sign off|ratify|endorse|conclude)\b|"
    r"\b(?:was|were|been|be|is|are|get|got|gets|getting)\s+(?:\w+\s+){0,2}?(?:approved|"
    r"adopted|agreed|passed|backed|resolved|decided|signed off|ratified|endorsed)\b",
    re.IGNORECASE,
)
# "send it back", "claw back": "back" is then part of another verb, not "support".
_PHRASAL_BACK = re.compile(
    r"\b(?:send|sent|claw|bring|brought|come|came|go|went|report|put|pay|paid|give|gave|hold|"
    r"held|cut|scale|roll|push|pushed|kick|kicked|bounce|bounced|it|them)\s+back$",
    re.IGNORECASE,
)


def decision_asked(question: str) -> bool:
    """The question asks whether (or what) something was decided, by its own verb."""
    for m in _DECISION_VERB.finditer(question):
        if (m.group("base") or "").lower() == "back" and _PHRASAL_BACK.search(question[: m.end()]):
            continue
        return True
    return False


# "who did they hire / appoint / elect", "which consultant got the study", "who chaired", "who
# is the chair". "Chair" asks for an appointee only as the verb or right after "who is/was
# the": in "who is finding a new chair?" it is what someone is tasked with (an owner question).
_APPOINTMENT_ASKED = re.compile(
    r"\b(?:who(?:m|'s|’s)?|which \w+)\b.{0,60}?\b(?:hire[ds]?|appoint(?:ed)?|elect(?:ed)?|"
    r"got|won|awarded|engaged|retained|contracted)\b|"
    r"\bwho(?:'s|’s)?\s+(?:\w+\s+){0,2}?chair(?:ed|s|ing)?\b",
    re.IGNORECASE,
)
# An appointment made (not one planned: "until a Commissioner is appointed" names nobody):
# "X BE APPOINTED", "be elected to Chair", "the bid … BE ACCEPTED", "awarded to X".
APPOINTMENT_UNIT = re.compile(
    r"\b(?:BE|be|was|were|are|is hereby|are hereby)\s+(?:APPOINTED|appointed|ELECTED|elected|"
    r"HIRED|hired|ENGAGED|engaged|RETAINED|retained|AWARDED|awarded|ACCEPTED|accepted|"
    r"SELECTED|selected|NOMINATED|nominated|CONFIRMED|confirmed)\b|"
    r"\b(?:appoints|elects|awards)\b|\b(?:elected|appointed)\s+(?:as|to)\b|"
    r"\b(?:awarded|AWARDED)\s+to\b|\b(?:took|take|taking)\s+the\s+[Cc]hair\b|"
    r"\b[Cc]hair(?:ed|man|woman|person)?\b[^.]{0,40}\b(?:elected|appointed)\b"
)
# Resolutions that take note of a paper, let someone speak (or move a motion) or pass the
# matter on, rather than decide it.
PROCEDURAL = re.compile(
    r"\b(?:BE RECEIVED|be received|received for information|BE NOTED|be noted|noted the|"
    r"[Nn]otes? the\b[^.;:]{0,40}\b(?:[Rr]eport|update|presentation|contents)|"
    r"delegation requests?|BE APPROVED to be heard|be heard at this time|BE READ|"
    r"be read a (?:first|second)|[Rr]efer(?:red|s)? (?:the|it|this|that)\b[^.;:]{0,40}\bto|"
    r"[Ll]eave (?:BE GRANTED|be granted|was granted|is granted))\b"
)
# A decision that names its subject by reference ("approved the proposal in principle"): the
# minutes said what the proposal was just before.
_REFERENCE = re.compile(
    r"\b(?:the|this|that|these)\s+(?:proposals?|reports?|plans?|schemes?|recommendations?|"
    r"strateg(?:y|ies)|motions?|amendments?|polic(?:y|ies)|requests?|applications?|options?|"
    r"bids?|business cases?|approach|framework|programme|program)\b",
    re.IGNORECASE,
)
CONTEXT_CHARS = 1000
# "Who is the programme director?" asks who someone is, not who is to do something.
_IDENTITY = re.compile(
    r"^\s*who\s+(?:is|was|are|were|'s|’s)\s+(?:the|our|their|its|a|an)\s+\w+", re.IGNORECASE
)
_DATE_IN_TEXT = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|\b(?:19|20)\d{2}\b",
)
DECISION_DENSE = 0.5
"""Or: a decision unit (resolution, action, the item's decision block) this close to the question
(cosine): a paraphrase that shares no word with the decision is still about it."""
MIN_TOPIC_IN_UNITS = 0.2
"""Share of the question's topic (idf-weighted) a decision question needs in the item's title
and decision units: the decision must be *about* it, not only the discussion around it."""


class Wanted:
    """The unit a question asks for (:attr:`bot.answer.models.Refusal.wanted`)."""

    VOTE = "vote"
    OWNER = "owner"
    APPOINTMENT = "appointment"
    DATE = "date"
    DECISION = "decision"
    NUMBER = "number"


@dataclass(frozen=True)
class Asked:
    """The units a question needs: each flag is one check an answering item must pass."""

    vote: bool = False
    owner: bool = False
    appointment: bool = False
    date: bool = False
    decision: bool = False
    numbers: tuple[str, ...] = ()


def asked(query: Query) -> Asked:
    """What ``query`` asks for, from its intent and its words."""
    question = query.question
    return Asked(
        vote=query.intent == Intent.VOTE,
        owner=query.intent in (Intent.OWNER, Intent.OUTSTANDING)
        or ("person" in query.cues and not _IDENTITY.search(question)),
        appointment=bool(_APPOINTMENT_ASKED.search(question)),
        date=query.intent == Intent.WHEN,
        decision=decision_asked(question) and query.intent != Intent.HISTORY,
        numbers=tuple(dict.fromkeys(t for t in query.words.tokens if _is_number(t))),
    )


def missing(
    wanted: Asked,
    question: Words,
    item: StoredItem,
    idf: Callable[[str], float],
    ignore: Iterable[str] = (),
    unit_scores: Mapping[str, float] | None = None,
) -> str | None:
    """The first asked-for unit ``item`` lacks (a :class:`Wanted` value), or None if it has all.

    ``question`` is the searched text as read (:attr:`bot.answer.question.Query.asked`);
    ``ignore`` holds tokens naming the item's body, which prove nothing about the topic (see :func:`bot.answer.abstain.coverage`); ``unit_scores``
    the dense similarity of the item's units to the question, by unit ID, when known.
    """
    meta = item.meta
    decisions = [*meta.resolutions, *meta.votes]
    owned = [a for a in meta.actions if a.owner]
    if wanted.vote and not meta.votes:
        return Wanted.VOTE
    if wanted.appointment and not any(APPOINTMENT_UNIT.search(text) for text in _unit_texts(item)):
        return Wanted.APPOINTMENT
    if wanted.owner and not (owned or meta.resolutions):
        return Wanted.OWNER
    if wanted.date and not _dated(item):
        return Wanted.DATE
    if wanted.decision:
        if not decisions and not owned:
            return Wanted.DECISION
        topic = "\n".join([meta.title, *_unit_texts(item), *_referred(item)])
        if (
            abstain.topic_tokens(question, ignore)
            and abstain.coverage(
                question, topic, idf, ignore=ignore, equivalents=question.equivalents
            )
            < MIN_TOPIC_IN_UNITS
            and decision_similarity(item.id, unit_scores or {}) < DECISION_DENSE
        ):
            return Wanted.DECISION
    if wanted.numbers:
        have = set(tokenize("\n".join(x for x in (meta.header, meta.title, item.text) if x)))
        if any(not (numbers.forms(n) & have) for n in wanted.numbers):
            return Wanted.NUMBER
    return None


def lacks(wanted: Asked, item: StoredItem) -> str | None:
    """The first asked-for unit ``item`` holds no instance of (a :class:`Wanted` value).

    Structure only, no word matching: the answer gate weighs it as evidence and, when it
    answers anyway, says what the minutes do not record ("no owner is named") instead of
    refusing an item that is about the question.
    """
    meta = item.meta
    if wanted.vote and not meta.votes:
        return Wanted.VOTE
    if wanted.appointment and not any(APPOINTMENT_UNIT.search(text) for text in _unit_texts(item)):
        return Wanted.APPOINTMENT
    if wanted.owner and not (any(a.owner for a in meta.actions) or meta.resolutions):
        return Wanted.OWNER  # a resolution names who is to act ("That the Director be …")
    if wanted.date and not _dated(item):
        return Wanted.DATE
    if wanted.decision and not (meta.resolutions or meta.votes or meta.actions):
        return Wanted.DECISION
    return None


_DECISION_UNITS = (UnitKind.RESOLUTION, UnitKind.ACTION, UnitKind.DECISION)


def decision_similarity(item_id: str, unit_scores: Mapping[str, float]) -> float:
    """The closest of the item's decision units (resolutions, actions, decision block)."""
    prefixes = tuple(unit_id(UnitRef(item_id, kind, 0))[:-1] for kind in _DECISION_UNITS)
    return max((v for k, v in unit_scores.items() if k.startswith(prefixes)), default=0.0)


def _referred(item: StoredItem) -> list[str]:
    """What the item's decisions refer to: the text just before a decision that names its
    subject only as "the proposal", "the report" (procedural ones decide nothing)."""
    out = []
    for text in [r.text for r in item.meta.resolutions] + [a.text for a in item.meta.actions]:
        if not _REFERENCE.search(text) or PROCEDURAL.search(text):
            continue
        at = item.text.find(text)
        if at > 0:
            out.append(item.text[max(0, at - CONTEXT_CHARS) : at])
    return out


def _unit_texts(item: StoredItem) -> list[str]:
    """The item's decision units as text: resolutions, actions (with owners), vote motions."""
    meta = item.meta
    out = [r.text for r in meta.resolutions]
    out += [f"{a.owner or ''} {a.text}" for a in meta.actions]
    out += [v.motion or v.text for v in meta.votes]
    return out


def _dated(item: StoredItem) -> bool:
    """A date to answer "when" with: a dated statement, a due date, the meeting's date of a
    decision, or at least a date in the item's text."""
    meta = item.meta
    if meta.dated or any(a.due for a in meta.actions):
        return True
    if meta.date and (meta.resolutions or meta.votes or meta.actions):
        return True
    return bool(_DATE_IN_TEXT.search(item.text))


def _is_number(token: str) -> bool:
    return any(ch.isdigit() for ch in token)
