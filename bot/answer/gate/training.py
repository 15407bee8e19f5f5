"""Training questions generated from the indexed minutes themselves, and fitting on them.

Nobody writes questions for a new index, and rules fitted to the questions someone did write do
not carry to the next ones. But the minutes say what can be asked of them: every item title,
resolution, action and vote is the answer to some question. So questions are made
mechanically — a random subset of a unit's content words, sometimes reordered, in a question
template that asks for that unit's type — and labelled by retrieval itself:

- **positive** (answer): the top candidate is the item the question was made from;
- **negative** (refuse), leave-one-out: the same question with its source item (and any item
  repeating the source's title or text: the same decision minuted twice) removed from the
  candidates — the right answer is then not in the index, and the top remaining candidate is
  exactly the confident unrelated quote the gate must refuse;
- **negative**, absent topic: content words of two unrelated items asked together, when no
  candidate holds them all.

Nothing here reads an evaluation file, and nothing names a topic: the same procedure fits any
index.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from bot.answer.abstain import item_text
from bot.answer.gate.features import Retrieval, features, unanswered
from bot.answer.gate.model import GateModel, fit, load, save
from bot.answer.gate.neighbours import Neighbours
from index.schema import StoredItem
from index.words import STOPWORDS, tokenize

ITEMS = 120
"""Items questions are generated from: ~2 questions each, a few seconds of retrieval."""
MIN_ITEMS = 40
"""Below this many items, too few questions to fit on: today's rules decide."""
MIN_WORDS, MAX_WORDS = 3, 8
"""How many of a unit's content words a generated question keeps."""
SWAP = 0.15
"""Chance that a kept word is swapped for another word of the same item."""
REWORD = 0.5
"""Chance that a kept word is put in other words (its neighbour in meaning, absent from the
item; :mod:`bot.answer.gate.neighbours`): people name things in their own words about as often
as in the minutes' (an even chance, not fitted to any question)."""
REWORD_FROM = 3
"""A reworded word is one of this many nearest."""
VOCABULARY = 1500
"""The commonest content words of the sampled items that rewording draws on and from."""
WINDOW_START = 2
"""A phrase starts within a unit's first words: what a unit is about comes first."""
FOREIGN = 0.1
"""Chance that another item's word is added to a question."""
LOWER = 0.7
"""Chance that a generated question is typed in lower case (names and all)."""
ABSENT_SHARE = 2
"""One absent-topic question per this many items."""
RETRIEVABLE = 3
"""A question made from an item is labelled only when retrieval ranks the item this high: a
question that finds its source lower down is too vague to have one right answer."""
SOURCE_WORDS = 24
RELATED_CHARS = 2000  # the item's opening: what it is about
"""Only a unit's first words are drawn from: what a unit is about comes first."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")

TEMPLATES: dict[str, tuple[str, ...]] = {
    "title": (
        "what did they decide about {w}?",
        "what happened with {w}?",
        "was anything agreed on {w}?",
        "{w}?",
    ),
    "resolution": (
        "did they agree to {w}?",
        "what was resolved about {w}?",
        "was it approved: {w}?",
    ),
    "action": ("who is to {w}?", "who was asked to {w}?", "who is responsible for {w}?"),
    "vote": ("how did members vote on {w}?", "was the vote on {w} close?"),
    "dated": ("when is {w}?", "by when {w}?"),
}


Embed = Callable[[Sequence[str]], Sequence[Sequence[float]]]
"""Texts → their embeddings, in one batch (the dense searcher's model)."""
Retrieve = Callable[[Sequence[str]], Sequence[Retrieval | None]]
"""Questions → what retrieval found for each (None: refused before retrieval, out of scope)."""


@dataclass(frozen=True)
class Generated:
    """A generated question: ``source`` is the item it was made from ("" for an absent
    topic); ``anchor`` the unit text it came from (an item repeating it answers too)."""

    question: str
    source: str
    kind: str
    anchor: str = ""


def content_words(text: str) -> list[str]:
    """The unit's words a person might use: no stop words, no numbers, shouting lowered."""
    out = []
    for word in _WORD.findall(text):
        low = word.lower()
        if low in STOPWORDS or not tokenize(word):
            continue
        out.append(low if word.isupper() and len(word) > 4 else word)
    return list(dict.fromkeys(out))[:SOURCE_WORDS]


def paraphrase(
    text: str,
    rng: random.Random,
    related: Sequence[str] = (),
    foreign: Sequence[str] = (),
    idf: Callable[[str], float] | None = None,
    meaning: Callable[[str], Sequence[str]] | None = None,
) -> str | None:
    """A mechanical paraphrase: a run of the unit's content words in their order (what a
    person names a thing by is a phrase of it, not a bag of its words), one now and then
    swapped for a ``related`` word (the item's other words: the asker's words for the same
    thing are the ones around it), sometimes joined by a ``foreign`` word (another item's: a
    word the minutes do not use here), and mostly lower-cased, as people type.

    Without the swaps every generated question would hold only the unit's own words, and the
    gate would learn that an answer covers every word asked: real questions do not.
    """
    words = informative(content_words(text), idf)
    if len(words) < MIN_WORDS:
        return None
    n = min(len(words), rng.randint(MIN_WORDS, MAX_WORDS))
    start = rng.randrange(min(len(words) - n, WINDOW_START) + 1)
    kept = words[start : start + n]
    if meaning is not None:
        kept = [_reworded(w, meaning(w), rng) for w in kept]
    if related:
        kept = [rng.choice(related) if rng.random() < SWAP else w for w in kept]
    if foreign and rng.random() < FOREIGN:
        kept.insert(rng.randrange(len(kept) + 1), rng.choice(foreign))
    if rng.random() < LOWER:
        kept = [w.lower() for w in kept]
    return " ".join(kept)


def _reworded(word: str, near: Sequence[str], rng: random.Random) -> str:
    """``word``, or (with chance :data:`REWORD`) one of the words nearest it in meaning."""
    return rng.choice(near[:REWORD_FROM]) if near and rng.random() < REWORD else word


def informative(words: list[str], idf: Callable[[str], float] | None) -> list[str]:
    """``words`` without the commonest third of them (by idf): "meeting", "report", "update"
    name no topic, and a question made of them has no one right answer to learn from."""
    if idf is None or len(words) <= MIN_WORDS:
        return words
    weights = [max((idf(t) for t in tokenize(w)), default=0.0) for w in words]
    floor = sorted(weights)[len(weights) // 3]
    return [w for w, v in zip(words, weights, strict=True) if v >= floor]


def units_of(item: StoredItem) -> list[tuple[str, str]]:
    """(kind, text) of each unit a question can be made from."""
    meta = item.meta
    out = [("title", meta.title)] if meta.title else []
    out += [("resolution", r.text) for r in meta.resolutions]
    out += [("action", a.text) for a in meta.actions if a.owner]
    out += [("vote", v.motion or v.text) for v in meta.votes]
    out += [("dated", d.text) for d in meta.dated]
    return out


def generate(
    items: Sequence[StoredItem],
    *,
    seed: int = 0,
    per_item: int = 2,
    idf: Callable[[str], float] | None = None,
    embed: Embed | None = None,
) -> list[Generated]:
    """``per_item`` questions from each item's units, and one absent-topic question per
    :data:`ABSENT_SHARE` items."""
    rng = random.Random(seed)
    out: list[Generated] = []
    pool = {i.id: content_words(" ".join(t for _, t in units_of(i))) for i in items}
    near = _neighbours(items, embed) if embed is not None else None
    for item in items:
        units = units_of(item)
        meaning = None
        if near is not None:
            avoid = frozenset(tokenize(item_text(item)))
            meaning = partial(near.of, avoid=avoid)
        foreign = [w for other, ws in pool.items() if other != item.id for w in ws[:6]]
        related = content_words(item.text[:RELATED_CHARS])
        for kind, text in rng.sample(units, min(per_item, len(units))):
            words = paraphrase(text, rng, related, foreign, idf, meaning)
            if words:
                template = rng.choice(TEMPLATES[kind])
                out.append(Generated(template.format(w=words), item.id, kind, text))
    # A decision never taken: one item's subject asked with another item's decision (or
    # action, vote, date); the kind of the unit sets the template, so it asks for that unit.
    titled = [i for i in items if len(content_words(i.meta.title)) >= MIN_WORDS]
    for _ in range(len(items) // ABSENT_SHARE if len(titled) > 1 else 0):
        a, b = rng.sample(titled, 2)
        if a.meta.doc_id == b.meta.doc_id:
            continue
        kind, text = rng.choice(units_of(b))
        wa, wb = content_words(a.meta.title), content_words(text)
        mixed = rng.sample(wa, min(2, len(wa))) + rng.sample(wb, min(2, len(wb)))
        if rng.random() < LOWER:
            mixed = [w.lower() for w in mixed]
        template = rng.choice(TEMPLATES[kind])
        out.append(Generated(template.format(w=" ".join(mixed)), "", "absent"))
    return out


def _neighbours(items: Sequence[StoredItem], embed: Embed) -> Neighbours:
    """Neighbours in meaning among the items' commonest content words."""
    counts: Counter[str] = Counter()
    for item in items:
        text = " ".join([*(t for _, t in units_of(item)), item.text[:RELATED_CHARS]])
        counts.update({w.lower() for w in content_words(text)})
    return Neighbours([w for w, _ in counts.most_common(VOCABULARY)], embed)


def same_source(
    candidate: StoredItem | None, tokens: frozenset[str], source: StoredItem | None, anchor: str
) -> bool:
    """The candidate (whose tokens are ``tokens``) is the source item or repeats it: its title,
    or every word of the unit the question was made from."""
    if candidate is None or source is None:
        return False
    if candidate.id == source.id:
        return True
    if _norm(candidate.meta.title) == _norm(source.meta.title):
        return True
    words = set(tokenize(anchor))
    return bool(words) and words <= tokens


def _norm(text: str) -> str:
    return " ".join(tokenize(text))


@dataclass(frozen=True)
class Examples:
    x: list[tuple[float, ...]]
    y: list[int]


def examples(
    generated: Iterable[Generated],
    retrieve: Retrieve,
    sources: dict[str, StoredItem],
) -> Examples:
    """Label each generated question's top candidate (see the module docstring)."""
    x: list[tuple[float, ...]] = []
    y: list[int] = []
    generated = list(generated)
    for g, r in zip(generated, retrieve([g.question for g in generated]), strict=True):
        if r is None or not r.candidates:
            continue
        if not g.source:
            words = set(tokenize(g.question))
            if not any(words <= r.tokens(c.item_id) for c in r.candidates):
                x.append(features(r, 0))
                y.append(0)
            continue
        source = sources.get(g.source)
        found = [c.item_id for c in r.candidates[:RETRIEVABLE]]
        if g.source not in found:
            continue  # too vague to have one right answer: neither label is sure
        if r.candidates[0].item_id == g.source:
            # About the question; an answer unless it lacks the vote or decision asked for.
            x.append(features(r, 0))
            y.append(int(unanswered(r, 0) is None))
        rest = [
            c
            for c in r.candidates
            if not same_source(r.items.get(c.item_id), r.tokens(c.item_id), source, g.anchor)
        ]
        if rest:
            x.append(features(replace(r, candidates=rest), 0))
            y.append(0)
    return Examples(x, y)


def train(
    items: Sequence[StoredItem],
    retrieve: Retrieve,
    *,
    seed: int = 0,
    idf: Callable[[str], float] | None = None,
    embed: Embed | None = None,
) -> GateModel | None:
    """Generate, label and fit; None when the index is too small to learn from."""
    if len(items) < MIN_ITEMS:
        return None
    generated = generate(items, seed=seed, idf=idf, embed=embed)
    found = examples(generated, retrieve, {i.id: i for i in items})
    return fit(found.x, found.y, seed=seed)


def sample_ids(item_ids: Sequence[str], *, seed: int = 0, n: int = ITEMS) -> list[str]:
    """A fixed random sample of the index's items (the same for the same index)."""
    ordered = sorted(item_ids)
    return random.Random(seed).sample(ordered, min(n, len(ordered)))


_lock = threading.Lock()


def ensure(
    path: Path,
    item_ids: Callable[[], Sequence[str]],
    get_items: Callable[[Sequence[str]], Sequence[StoredItem]],
    retrieve: Retrieve,
    idf: Callable[[str], float] | None = None,
    embed: Embed | None = None,
) -> tuple[GateModel | None, float]:
    """The model saved at ``path``, else one fitted now and saved there (with the seconds it
    took); None when the index is too small, or too few generated questions could be labelled
    (then a marker beside ``path`` says so, so that no later process fits again in vain)."""
    unfit = path.with_suffix(".unfit")
    with _lock:
        model = load(path)
        if model is not None or unfit.exists():
            return model, 0.0
        started = time.perf_counter()
        ids = item_ids()
        if len(ids) < MIN_ITEMS:
            return None, 0.0
        model = train(get_items(sample_ids(ids)), retrieve, idf=idf, embed=embed)
        if model is not None:
            save(model, path)
        else:
            unfit.parent.mkdir(parents=True, exist_ok=True)
            unfit.touch()
        return model, time.perf_counter() - started
