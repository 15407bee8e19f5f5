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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.answer import abstain
from bot.answer.models import Intent
from bot.answer.question import Query
from index.lexical import tokenize
from index.schema import StoredItem

# Asking whether something was decided, by a verb people use for it.
_DECISION_VERB = re.compile(
    r"\b(?:approv(?:e|ed|es|al)|adopt(?:ed|s)?|agree[ds]?|pass(?:ed|es)?|back(?:ed|s)?|"
    r"resolve[ds]?|decide[ds]?|sign(?:ed)? off|ratif(?:y|ied)|endorse[ds]?)\b",
    re.IGNORECASE,
)
# "who did they hire / appoint / elect", "which consultant got the study", "who chaired".
_APPOINTMENT_ASKED = re.compile(
    r"\b(?:who(?:m|'s|’s)?|which \w+)\b.{0,60}?\b(?:hire[ds]?|appoint(?:ed)?|elect(?:ed)?|"
    r"got|won|awarded|chair(?:ed)?|engaged|retained|contracted)\b",
    re.IGNORECASE,
)
APPOINTMENT_UNIT = re.compile(
    r"\b(?:appoint\w*|elect\w*|hire[ds]?|hiring|award\w*|accept\w*|engag\w*|retain\w*|"
    r"chair\w*|successful|selected|nominat\w*|tender\w*|bid|quotation)\b",
    re.IGNORECASE,
)
_DATE_IN_TEXT = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|\b(?:19|20)\d{2}\b",
)
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
        owner=query.intent in (Intent.OWNER, Intent.OUTSTANDING) or "person" in query.cues,
        appointment=bool(_APPOINTMENT_ASKED.search(question)),
        date=query.intent == Intent.WHEN,
        decision=bool(_DECISION_VERB.search(question)) and query.intent != Intent.HISTORY,
        numbers=tuple(dict.fromkeys(t for t in tokenize(query.text) if _is_number(t))),
    )


def missing(
    wanted: Asked,
    question: str,
    item: StoredItem,
    idf: Callable[[str], float],
    ignore: Iterable[str] = (),
) -> str | None:
    """The first asked-for unit ``item`` lacks (a :class:`Wanted` value), or None if it has all.

    ``question`` is the searched text; ``ignore`` holds tokens naming the item's body, which
    prove nothing about the topic (see :func:`bot.answer.abstain.coverage`).
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
        topic = "\n".join([meta.title, *_unit_texts(item)])
        if (
            abstain.topic_tokens(question, ignore)
            and abstain.coverage(question, topic, idf, ignore=ignore) < MIN_TOPIC_IN_UNITS
        ):
            return Wanted.DECISION
    if wanted.numbers:
        have = set(tokenize("\n".join(x for x in (meta.header, meta.title, item.text) if x)))
        if any(n not in have for n in wanted.numbers):
            return Wanted.NUMBER
    return None


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
    if getattr(meta, "dated", ()) or any(a.due for a in meta.actions):
        return True
    if meta.date and (meta.resolutions or meta.votes or meta.actions):
        return True
    return bool(_DATE_IN_TEXT.search(item.text))


def _is_number(token: str) -> bool:
    return any(ch.isdigit() for ch in token)
