"""A question's words, read once.

Abstention, the type checks, passages, twins and the lead all compare the question's words
with an item's. They used to tokenise the question's text each on their own, five times per
question and again per candidate; now the understand stage reads it once into :class:`Words`
and every later step takes that. An item's text is still tokenised where it is compared: only
the question's own words are read here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.answer.body_words import BODY_NOUNS
from bot.answer.plain_words import equivalents
from index.words import STOPWORDS, tokenize

# Words every question about minutes uses; they say nothing about the topic.
ASKING = frozenset(
    tokenize(
        "decide decided decision decisions resolve resolved resolution agree agreed happen happened "
        "board council committee meeting minutes say said discuss discussed time over "
        "anything anyone someone thing things actually back come came previously "
        "many much"
    )
)
QUESTION_WORDS = frozenset(
    [
        "what",
        "who",
        "when",
        "where",
        "which",
        "how",
        "did",
        "does",
        "was",
        "were",
        "has",
        "have",
        "is",
        "are",
        "the",
    ]
)
# Capitalised words not opening the question: a name the index may never have seen.
_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]{2,}(?:[A-Z][a-z]+)*)\b")
# Names and acronyms: "KPMG", "Springbank", "McNay" (not the question's first word, which is
# capitalised anyway, unless it is in capitals: "LTP5 adoption …"); initials may end in a
# number ("LTP5", the fifth Local Transport Plan).
_PROPER = re.compile(
    r"(?<![.?!]\s)(?<!^)\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*\d*|[A-Z][a-z]{2,})\b|^([A-Z]{2,}\d*)\b"
)


# A body's name as a question writes it: capitalised words (and "and", "of", "&" between them)
# ending in a body noun, capitalised or, for initials, in capitals ("the Health and Wellbeing
# Board", "Kent's Audit Committee", "the HWB").
_BODY_NAME = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|&)\s+)?)*(?:"
    + "|".join(sorted(n.upper() if len(n) <= 3 else n.capitalize() for n in BODY_NOUNS))
    + r")\b"
)


@dataclass(frozen=True)
class Words:
    """``text`` and what every comparison needs of it.

    ``names``: the tokens of the names it
    uses ("KPMG", "Springbank"), not those of a body's name: "the Health and Wellbeing Board" is
    capitalised because it names who decided, not what was decided, so a title holding "Health
    and Wellbeing Strategy" is no sign of an answer about that board. ``capitalised``: each capitalised word with its tokens, for
    names the index may not know. ``equivalents``: a plain word's token → the token sets of
    the minutes' words for it (:mod:`bot.answer.plain_words`).
    """

    text: str
    tokens: tuple[str, ...]
    names: frozenset[str]
    capitalised: tuple[tuple[str, tuple[str, ...]], ...]
    equivalents: Mapping[str, Sequence[frozenset[str]]]


def read(text: str) -> Words:
    """Read ``text`` once into :class:`Words`."""
    tokens = tuple(tokenize(text))
    names: set[str] = set()
    bodies = [m.span() for m in _BODY_NAME.finditer(text)]
    for m in _PROPER.finditer(text):
        if any(start <= m.start() < end for start, end in bodies):
            continue
        word = m.group(1) or m.group(2)
        if word.lower() not in QUESTION_WORDS and word.lower() not in STOPWORDS:
            names.update(tokenize(word))
    capitalised = tuple(
        (m.group(1), tuple(tokenize(m.group(1))))
        for m in _CAPITALISED.finditer(text)
        if m.group(1).lower() not in QUESTION_WORDS and m.group(1).lower() not in STOPWORDS
    )
    return Words(
        text=text,
        tokens=tokens,
        names=frozenset(names) - ASKING,
        capitalised=capitalised,
        equivalents=equivalents(text),
    )
