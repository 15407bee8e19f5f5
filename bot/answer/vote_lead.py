"""The lead of a vote question: the result of the vote on the motion the question is about.

An item often records several votes: to recess, on amendments, on the motion itself, on each
part. "How did the vote on the bus shelters go?", "was it unanimous?", "who voted against
it?" are answered by the vote on *that* motion: the one whose motion holds most of the
question's topic, the motion itself before a procedural step unless the question names the
step ("the amendment", "the recess"). The line quotes the motion verbatim and names who
voted against when the minutes record names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.answer import abstain
from bot.answer.lead_options import lead_from, tally, vote_closeness
from bot.answer.models import ItemMatch, Lead, LeadKind
from bot.answer.question import ANY_MEMBER, Query
from bot.search.pipeline import ItemCandidate
from index.models import Vote, VoteKind, VoteResult
from index.schema import StoredItem

MOTION_MARGIN = 0.1
"""The motion itself outranks a procedural vote whose motion holds as much of the topic, and
one holding a little more (a recess motion names the body, an amendment repeats the motion)."""
DENSE_WEIGHT = 2.0
"""The dense closeness of a motion counts twice its share of the topic's words, as in every
other lead (:data:`bot.answer.lead.TOPIC_WEIGHT` is a half): a question in other words than the
minutes' ("the boat fares" for "the 2025 ferry fares schedule") still finds its motion among an
item's several votes, where word overlap alone would fall back to the first."""
NAMED_KIND_BONUS = 1.0
"""A question naming the step ("how did the vote on the amendment go?") asks for that step."""

AGAINST_ASKED = re.compile(
    r"\bwho\b[^?.]{0,40}?\b(?:against|opposed?|dissent\w*|vot\w* no)\b|"
    r"\bwhich\s+(?:members|councill?ors)\b[^?.]{0,40}?\b(?:against|opposed?)\b|"
    + ANY_MEMBER
    + r"(?:vot\w*\s+against|object\w*|oppos\w*|dissent\w*)",
    re.IGNORECASE,
)
"""The question asks who voted against: "and who voted against?", "who opposed it?"."""

MOVER_ASKED = re.compile(
    r"\bwho\b[^?.]{0,20}?\b(?:moved|seconded|proposed|put forward|brought forward)\b",
    re.IGNORECASE,
)
"""The question asks who moved or seconded the motion: "who moved the motion on …?"."""

_NAMED_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (VoteKind.AMENDMENT, re.compile(r"\bamend(?:ment|ments|ed)?\b", re.IGNORECASE)),
    (VoteKind.RECESS, re.compile(r"\brecess\b", re.IGNORECASE)),
    (VoteKind.EXTENSION, re.compile(r"\bextend|\bextension\b|\bsit (?:late|past)\b", re.I)),
    (VoteKind.CLOSED_SESSION, re.compile(r"\bclosed session\b|\bin camera\b", re.IGNORECASE)),
    (VoteKind.ADJOURNMENT, re.compile(r"\badjourn", re.IGNORECASE)),
    (VoteKind.REFERRAL, re.compile(r"\b(?:refer|defer)", re.IGNORECASE)),
    (
        VoteKind.PROCEDURE,
        re.compile(
            r"\b(?:get|gets|got|granted?|given|seek|sought)\s+leave\b|"
            r"\bleave\s+to\s+(?:bring|move|introduce)\b|\bdelegations?\b|\bbe heard\b",
            re.IGNORECASE,
        ),
    ),
)


def vote_lead(
    query: Query,
    match: ItemMatch,
    item: StoredItem,
    candidate: ItemCandidate | None,
    idf: Callable[[str], float],
) -> Lead | None:
    """The vote of ``match`` that answers ``query`` as a lead, or None if it records none
    with its motion (then the general choice of :mod:`bot.answer.lead` applies)."""
    votes = [v for v in match.votes if v.motion and v.motion in item.text]
    if not votes:
        return None
    closeness = vote_closeness(item, candidate)
    vote = best_vote(query, votes, idf, ignore=abstain.body_tokens(item), closeness=closeness)
    assert vote.motion is not None  # kept above
    # without the quotation marks a Kent motion is printed in: the line adds its own
    quote = vote.motion.strip().strip('“”"').strip() or vote.motion
    lead = lead_from(
        match,
        LeadKind.VOTE,
        quote if quote in item.text else vote.motion,
        result=vote.result if vote.result != VoteResult.UNKNOWN else None,
        tally=tally(vote),
    )
    lead.against = vote.nays
    lead.against_asked = bool(AGAINST_ASKED.search(query.question))
    lead.mover, lead.seconder = vote.mover, vote.seconder
    lead.mover_asked = bool(MOVER_ASKED.search(query.question))
    return lead


def best_vote(
    query: Query,
    votes: Sequence[Vote],
    idf: Callable[[str], float],
    ignore: set[str],
    closeness: Callable[[Vote], float | None] = lambda _: None,
) -> Vote:
    """The vote whose motion the question is about, by its words and by ``closeness`` (dense
    similarity, :func:`bot.answer.lead_options.vote_closeness`); of equals, the first as shown
    (the motion's own before procedural ones, see :func:`bot.answer.matches.motion_first`)."""
    named = {kind for kind, rx in _NAMED_KINDS if rx.search(query.question)}

    def score(vote: Vote) -> float:
        # a follow-up ("and who voted against?") is about the thread's earlier question
        value = abstain.coverage(query.asked, vote.motion or "", idf, ignore=ignore)
        value += DENSE_WEIGHT * (closeness(vote) or 0.0)
        if vote.kind in named:
            value += NAMED_KIND_BONUS
        elif not vote.procedural:
            value += MOTION_MARGIN
        return value

    best = votes[0]
    for vote in votes[1:]:
        if score(vote) > score(best):
            best = vote
    return best


__all__ = ["AGAINST_ASKED", "MOVER_ASKED", "best_vote", "tally", "vote_lead"]
