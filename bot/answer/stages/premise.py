"""Premise: "when did they pass X?" when the minutes record X put to the vote and lost, and
"was X approved?" when the closest line only notes a report.

Quoting a date would answer a question the minutes contradict; the reply refuses, with the
recorded vote (:mod:`bot.answer.premise`). History answers are not checked.
"""

from __future__ import annotations

from bot.answer.asked import Wanted
from bot.answer.lead_shape import bounded, operative
from bot.answer.models import Answer, Intent, ItemMatch, Refusal, RefusalKind
from bot.answer.premise import lost_motion, only_noted
from bot.answer.question import Query
from bot.answer.stages.choose import Choice
from bot.answer.stages.flow import Asking, Tools
from bot.answer.stages.quote import Quoted


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, matches, answer = asking.get(Query), asking.get(Quoted).matches, asking.answer
    items = {j.item.id: j.item for j in asking.get(Choice).chosen if j.item is not None}
    if not matches or query.intent == Intent.HISTORY or matches[0].item_id not in items:
        return asking
    if query.intent == Intent.DECISION and only_noted(query.question, answer.lead, matches[0]):
        # "was the plan approved?" answered by "the Board noted the update": no decision on it
        return _refused(answer, matches, Refusal(RefusalKind.WRONG_TYPE, wanted=Wanted.DECISION))
    first = matches[0]
    lost = lost_motion(query.question, query.asked, first, items[first.item_id], tools.lexical.idf)
    if lost is None:
        return asking
    # It did not pass: say so, with the vote, instead of dating a non-decision. The motion is
    # shown from what it would have resolved, bounded like any lead line (the whole text is in
    # the item named below it).
    lost.shown = bounded(operative(lost.quote))
    return _refused(answer, matches, Refusal(RefusalKind.MOTION_LOST, lost=lost))


def _refused(answer: Answer, matches: list[ItemMatch], refusal: Refusal) -> Answer:
    """The answer refused for a premise the minutes contradict, its first item kept as the
    near miss that shows why."""
    answer.near_misses, answer.matches, answer.related = matches[:1], [], []
    answer.lead = None
    answer.refusal = refusal
    return answer
