"""What a recorded vote decided: the substance of an item, or a step of procedure.

A meeting votes on more than its motions: to recess, to sit past 4.30pm, to go into closed
session, to refer or defer a matter, on an amendment before the motion itself, to hear a
delegation, to adjourn. An answer about a motion must lead with the vote on the motion, and
show the others after it, labelled; so each vote carries a ``kind`` (:class:`VoteKind`) and
whether it is ``procedural``, read from the motion's own words and the vote's result line
("Amendment lost."). Every grammar's votes pass through :func:`classified`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.models import Vote, VoteKind

# Checked in this order on the motion's first clause: the first that matches names the kind.
# Amendments first, so that "That the motion BE AMENDED to refer …" is an amendment.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        VoteKind.AMENDMENT,
        re.compile(
            r"^\W*(?:Substantive\s+)?Amendment\b|^\W*(?:That,?\s+)?the\s+amendment\b|"
            r"^\W*Motion\s+to\s+amend\b|"
            r"\b(?:motion|amendment|referral|part\s+\w+\)?(?:\s+\w+\))?|clause\s+\S+)"
            r"(?:\s+of\s+the\s+motion)?,?\s+be\s+(?:further\s+)?amend(?:ed|ment)\b",
            re.IGNORECASE,
        ),
    ),
    (VoteKind.RECESS, re.compile(r"\brecess\b", re.IGNORECASE)),
    (
        VoteKind.EXTENSION,
        re.compile(
            r"\bextend(?:s|ed|ing)?\s+the\s+(?:meeting|sitting|time|debate|hours?)\b|"
            r"\b(?:continue|sit|proceed)\s+(?:beyond|past|after)\s+\d|"
            r"\bextension\s+of\s+(?:time|the\s+meeting|hours)\b",
            re.IGNORECASE,
        ),
    ),
    (
        VoteKind.CLOSED_SESSION,
        re.compile(
            r"\b(?:convenes?|go|move|moves|resolve)\b[^.;]{0,40}\b(?:In\s+)?Closed\s+Session\b|"
            r"\bexclu(?:de|sion\s+of)\s+the\s+(?:press\s+and\s+)?public\b|\bin\s+camera\b",
            re.IGNORECASE,
        ),
    ),
    (
        VoteKind.ADJOURNMENT,
        re.compile(
            r"\bmeeting\s+BE\s+ADJOURNED\b|\b(?:meeting|Council|Committee)\s+(?:do\s+now\s+)?"
            r"adjourn\b",
            re.IGNORECASE,
        ),
    ),
    (
        VoteKind.REFERRAL,
        re.compile(
            r"\bBE\s+(?:REFERR?R?ED|DEFERRED|TABLED|POSTPONED)\b|"
            r"\b(?:be\s+)?(?:referred|deferred|postponed)\s+(?:back\s+)?to\b|"
            r"\bMotion\s+to\s+(?:refer|defer|table|postpone)\b|\bdefer(?:ral)?\s+(?:the|it|this)\b|"
            r"\brefer(?:ral)?\s+(?:the|it|this|that)\b",
            re.IGNORECASE,
        ),
    ),
    (
        VoteKind.PROCEDURE,
        re.compile(
            r"\bbe\s+heard\s+at\s+this\s+(?:time|meeting)\b|\bdelegation\s+requests?\b|"
            r"\bchange\s+in\s+(?:the\s+)?order\b|(?-i:\bBE\s+RECONSIDERED\b)|"
            r"\bsuspen(?:d|sion\s+of)\b[^.;]{0,40}\b(?:standing\s+orders|procedure|rules?)\b|"
            r"\bquestion\s+BE\s+(?:NOW\s+)?PUT\b|\bleave\s+BE\s+GRANTED\b|"
            r"(?-i:\bBE\s+PERMITTED\s+to\s+speak\b)|"
            r"\b(?:open|close)\s+the\s+public\s+participation\s+meeting\b",
            re.IGNORECASE,
        ),
    ),
)
_FIRST_CLAUSE = re.compile(r"[^:;]{0,300}")
_AMENDMENT_RESULT = re.compile(r"^\W*(?:Substantive\s+)?Amendment\s+\w+\.?\s*$", re.IGNORECASE)
_AMENDMENT_PUT = re.compile(r"\bput\s+(?:to\s+the\s+vote\s+)?the\s+amendment\b", re.IGNORECASE)
_SUBSTANTIVE = re.compile(r"\bsubstantive\s+motion\b|\bmotion,?\s+as\s+amended\b", re.IGNORECASE)


def vote_kind(vote: Vote) -> str:
    """The kind of ``vote`` (:class:`VoteKind`), from its result line and motion text.

    A motion "as amended", or the substantive motion, is the motion itself, whatever it says.
    Only the motion's first clause is read (to its first colon or semicolon): a motion may
    list a referral among its parts and still be the motion itself.
    """
    last_line = vote.text.strip().splitlines()[-1] if vote.text.strip() else ""
    if _AMENDMENT_RESULT.match(last_line) or _AMENDMENT_PUT.search(vote.text):
        return VoteKind.AMENDMENT
    motion = vote.motion or ""
    head = _FIRST_CLAUSE.match(motion.lstrip())
    clause = head.group(0) if head else ""
    if _SUBSTANTIVE.search(clause):
        return VoteKind.MOTION
    if _AMENDMENT_PUT.search(motion):
        return VoteKind.AMENDMENT
    for kind, rule in _RULES:
        if rule.search(clause):
            return kind
    return VoteKind.MOTION


def classified(vote: Vote) -> Vote:
    """``vote`` with its ``kind`` and ``procedural`` flag set."""
    kind = vote_kind(vote)
    return replace(vote, kind=kind, procedural=kind != VoteKind.MOTION)
