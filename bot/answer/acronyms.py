"""Initials read from the minutes' own words: "LGR" for "Local Government Reorganisation".

Officers ask in initials ("what did they say about LGR?", "any update on the UHEI?") that the
minutes spell out, or spell out in one place only. Which initials a run of capitalised words
stands for is read from the text itself, with no list of acronyms: for judging whether an item
covers a question (:func:`initialisms`), and for searching in the words the index's titles use
(:func:`spelled_out`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

ACRONYM_LETTERS = (2, 6)
"""How long a name written in capitals ("LGR", "UHEI") may be to be read as initials."""
_RUN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SMALL = frozenset({"and", "of", "for", "the", "&", "on", "in", "to", "at"})
_STRIP = ".,;:!?()[]\"“”'‘’*"


def may_be_initials(token: str) -> bool:
    """A token short and plain enough to be initials ("lgr", "uhei"): letters only, of a
    length in :data:`ACRONYM_LETTERS`."""
    low, high = ACRONYM_LETTERS
    return token.isalpha() and low <= len(token) <= high


_NUMBERED = re.compile(r"^([a-z]+)(\d{1,3})$")


def numbered(token: str) -> tuple[str, str] | None:
    """Initials and the number after them, for a name like "LTP5" (the fifth Local Transport
    Plan): ("ltp", "5"); None when ``token`` is not initials run into a number."""
    m = _NUMBERED.match(token)
    if m is None or not may_be_initials(m.group(1)):
        return None
    return m.group(1), m.group(2)


def letters(token: str) -> str:
    """The initials of a numbered name ("ltp5" → "ltp"), else ``token`` itself."""
    split = numbered(token)
    return split[0] if split else token


def runs(text: str) -> Iterator[list[str]]:
    """Each run of capitalised words in ``text``, the small words between them skipped
    ("Health and Wellbeing Board" → Health, Wellbeing, Board); punctuation and line ends end
    a run."""
    for line in text.splitlines():
        run: list[str] = []
        for piece in line.split():
            word = piece.strip(_STRIP)
            if word.lower() in _SMALL and run:
                continue
            if len(word) > 1 and word[0].isupper() and _RUN_WORD.fullmatch(word):
                run.append(word)
            else:
                if run:
                    yield run
                run = []
            if piece[-1:] in ".,;:!?)" and run:
                yield run
                run = []
        if run:
            yield run


def _spans(run: list[str]) -> Iterator[list[str]]:
    """Every stretch of ``run`` long enough to have initials of :data:`ACRONYM_LETTERS`."""
    low, high = ACRONYM_LETTERS
    for start in range(len(run)):
        for end in range(start + low, min(len(run), start + high) + 1):
            yield run[start:end]


def _initials(words: list[str]) -> str:
    return "".join(w[0].lower() for w in words)


@lru_cache(maxsize=512)
def initialisms(text: str) -> frozenset[str]:
    """The initials of every run of capitalised words in ``text`` and of each stretch of it,
    lower-cased: "Local Government Reorganisation Update" → "lgr", "lgru", "gr" …"""
    return frozenset(_initials(span) for run in runs(text) for span in _spans(run))


def spelled_out(titles: Iterable[str]) -> dict[str, str]:
    """Initials → the words they stand for in ``titles`` (the commonest, when several runs
    share initials): "lgr" → "Local Government Reorganisation". Titles name what items are
    about, so what their initials stand for is what a question in initials asks about."""
    seen: dict[str, Counter[str]] = {}
    for title in titles:
        for run in runs(title):
            for span in _spans(run):
                seen.setdefault(_initials(span), Counter())[" ".join(span)] += 1
    return {initials: phrases.most_common(1)[0][0] for initials, phrases in seen.items()}
