"""Which language a question is written in, so one the minutes are not in gets a reply that
says so instead of the "closest" item to words the index never uses.

The detector is lingua's (every language it knows, its low-accuracy mode: trigram models only,
a few tens of MB, loaded on first use). A short question is hard to place ("hwb minutes jan 2024
BCF sign off?" reads as French to it, "wat did the hwb decid abt libary hours" as Yoruba), so
the detector alone never decides: the question must also have at least :data:`MIN_WORDS` words,
be mostly words the index has never seen, and use at most one English function word ("did",
"the", "about"). An officer's abbreviations and typos sit among English words or the minutes'
own, and keep the question searched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.answer.reading import Words
from index.words import STOPWORDS, words

if TYPE_CHECKING:
    from lingua import LanguageDetector

MIN_WORDS = 3
"""Fewer words than this are too few to tell a language by: they are searched."""
MAX_ENGLISH_WORDS = 1
"""More English function words than this make a question English, however it is spelt."""
MIN_CONFIDENCE = 0.5
"""How sure the detector must be that the question is in one other language."""
MAX_KNOWN_SHARE = 0.5
"""A question with at least this share of its words in the index is searched, whatever the
detector says: the minutes use those words, so a search can find them."""


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def foreign_language(asked: Words, known: Callable[[str], bool]) -> str | None:
    """The language of the question read into ``asked`` when it is not English and the index
    does not know most of its words (``known``: a token is an index term); None otherwise."""
    question, tokens = asked.text, asked.tokens
    surface = [w.lower() for w in words(question)]
    if len(surface) < MIN_WORDS and _latin(question):
        return None
    if len({w for w in surface if len(w) > 1 and w in STOPWORDS}) > MAX_ENGLISH_WORDS:
        return None
    if tokens and sum(known(t) for t in tokens) / len(tokens) >= MAX_KNOWN_SHARE:
        return None
    from lingua import Language

    values = _detector().compute_language_confidence_values(question)
    if not values:
        return None
    top = values[0]
    if top.language == Language.ENGLISH or top.value < MIN_CONFIDENCE:
        return None
    return top.language.name.capitalize()


def _latin(text: str) -> bool:
    """Every letter of ``text`` is a Latin one: its words are space-separated and countable
    (a question in Chinese is one "word" to a space split, and still a question)."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())
