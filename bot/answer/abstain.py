"""When to say "no decision found" instead of quoting the closest thing we have.

A confident unrelated quote is the worst answer this bot can give, so the top item must clear
a bar on the evidence that it is *about* the question:

- ``dense``: the best cosine similarity between the question and one of the item's units;
- ``coverage``: the share of the question's informative words (idf-weighted, so "council"
  counts little and "Plymouth" a lot) that occur in the item's text, title or header;
- ``unknown``: names in the question (capitalised words) that occur nowhere in the index —
  a question about Slough is not answered by minutes that never mention Slough;
- ``named``: the question names something specific (a capitalised word or an acronym, not
  the body) and the item's title names it too. A paraphrase ("did KPMG's approach for
  checking the 2024 books get signed off?") shares few words with the minutes ("Audit
  Planning Report … - KPMG"), but the name it shares is the strongest evidence there is.

The item is answered when ``dense + COVERAGE_WEIGHT * coverage >= MIN_CONFIDENCE``, or when it
is ``named`` and at least ``NAMED_MIN_DENSE`` close, and no name is unknown. ``minutes-bot eval FILE --calibrate`` prints recall@5 and abstention
precision/recall over a grid of both numbers. (0.70, 0.75) abstains on every unanswerable
question of eval/samples.jsonl + eval/seeds.jsonl without losing an answer there, and on the dev
set keeps recall@5 at 84% of 91% possible; the dev set's unanswerable questions are mostly
near misses (the right body and topic, not the asked-for decision), which these two signals
cannot tell apart from answers: we abstain on about a quarter of them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.answer import numbers
from bot.answer.acronyms import initialisms, may_be_initials, numbered
from bot.answer.reading import ASKING, Words
from index.schema import StoredItem
from index.words import tokenize

# Calibrated on ../shared/eval/dev.jsonl and our own eval/*.jsonl (see module docstring):
# confidence = dense + COVERAGE_WEIGHT * coverage must reach MIN_CONFIDENCE.
MIN_CONFIDENCE = 0.70
COVERAGE_WEIGHT = 0.75
MIN_TOPIC_TOKENS = 2
MIN_LEXICAL_COVERAGE = 0.5  # BM25-only runs have no dense score: coverage alone decides
NEAR_MISS_DENSE = 0.2
SCOPED_MIN_DENSE = 0.3  # a question about one named meeting, with no topic words of its own
NAMED_MIN_DENSE = 0.4  # an item whose title names what the question names: related suffices


@dataclass(frozen=True)
class Evidence:
    """``scoped``: the question names one meeting (a body and a day) and no topic beyond it
    ("who chaired Kent's 9 January 2025 council meeting?"): the filter already narrowed the
    search to that meeting's items, so there is no topic for coverage to measure."""

    dense: float | None
    coverage: float
    unknown_names: tuple[str, ...] = ()
    scoped: bool = False
    named: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "dense": None if self.dense is None else round(self.dense, 4),
            "coverage": round(self.coverage, 4),
            "unknown_names": list(self.unknown_names),
            "scoped": self.scoped,
            "named": self.named,
        }


@dataclass(frozen=True)
class Thresholds:
    min_confidence: float = MIN_CONFIDENCE
    coverage_weight: float = COVERAGE_WEIGHT
    min_lexical_coverage: float = MIN_LEXICAL_COVERAGE
    unknown_names_abstain: bool = True


DEFAULT = Thresholds()
ACCEPT_ALL = Thresholds(-10.0, 0.0, 0.0, False)


def item_text(item: StoredItem) -> str:
    """What an item can be matched on: its header (body, date), title and text."""
    return "\n".join(x for x in (item.meta.header, item.meta.title, item.text) if x)


def body_tokens(item: StoredItem | None) -> set[str]:
    """Words naming the item's body: they match every item of its minutes, so prove nothing."""
    if item is None or not item.meta.body:
        return set()
    return set(tokenize(item.meta.body))


def topic_tokens(question: Words, ignore: Iterable[str] = ()) -> set[str]:
    """The question's words that say what it is about (empty when it names no topic). One
    word alone is a topic only when it is a name ("what was decided on the MSA?", "any news on
    Springbank?"); "and who has to report back?" asks about the thread's topic."""
    tokens = set(question.tokens) - ASKING - set(ignore)
    if len(tokens) >= MIN_TOPIC_TOKENS or tokens & question.names:
        return tokens
    return set()


def coverage(
    question: Words,
    item_text: str,
    idf: Callable[[str], float],
    ignore: Iterable[str] = (),
    equivalents: Mapping[str, Sequence[frozenset[str]]] | None = None,
) -> float:
    """Idf-weighted share of the question's topic tokens that the item's text contains.

    ``ignore`` holds tokens that name the body (they match every item of that body's minutes
    and so prove nothing about the topic). A word also counts when it is a clipped form of an
    item word or the item word a clipped form of it, both at least ``PREFIX_MIN`` letters
    ("refurb" / "refurbishment", "charger" / "charging" stems "charg"): people shorten words
    the minutes spell out. ``equivalents`` maps a question token to the token sets of the
    formal words for it (:mod:`bot.answer.plain_words`): an item holding one of them covers it.
    A name written in capitals counts when it is the initials of the item's capitalised words
    (:func:`initialisms`).
    """
    q_tokens = topic_tokens(question, ignore)
    if not q_tokens:
        return 0.0  # "and who has to report back?" names no topic: nothing to cover
    item_tokens = set(tokenize(item_text))
    ordered = sorted(item_tokens)
    total = sum(idf(t) for t in q_tokens)
    same = equivalents or {}
    found = sum(
        idf(t)
        for t in q_tokens
        if _covered(t, item_tokens, ordered)
        or any(f <= item_tokens for f in same.get(t, ()))
        or (_acronym(t, question) and t in initialisms(item_text))
        or _numbered_initials(t, question, item_text, item_tokens)
    )
    return found / total if total else 0.0


PREFIX_MIN = 4


def _numbered_initials(token: str, question: Words, text: str, item_tokens: set[str]) -> bool:
    """ "LTP5" is covered by an item whose capitalised words have the initials "LTP" and that
    writes the number 5 in some form ("Local Transport Plan 5")."""
    split = numbered(token) if token in question.names else None
    if split is None:
        return False
    initials, number = split
    return initials in initialisms(text) and not numbers.forms(number).isdisjoint(item_tokens)


def _acronym(token: str, question: Words) -> bool:
    """A name the question writes in capitals, short enough to be initials ("LGR")."""
    return token in question.names and may_be_initials(token)


def _covered(token: str, item_tokens: set[str], ordered: list[str]) -> bool:
    """``token`` is an item token, a clipped form of one, or one is a clipped form of it."""
    if token in item_tokens:
        return True
    if any(ch.isdigit() for ch in token):
        return not numbers.forms(token).isdisjoint(item_tokens)  # "2nd" / "second reading"
    if len(token) < PREFIX_MIN:
        return False
    if any(token[:n] in item_tokens for n in range(PREFIX_MIN, len(token))):
        return True
    at = bisect_left(ordered, token)
    return at < len(ordered) and ordered[at].startswith(token)


def unknown_names(question: Words, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Capitalised words (not opening the question) whose every token is absent from the index."""
    out = [
        word
        for word, tokens in question.capitalised
        if tokens and not any(known(t) for t in tokens)
    ]
    return tuple(dict.fromkeys(out))


def names(question: Words, ignore: Iterable[str] = ()) -> set[str]:
    """The tokens of the names the question uses, without those of the body it names."""
    return set(question.names) - set(ignore)


def named_in(question: Words, title: str, ignore: Iterable[str] = ()) -> bool:
    """Every name of the question occurs in ``title`` (and the question names something)."""
    wanted = names(question, ignore)
    return bool(wanted) and wanted <= set(tokenize(title))


def should_answer(evidence: Evidence, thresholds: Thresholds = DEFAULT) -> bool:
    if evidence.unknown_names and thresholds.unknown_names_abstain:
        return False
    if evidence.dense is None:
        return evidence.coverage >= thresholds.min_lexical_coverage
    if evidence.scoped:
        # Within the one meeting asked about, the closest item answers unless it is unrelated.
        return evidence.dense >= SCOPED_MIN_DENSE
    if evidence.named and evidence.dense >= NAMED_MIN_DENSE:
        return True
    confidence = evidence.dense + thresholds.coverage_weight * evidence.coverage
    return confidence >= thresholds.min_confidence


def best(evidences: Iterable[Evidence]) -> Evidence | None:
    ranked = sorted(evidences, key=lambda e: (e.dense or 0.0) + e.coverage, reverse=True)
    return ranked[0] if ranked else None
