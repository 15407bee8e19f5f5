"""The answer as named stages, run in order by :meth:`bot.answer.service.Answerer.ask`.

Each stage is one module with a ``run(tools, asking)`` function (:mod:`.flow`): it reads the
typed outputs of the stages before it and adds its own, or stops with the answer (a refusal).
A new stage, or a changed gate, is one module and one line in :data:`STAGES`.
"""

from __future__ import annotations

from bot.answer.stages import (
    choose,
    clarify,
    follow,
    judge,
    lead,
    premise,
    quote,
    retrieve,
    scope,
    thread,
    understand,
)
from bot.answer.stages.flow import Stage

STAGES: tuple[Stage, ...] = (
    understand.run,  # read the question once; refuse bad input and impossible dates
    follow.run,  # a follow-up naming a topic of its own is asked afresh
    scope.run,  # refuse a place, body or meeting the index does not hold
    clarify.run,  # no topic to search for, or another language: say what can be asked
    retrieve.run,  # the pipeline's candidates and their items
    judge.run,  # evidence → answer or refuse (not found, wrong type)
    choose.run,  # answers, related items, twins folded, the page asked for
    thread.run,  # history: the subject at its other meetings
    quote.run,  # matches with verbatim units and passages
    lead.run,  # the one-line answer
    premise.run,  # "when did X pass?" when X was lost: refuse with the vote
)
