"""One number, however it is written: "2nd", "second", "2", "two" and "II" are one thing.

A question says "2nd reading", the minutes "second reading"; "phase 2" is minuted "Phase II".
Checks that an item holds the figures a question names, and coverage of its words, compare the
question's number tokens with an item's through :func:`forms`. Only the small numbers people
write as words or numerals are spelt out; larger ones (years, sums, bylaw numbers) are
compared as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.words import tokenize

_CARDINALS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
SPELT_UP_TO = len(_CARDINALS)
_NUMERAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_ROMAN = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def value(token: str) -> int | None:
    """The small number a token writes in figures ("2", "2nd"), else None."""
    m = _NUMERAL.match(token)
    if m is None:
        return None
    n = int(m.group(1))
    return n if 1 <= n <= SPELT_UP_TO else None


@lru_cache(maxsize=4096)
def forms(token: str) -> frozenset[str]:
    """Every token the number ``token`` writes may appear as in minutes, itself included."""
    n = value(token)
    if n is None:
        return frozenset({token})
    written = [str(n), f"{n}{_suffix(n)}", _CARDINALS[n - 1], _ORDINALS[n - 1], _roman(n)]
    return frozenset({token, *(t for w in written for t in tokenize(w))})


def words_for(token: str) -> list[str]:
    """The word for an ordinal written in figures, for the search text ("2nd" → "second").
    Bare figures are left alone: in a question they are mostly days of a month."""
    n = value(token)
    return [] if n is None or token.isdigit() else [_ORDINALS[n - 1]]


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out, n = out + s, n - v
    return out
