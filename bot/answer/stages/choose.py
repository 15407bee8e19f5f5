"""Choose: which judged candidates answer, which are only related, and which are twins.

Candidates far below the best one (:func:`~bot.answer.stages.judge.far_below`) are offered as
related, never as answers. One decision minuted twice (a committee's, then the council's
adopting it) is one answer with the other named beside it (:mod:`bot.answer.twins`), except
for history questions, which want every minuting. Then the page asked for: ``limit`` answers from
``offset``, at least :data:`~bot.answer.history.HISTORY_ITEMS` for history.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.history import HISTORY_ITEMS
from bot.answer.models import Answer, Intent
from bot.answer.question import Query
from bot.answer.stages.flow import Asking, Tools
from bot.answer.stages.judge import Judged, Verdict, far_below
from bot.answer.twins import fold


@dataclass(frozen=True)
class Choice:
    """``chosen`` answer, best first (``width`` at most); ``twins`` are the other minutings
    of a chosen item's decision, by its item ID; ``far`` the related candidates."""

    chosen: list[Judged]
    twins: dict[str, list[Judged]]
    far: list[Judged]
    width: int


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, verdict, request = asking.get(Query), asking.get(Verdict), asking.request
    top = verdict.top
    fitting = [j for j in verdict.judged if j.strong and j.missing is None and j.item is not None]
    close = [j for j in fitting if not far_below(j, top)]
    far = [j for j in fitting if far_below(j, top)]
    history = query.intent == Intent.HISTORY
    width = max(request.limit, HISTORY_ITEMS) if history else request.limit
    twins: dict[str, list[Judged]] = {}
    if not history:
        folded = fold(close, lambda j: j.item.meta if j.item else None, query.asked)
        close = [first for first, _ in folded]
        twins = {first.candidate.item_id: rest for first, rest in folded}
        shown = {j.candidate.item_id for group in twins.values() for j in group}
        far = [j for j in far if j.candidate.item_id not in shown]
    chosen = close[request.offset : request.offset + width]
    return asking.with_(Choice(chosen, twins, far, width))
