"""Follow: a follow-up that names a topic of its own is asked afresh, without the thread.

A follow-up ("and who's meant to talk to the farmers?", "when was that agreed?") is searched
and judged with the thread's earlier question (:attr:`~bot.answer.question.Query.asked`): its
own words name too little to find the item. But a reply in a thread may leave its topic ("what
did they decide about the allotment water troughs?"): the earlier question's words would then
pull the answer back to the thread's item. So when the follow-up's own words find a different
item that holds their topic far better than the item the thread's words find, the thread is
dropped and the question asked as if it opened a thread. Within the thread's item, the lead is
chosen on the follow-up's own words (:func:`scored_on_own_words`): "and who's meant to talk to
the farmers?" after "who is writing to the Chancellor?" asks for the other action, which the
thread's words together would still rank below the letter.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import abstain
from bot.answer.models import Answer
from bot.answer.question import Query
from bot.answer.stages.flow import Asking, Tools
from bot.search.pipeline import ItemCandidate
from index.schema import StoredItem

OWN_COVERAGE = 0.6
"""How much of its own topic the item the follow-up's words find must hold to leave the thread."""
MARGIN = 0.3
"""… and how much more of it than the item the thread's words find."""


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query = asking.get(Query)
    if query.context and left_the_thread(tools, query):
        asking.answer.thread = query.question
        return asking.with_(replace(query, context=None))
    asked = asking.request.question
    asking.answer.thread = f"{query.context}\n{asked}" if query.context else asked
    return asking


def left_the_thread(tools: Tools, query: Query) -> bool:
    """Do the follow-up's own words name a topic that an item other than the thread's holds?"""
    if not abstain.topic_tokens(query.words):
        return False  # "and who voted against?": nothing of its own to search for
    own = tools.pipeline.search(own_text(query), 1, query.where())
    thread = tools.pipeline.search(query.search_text, 1, query.where())
    if not own or not thread or own[0].item_id == thread[0].item_id:
        return False
    items = tools.records.get_items([own[0].item_id, thread[0].item_id])
    held_own = _covered(tools, query, items.get(own[0].item_id))
    held_thread = _covered(tools, query, items.get(thread[0].item_id))
    return held_own >= OWN_COVERAGE and held_own - held_thread >= MARGIN


def scored_on_own_words(
    tools: Tools, query: Query, candidates: dict[str, ItemCandidate], item_ids: list[str]
) -> dict[str, ItemCandidate]:
    """``candidates`` with the units of ``item_ids`` scored on a follow-up's own words, when it
    names a topic of its own; as they are otherwise ("when was that agreed?" is about the
    thread's words, and so is an opening question)."""
    if not query.context or not abstain.topic_tokens(query.words) or not item_ids:
        return candidates
    own = {c.item_id: c for c in tools.pipeline.rescore(own_text(query), item_ids) if c.units}
    return {**candidates, **own}


def own_text(query: Query) -> str:
    """What the follow-up's own words search: its text and the minutes' words for it."""
    return f"{query.words.text} {query.expansion}".strip()


def _covered(tools: Tools, query: Query, item: StoredItem | None) -> float:
    """The share of the follow-up's own topic ``item`` holds (its body's name proves nothing)."""
    if item is None:
        return 0.0
    text = abstain.item_text(item)
    ignore = abstain.body_tokens(item)
    words = query.words
    return abstain.coverage(
        words, text, tools.lexical.idf, ignore=ignore, equivalents=words.equivalents
    )
