"""Lead: the one line every answer starts with, the unit that best answers the question
(:mod:`bot.answer.lead`)."""

from __future__ import annotations

from bot.answer.asked import asked
from bot.answer.lead import choose
from bot.answer.lead_shape import shaped
from bot.answer.models import Answer, Intent
from bot.answer.question import Query
from bot.answer.stages.choose import Choice
from bot.answer.stages.flow import Asking, Tools
from bot.answer.stages.follow import scored_on_own_words
from bot.answer.stages.judge import Verdict
from bot.answer.stages.quote import Quoted


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, chosen = asking.get(Query), asking.get(Choice).chosen
    candidates = {j.candidate.item_id: j.candidate for j in [*asking.get(Verdict).judged, *chosen]}
    items = {j.item.id: j.item for j in chosen if j.item is not None}
    matches = asking.get(Quoted).matches
    candidates = scored_on_own_words(tools, query, candidates, list(items))
    lead = choose(query, matches, items, candidates, tools.lexical.idf)
    wants = asked(query)
    owner_asked = query.intent in (Intent.OWNER, Intent.OUTSTANDING) or (
        wants.owner and not wants.appointment
    )
    decision = query.intent == Intent.DECISION and not owner_asked
    # the clause that answers, bounded
    asking.answer.lead = shaped(lead, matches, owner_asked, query.question, decision)
    return asking
