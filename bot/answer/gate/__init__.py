"""The answer gate: one calibrated decision, answer or refuse, over evidence features.

Literal vetoes read words, not meaning, and rules fitted to one question set do not carry to
the next. So the gate is a logistic regression over general evidence (dense similarity of the
question to the item and to its best units, how far it stands above the other candidates,
where BM25 ranks it, the vocabulary the top hits share, answer-type evidence),
fitted per index generation on questions generated mechanically from the indexed minutes
themselves (:mod:`bot.answer.gate.training`, :mod:`bot.answer.gate.neighbours`), and saved
under the data folder (:mod:`bot.answer.gate.model`). :class:`bot.answer.gate.fitted.Gate` is
the one seam the answer path uses.

Opt-in (``MINUTES_BOT_ANSWER_GATE=fitted``): on the dev set it does not yet beat the hand rules
of :mod:`bot.answer.abstain` and :mod:`bot.answer.asked` (generated questions are still less
like real ones than the features need: see the issue 20 report), which stay the default.
"""
