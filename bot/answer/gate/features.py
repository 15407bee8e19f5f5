"""The evidence the gate weighs, as numbers: one vector per (question, candidate item).

Each feature is general — nothing names a topic, a body or a question — so a weight fitted on
questions generated from one index means the same on questions nobody has seen:

- how close the question is to the item in meaning (its best unit, its two best, its best
  decision unit), and how far that stands above the other candidates;
- how the lexical side ranks it, and whether dense and BM25 agree on it;
- whether the question names what the item's title names;
- how much of the vocabulary the question's *other* close hits share the item holds
  (pseudo-relevance feedback, :mod:`bot.answer.gate.expansion`): the minutes' own words for
  what was asked, without a lexicon;
- answer-type evidence: whether the item holds the unit asked for (an owner, a vote, a date,
  a decision) — a feature and a hedge, never a veto.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.answer import abstain
from bot.answer.asked import Asked, decision_similarity, lacks, missing
from bot.answer.gate.expansion import FEEDBACK_DOCS, agreement, relevance_model
from bot.answer.reading import Words
from bot.search.bm25 import LEXICAL
from bot.search.dense import DENSE
from bot.search.pipeline import ItemCandidate
from index.schema import StoredItem
from index.words import tokenize

NAMES: tuple[str, ...] = (
    "dense",
    "dense_top2",
    "decision_dense",
    "dense_gap",
    "dense_lift",
    "dense_first",
    "lexical_share",
    "lexical_first",
    "feedback_agreement",
    "type_asked",
    "type_lacking",
    "hedge_lacking",
    "named",
)
"""The features the gate weighs. Literal overlap with the question's own words (idf-weighted
coverage of the item, of its title, the rarest word it lacks) was tried and left out: the
generated questions share the item's words far more than real ones do, and a gate fitted on
overlap refused most real paraphrases (dev set: 71% false refusals; see the issue 20 report)."""


@dataclass
class Retrieval:
    """One question's retrieval: what was asked and what came back, best first.

    ``asked`` is what is searched and judged, read once (:attr:`bot.answer.question.Query.asked`:
    filters removed, a follow-up's earlier question added).
    """

    asked: Words
    needs: Asked
    candidates: Sequence[ItemCandidate]
    items: Mapping[str, StoredItem]
    idf: Callable[[str], float]
    _profiles: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    _idf: dict[str, float] = field(default_factory=dict, repr=False)

    def tokens(self, item_id: str) -> frozenset[str]:
        """The item's distinct tokens (header, title, text)."""
        item = self.items.get(item_id)
        return _tokens(item.id, abstain.item_text(item)) if item else frozenset()

    def profile(self, item_id: str) -> dict[str, float]:
        """The item's idf-weighted term frequencies (tf/|d| · idf), once per question: what
        its words contribute to a relevance model (:mod:`bot.answer.gate.expansion`)."""
        if item_id not in self._profiles:
            item = self.items.get(item_id)
            counts = item_counts(item) if item else Counter()
            length = sum(counts.values()) or 1
            self._profiles[item_id] = {t: n / length * self.weight(t) for t, n in counts.items()}
        return self._profiles[item_id]

    def weight(self, token: str) -> float:
        """``idf``, remembered for the question (an item's words recur across candidates)."""
        if token not in self._idf:
            self._idf[token] = self.idf(token)
        return self._idf[token]


def item_counts(item: StoredItem) -> Counter[str]:
    """The item's token counts; an item ID names its content, so they are kept across questions
    (the same items come back for many questions, and tokenizing them is most of a feature's
    cost)."""
    return _counts(item.id, abstain.item_text(item))


@lru_cache(maxsize=4096)
def _counts(item_id: str, text: str) -> Counter[str]:
    return Counter(tokenize(text))


@lru_cache(maxsize=4096)
def _tokens(item_id: str, text: str) -> frozenset[str]:
    return frozenset(_counts(item_id, text))


def features(r: Retrieval, rank: int) -> tuple[float, ...]:
    """The evidence for ``r.candidates[rank]`` answering ``r.asked``, in :data:`NAMES` order."""
    candidate = r.candidates[rank]
    item = r.items.get(candidate.item_id)
    if item is None:
        return tuple(0.0 for _ in NAMES)
    dense = _dense(candidate)
    others = [_dense(c) for n, c in enumerate(r.candidates) if n != rank]
    units = sorted(candidate.units.values(), reverse=True)
    lexical = [c.scores.get(LEXICAL, 0.0) for c in r.candidates]
    best_lexical = max(lexical, default=0.0)
    feedback = relevance_model(
        [
            (r.profile(c.item_id), _dense(c))
            for c in _by_dense(r.candidates, rank, r)[:FEEDBACK_DOCS]
        ]
    )
    return (
        dense,
        sum(units[:2]) / len(units[:2]) if units else dense,
        decision_similarity(item.id, candidate.units),
        dense - max(others, default=0.0),
        dense - (sum(others) / len(others) if others else 0.0),
        float(all(dense >= o for o in others)),
        lexical[rank] / best_lexical if best_lexical > 0 else 0.0,
        float(best_lexical > 0 and lexical[rank] >= best_lexical),
        agreement(feedback, r.tokens(item.id)),
        float(r.needs != Asked()),
        float(unanswered(r, rank) is not None),
        float(lacks(hedged_needs(r.needs), item) is not None),
        float(abstain.named_in(r.asked, item.meta.title, abstain.body_tokens(item))),
    )


def _dense(candidate: ItemCandidate) -> float:
    return candidate.scores.get(DENSE, 0.0)


def _by_dense(candidates: Sequence[ItemCandidate], rank: int, r: Retrieval) -> list[ItemCandidate]:
    """The other candidates, closest first: the feedback the judged item is compared with."""
    others = [c for n, c in enumerate(candidates) if n != rank and c.item_id in r.items]
    return sorted(others, key=_dense, reverse=True)


def hedged_needs(needs: Asked) -> Asked:
    """The asked-for units an answer may lack and still answer, saying so ("no owner is named
    in the minutes"): who, when, whom. A vote or a decision is the answer itself."""
    return Asked(owner=needs.owner, appointment=needs.appointment, date=needs.date)


def unanswered(r: Retrieval, rank: int) -> str | None:
    """The vote or decision the question asks for that ``r.candidates[rank]`` does not record
    about its topic (see :func:`bot.answer.asked.missing`), or None."""
    candidate = r.candidates[rank]
    item = r.items.get(candidate.item_id)
    if item is None:
        return None
    needs = replace(r.needs, owner=False, appointment=False, date=False, numbers=())
    if needs == Asked():
        return None
    return missing(
        needs,
        r.asked,
        item,
        r.weight,
        ignore=abstain.body_tokens(item),
        unit_scores=candidate.units,
    )
