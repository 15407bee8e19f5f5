"""A question that takes for granted a decision the minutes record as lost.

"When did the council pass its motion backing the Climate and Nature Bill?" assumes the
motion passed. If the minutes record that motion put to the vote and lost, quoting a date from
the item would answer a question the minutes contradict, the most misleading reply the bot
can give. The truthful reply is a refusal that says why: it did not pass, with the recorded
vote quoted. A yes/no question ("did they approve …?") is not affected: its answer may be no,
and the lost vote leads it as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answer import abstain
from bot.answer.asked import PROCEDURAL
from bot.answer.lead_options import lead_from
from bot.answer.models import ItemMatch, Lead, LeadKind
from bot.answer.reading import Words
from index.models import VoteResult
from index.schema import StoredItem
from index.words import tokenize

# "When did … pass / approve / adopt / agree / carry / endorse …": a date asked for a decision
# the question assumes was made.
PASSING_ASKED = re.compile(
    r"\bwhen (?:did|was|were|has|have|had)\b.{0,200}?\b(?:pass(?:ed)?|approved?|adopt(?:ed)?|"
    r"agreed?|carr(?:y|ied)|endorsed?|ratif(?:y|ied)|back(?:ed)?|support(?:ed)?)\b",
    re.IGNORECASE,
)

# Words of the assumption itself, not of its topic: they say a motion was passed, not which.
_ASSUMING = frozenset(
    tokenize(
        "motion motions vote voted pass passed passing approve approved adopt adopted agree "
        "agreed carry carried endorse endorsed ratify ratified back backed backing support "
        "supported supporting"
    )
)

MIN_MOTION_COVERAGE = 0.5
"""A lost vote speaks to the question only if its motion holds most of the question's topic."""


def lost_motion(
    question: str,
    topic: Words,
    match: ItemMatch,
    item: StoredItem,
    idf: Callable[[str], float],
) -> Lead | None:
    """The lost vote of ``match`` that the question's assumed decision is, if there is one:
    its motion holds the topic (``topic``: the searched text, as read) better than anything the item
    did resolve."""
    if not PASSING_ASKED.search(question):
        return None
    ignore = abstain.body_tokens(item) | _ASSUMING

    def covers(text: str) -> float:
        return abstain.coverage(topic, text, idf, ignore=ignore)

    resolved = max(
        (covers(r.text) for r in match.resolutions if not PROCEDURAL.search(r.text)),
        default=0.0,
    )
    best: tuple[float, Lead] | None = None
    for vote in match.votes:
        if vote.result != VoteResult.LOST or not vote.motion or vote.motion not in item.text:
            continue
        share = covers(vote.motion)
        if share >= MIN_MOTION_COVERAGE and share > resolved and (best is None or share > best[0]):
            best = (share, _lead(match, vote.motion, vote.yea_count, vote.nay_count))
    return best[1] if best else None


def _lead(match: ItemMatch, quote: str, yeas: int | None, nays: int | None) -> Lead:
    tally = f"{yeas}-{nays}" if yeas is not None and nays is not None else None
    return lead_from(match, LeadKind.VOTE, quote, result=VoteResult.LOST, tally=tally)


# "did the board sign off …?", "was the plan approved?", "has the panel agreed to set up …?":
# a yes/no question whether something was decided (the clause may follow a "Trafford HWB - ").
DECIDED_ASKED = re.compile(r"(?:^|\s[-–—]\s*)(?:did|was|were|has|have|had|is|are)\b", re.IGNORECASE)
# Not such a question: one asking what was decided ("what was agreed, is it coming back?"),
# whether anything was ("did they decide anything?": the noting answers), whether it came up
# earlier (a matter's history), or whether it was noted, received or referred.
_NOT_DECIDED_ASKED = re.compile(
    r"\b(?:what|which|who|whom|whose|how|when|where|why|anything|something|before|earlier|"
    r"previously|already|note|noted|noting|receive|received|refer|referred|hear|heard)\b",
    re.IGNORECASE,
)


def only_noted(question: str, lead: Lead | None, match: ItemMatch) -> bool:
    """``question`` asks whether something was decided, and the closest item (``match``, which
    the lead quotes) only notes or receives a report ("The Board noted the update provided."):
    the line is that noting, or a sentence of the discussion when the noting is all the item
    decided. The minutes record no decision on what was asked, and quoting either as if it
    answered would mislead. A question about what was decided ("what did the board decide on
    …?") is answered by the noting."""
    if lead is None or not DECIDED_ASKED.search(question) or _NOT_DECIDED_ASKED.search(question):
        return False
    if lead.kind == LeadKind.RESOLUTION:
        return bool(PROCEDURAL.search(lead.quote))
    noted_only = (
        bool(match.resolutions)
        and all(PROCEDURAL.search(r.text) for r in match.resolutions)
        and not match.votes
        and not match.actions
    )
    return lead.kind == LeadKind.PASSAGE and lead.item_id == match.item_id and noted_only
