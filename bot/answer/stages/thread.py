"""Thread: a history answer follows its subject across meetings.

The chosen items' subjects at their other meetings (same title phrase,
:class:`~bot.answer.history.Threads`) are judged on a lower bar, since the shared title is
evidence too, and join the answer: the best match first, then the thread, then the other
relevant items. Other questions pass through unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer.models import Answer, Intent
from bot.answer.question import Query
from bot.answer.stages.choose import Choice
from bot.answer.stages.flow import Asking, Tools
from bot.answer.stages.judge import Judged, Verdict, judge
from index.filters import matches_where
from index.schema import encode_item

THREAD_EXTRA = 6  # items of the best match's thread scored beyond the retrieved candidates
THREAD_MIN_CONFIDENCE = 0.5  # the bar for a thread member (the shared title is evidence too)


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query = asking.get(Query)
    if query.intent != Intent.HISTORY:
        return asking
    choice = asking.get(Choice)
    chosen = thread(tools, query, asking.get(Verdict), choice.chosen, choice.width)
    return asking.with_(replace(choice, chosen=chosen))


def thread(
    tools: Tools, query: Query, verdict: Verdict, chosen: list[Judged], width: int
) -> list[Judged]:
    """``chosen`` with the members of its items' threads, ``width`` in all."""
    if not chosen:
        return chosen
    threads = tools.catalogue.threads
    catalogue = tools.catalogue.items
    where = query.where()
    members: list[str] = []
    for j in chosen:
        for other in threads.members(j.candidate.item_id):
            fits = other in catalogue and matches_where(encode_item(catalogue[other]), where)
            if fits and other not in members:
                members.append(other)
    known = {j.candidate.item_id: j for j in verdict.judged}
    extra = [i for i in members if i not in known][:THREAD_EXTRA]
    fresh = tools.pipeline.rescore(query.asked.text, extra) if extra else []
    items = tools.records.get_items(c.item_id for c in fresh)
    for c in fresh:
        known[c.item_id] = judge(tools, query, verdict.needs, c, items.get(c.item_id))
    in_thread = [
        known[i]
        for i in members
        if i in known
        and known[i].item is not None
        and known[i].missing is None
        and known[i].confidence >= THREAD_MIN_CONFIDENCE
    ]
    out: list[Judged] = []
    for j in [chosen[0], *in_thread, *chosen[1:]]:
        if all(j.candidate.item_id != o.candidate.item_id for o in out):
            out.append(j)
    return out[:width]
