"""Words as retrieval and answering read them: surface words, stop words, and stemmed tokens.

One tokenizer serves BM25 (:mod:`index.bm25`, over the units of :mod:`index.units`) and every
part of the bot that compares a question's words with a passage's, so a word counts the same
wherever it is matched.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just me
    more most my no nor not now of off on once only or other our ours out over own same she should
    so some such than that the their theirs them then there these they this those through to too
    under until up very was we were what when where which while who whom whose why will with would
    you your yours anyone anybody get got go going went us let lets s t that's what's who's
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def stem(word: str) -> str:
    """A deliberately small suffix stripper: plurals, -ing, -ed and a final -e.

    This is enough to make "adopts / adopted / adopting / adopt" and "approve / approved" meet,
    and it is applied identically to documents and queries, so crude stems still match each
    other. Snowball's English stemmer (PyStemmer) was measured against it on the development
    set and lost (recall@1 59.4% vs 64.1%, MRR 0.685 vs 0.714, abstention recall 18.2% vs
    27.3%), so this one stays.
    """
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Surface words as written (case kept), apostrophes inside words kept."""
    return _WORD.findall(text)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed tokens; CamelCase runs also yield their parts.

    "#FutureTrafford" yields ``futuretrafford``, ``future`` and ``trafford`` so it meets the
    minutes' other spelling "#Future Trafford".
    """
    tokens: list[str] = []
    for raw in words(text):
        tokens.extend(_word_tokens(raw))
    return tokens


@lru_cache(maxsize=500_000)
def _word_tokens(raw: str) -> tuple[str, ...]:
    """The tokens of one surface word; cached, because a corpus repeats its words endlessly and
    building the index at 100k items is mostly this."""
    out: list[str] = []
    for piece in _with_camel_parts(raw):
        low = piece.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if not low or low in STOPWORDS:
            continue
        out.append(stem(low))
    return tuple(out)


def _with_camel_parts(raw: str) -> list[str]:
    parts = _CAMEL.findall(raw)
    if len(parts) > 1 and any(c.isupper() for c in raw[1:]) and any(c.islower() for c in raw):
        return [raw, *parts]
    return [raw]
