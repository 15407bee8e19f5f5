"""The answer gate: one calibrated decision, answer or refuse, over evidence features.

Literal vetoes read words, not meaning, and rules fitted to one question set do not carry to
the next. So the gate is a logistic regression over general evidence (dense similarity of the
question to the item and to its best units, lexical coverage, the vocabulary the top hits share,
answer-type evidence, the margin to the next item, whether dense and BM25 agree), fitted per
index generation on questions generated mechanically from the indexed minutes themselves
(:mod:`bot.answer.gate.training`), and saved beside the index's other derived state
(:mod:`bot.answer.gate.store`). ``decide(model, features) -> Decision`` is the one entry point.
"""
