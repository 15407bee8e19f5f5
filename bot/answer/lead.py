"""The answer in one line: the single unit that best answers the question, quoted verbatim.

Each answering item offers units of several kinds (resolutions, actions with owners, recorded
votes, dated statements, discussion passages). The question's intent says which kind answers
it ("who" → an action and its owner, "how did they vote" → a vote and its tally, "when" → a
date, otherwise a decision), and the unit of that kind that is closest to the question wins:
by the dense similarity of its own vector (scored exactly while retrieving), by how much of
the question's topic it holds, and by the figure or date a question asks for. A unit of
another kind wins only when none of the asked-for kind is there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.answer import abstain
from bot.answer.asked import APPOINTMENT_UNIT, PROCEDURAL, asked
from bot.answer.lead_options import Option, offered
from bot.answer.models import Intent, ItemMatch, Lead, LeadKind
from bot.answer.passages import CUE_PATTERNS
from bot.answer.places import place_words
from bot.answer.question import Query
from bot.answer.reading import read
from bot.answer.vote_lead import vote_lead
from bot.search.pipeline import ItemCandidate
from index.lexicon import MONTH_RE, MONTHS
from index.schema import StoredItem
from index.words import tokenize

TOPIC_WEIGHT = 0.5  # a unit holding the whole topic gains this much over one holding none
TITLE_WEIGHT = 0.25  # history: a unit about what the thread's title names (where it ended up)
ASKED_KIND_BONUS = 0.3  # the kind the question asks for beats a slightly closer other kind
PASSAGE_PENALTY = 0.3  # the discussion answers only when no unit is about as close
OWNER_BONUS = 0.1  # "who": of two actions, the one that names its owner
CUE_WEIGHT = 0.1  # "how much" prefers a unit with a figure, "when" one with a date
PROCEDURAL_PENALTY = 0.15  # receiving a report or hearing a delegation decides nothing
MEETING_DATE_PENALTY = 0.1  # "when": the meeting's date only if no sentence gives a date
SIGNING_PENALTY = 0.5  # more than the asked-kind and owner bonuses (lead_options.SIGNING)
PROPOSAL_PENALTY = 0.15  # a motion put as a request ("is asked to") under its own resolution
PROPOSED = re.compile(
    r"\b(?:is|are) (?:asked|recommended|invited|requested) to\b|\bit is recommended that\b",
    re.IGNORECASE,
)
"""A motion printed as the report's recommendation ("Council is asked to: 1. Note … 4. Debate
and decide whether …"), often an amendment restating it: what was put to the vote, not what the
body resolved. For a question about the decision, the item's resolution ("RESOLVED that
Council: … 4. Agrees that …") says it, when it is about as close."""

_ASKED_KINDS = {
    Intent.OWNER: (LeadKind.ACTION,),
    Intent.OUTSTANDING: (LeadKind.ACTION,),
    Intent.VOTE: (LeadKind.VOTE,),
    Intent.WHEN: (LeadKind.DATE,),
}
# A decision is quoted from a resolution, or from the motion a recorded vote decided.
_DEFAULT_KINDS = (LeadKind.RESOLUTION, LeadKind.VOTE)

_FIGURE_ASKED = re.compile(
    r"\bhow (?:many|much|far|long|big|large|high|low)\b|\bwhat (?:share|percentage|proportion|"
    r"number|amount|figure|total)\b|\bwhat (?:is|was|were|are) the (?:total|cost|amount|figure|"
    r"number|maximum|minimum|price|fee)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million|billion|half|quarter|dozen)\b",
    re.IGNORECASE,
)


# "March 2025", "31 March 2025", "March 31, 2025": a month and the year that goes with it.
_MONTH_YEAR = re.compile(
    r"\b(?P<m>" + MONTH_RE + r")\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>"
    + MONTH_RE
    + r")\.?,?\s+(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def month_years(text: str) -> set[tuple[int, int]]:
    """The (year, month) of every date the text states to at least the month."""
    out = set()
    for rx in (_MONTH_YEAR, _DAY_FIRST):
        for m in rx.finditer(text):
            out.add((int(m.group("y")), MONTHS[m.group("m").lower()]))
    return out


def _has_figure(text: str) -> bool:
    """A count, amount or share: a number that is not a year, or a number word."""
    for m in _NUMBER.finditer(text):
        digits = m.group(0).replace(",", "")
        if not (len(digits) == 4 and digits[:2] in ("19", "20")):
            return True
    return bool(_NUMBER_WORD.search(text))


def choose(
    query: Query,
    matches: Sequence[ItemMatch],
    items: dict[str, StoredItem],
    candidates: dict[str, ItemCandidate],
    idf: Callable[[str], float],
) -> Lead | None:
    """The lead for an answer whose items are ``matches`` (best first), or None if none quotes
    anything. History questions lead with the item that says where the matter stands (see
    :func:`history_order`)."""
    order = list(matches)
    if query.intent == Intent.HISTORY:
        order = [*history_order(query.question, order), *order]
    for match in order:
        item = items.get(match.item_id)
        if item is None:
            continue
        lead = best_unit(query, match, item, candidates.get(match.item_id), idf)
        if lead is not None:
            return lead
    return None


# "What's the back story on …?", "how did it start?": the first time it came up answers.
ORIGIN_ASKED = re.compile(
    r"\bback ?story\b|\bbackground\b|\borigins?\b|\bin the first place\b|"
    r"\bhow (?:did|does) (?:it|this|that|the [\w' -]{1,60}?) (?:start|begin|come about)\b|"
    r"\bwhere did (?:it|this|that) (?:start|begin|come from)\b|"
    r"\bfirst (?:came up|raised|proposed|discussed|considered)\b",
    re.IGNORECASE,
)


# "When did council approve the tree programme?", "when was the tender awarded?", "what date
# did the panel meet about it?": the day it was decided or discussed, which is its meeting's,
# not a date the minutes name for something else.
DECIDED_WHEN = re.compile(
    r"\b(?:when|(?:on\s+)?(?:what|which)\s+(?:date|day))\s+(?:did|was|were|had|has|have)\b"
    r"[^?]{0,120}?\b(?:decid|approv|agree|adopt|pass|award|endors|sign|vot|ratif|appoint|elect|"
    r"accept|reject|resolv|grant|authori[sz]|green[- ]?light|okay|meet|met|discuss|consider|"
    r"receiv|review|debat|hear|heard|look)\w*",
    re.IGNORECASE,
)


def _substantive(match: ItemMatch) -> bool:
    """The item decided something about the matter: not only received, noted or heard it."""
    return (
        any(not PROCEDURAL.search(r.text) for r in match.resolutions)
        or bool(match.actions)
        or any(v.motion and not PROCEDURAL.search(v.motion) for v in match.votes)
    )


def history_order(question: str, matches: Sequence[ItemMatch]) -> list[ItemMatch]:
    """The dated items of a history answer in the order they may lead.

    "Where has it got to?", "what came of it?": the newest item that decided something of
    substance says where the matter stands (a later report merely received or noted says
    nothing new), then the newest that recorded anything. "What's the back story?": the
    first item that recorded anything, however procedural (the referral that started it).
    """
    top = matches[0] if matches else None
    dated = sorted(
        (
            m
            for m in matches
            if m.meeting_date
            and (m.resolutions or m.votes or m.actions)
            and (top is None or same_council(m, top))
        ),
        key=lambda m: str(m.meeting_date),
    )
    if ORIGIN_ASKED.search(question):
        return dated
    newest = list(reversed(dated))
    return [*(m for m in newest if _substantive(m)), *(m for m in newest if not _substantive(m))]


def same_council(a: ItemMatch, b: ItemMatch) -> bool:
    """Both items are minuted by one council's bodies ("Kent County Council" and its Cabinet
    share the place "Kent"): a matter's history stays within one council, however alike
    another council's items are worded ("the Governance Working Party" in Kent, "the
    Governance Working Group" in London)."""
    if not a.body or not b.body:
        return a.body == b.body
    return bool(set(place_words(a.body)) & set(place_words(b.body))) or a.body == b.body


def best_unit(
    query: Query,
    match: ItemMatch,
    item: StoredItem,
    candidate: ItemCandidate | None,
    idf: Callable[[str], float],
) -> Lead | None:
    """The unit of one item that best answers ``query``."""
    if query.intent == Intent.VOTE:
        voted = vote_lead(query, match, item, candidate, idf)  # the vote on the motion asked about
        if voted is not None:
            return voted
    options = offered(match, item, candidate)
    if not options:
        return None
    wants = asked(query)
    asked_kinds = _ASKED_KINDS.get(query.intent, _DEFAULT_KINDS)
    who = query.intent not in _ASKED_KINDS and wants.owner and not wants.appointment
    if who:
        asked_kinds = (LeadKind.ACTION,)  # "who is getting quotes …?" asks for a task's owner
    owner_asked = who or query.intent in (Intent.OWNER, Intent.OUTSTANDING)
    cues = [CUE_PATTERNS[c] for c in sorted(query.cues) if c in CUE_PATTERNS and c != "person"]
    ignore = abstain.body_tokens(item)
    numbers = wants.numbers
    figure_asked = bool(_FIGURE_ASKED.search(query.question))
    # "… through the end of March 2025": of two decisions, the one for the period that ends
    # then, not the one that merely mentions March and 2025 in different dates
    periods = month_years(query.question)
    origin = bool(ORIGIN_ASKED.search(query.question))
    decided_when = bool(DECIDED_WHEN.search(query.question))

    # history: the thread's title, read once for every option
    title = read(match.item_title) if query.intent == Intent.HISTORY else None

    def score(option: Option) -> float:
        kind = option.lead.kind
        topic = abstain.coverage(query.words, option.text, idf, ignore=ignore)
        value = (option.dense or 0.0) + TOPIC_WEIGHT * topic
        if title is not None:
            # A history thread is followed by its title ("Mobility Master Plan …"): where
            # the matter ended up is the decision about what the title names, not a side
            # motion of the same item.
            value += TITLE_WEIGHT * abstain.coverage(title, option.text, idf)
        value += CUE_WEIGHT * sum(1 for rx in cues if rx.search(option.text))
        if numbers:
            # "its 70 shelter beds … March 2025": the unit that has the question's figures
            have = set(tokenize(option.text))
            value += CUE_WEIGHT * sum(1 for n in numbers if n in have)
        if figure_asked:
            # "How many …?": what answers is a figure, whichever part of the minutes states it
            if _has_figure(option.lead.quote):
                value += ASKED_KIND_BONUS
        elif kind in asked_kinds and not (
            owner_asked and kind == LeadKind.ACTION and not option.lead.owner
        ):
            value += ASKED_KIND_BONUS
        if option.passage and kind not in asked_kinds:
            value -= PASSAGE_PENALTY
        if wants.appointment:
            # "Who did they appoint?": the decision naming the appointee, not a task
            if kind != LeadKind.PASSAGE and APPOINTMENT_UNIT.search(option.text):
                value += ASKED_KIND_BONUS
        elif owner_asked and option.lead.owner:
            value += OWNER_BONUS
        if periods:
            value += CUE_WEIGHT * len(periods & month_years(option.text))
        if option.signing:
            value -= SIGNING_PENALTY
        if kind == LeadKind.VOTE and query.intent != Intent.VOTE and PROPOSED.search(option.text):
            value -= PROPOSAL_PENALTY  # "Council is asked to …": the resolution says what it did
        if option.procedural and not origin:
            value -= PROCEDURAL_PENALTY  # a back story's steps include referrals and notings
        if kind == LeadKind.DATE and option.meeting_date != decided_when:
            # "when is it due?" is answered by a date the minutes state, the meeting's only
            # if none; "when did they approve it?" by the meeting's
            value -= MEETING_DATE_PENALTY
        return value

    return max(options, key=score).lead
