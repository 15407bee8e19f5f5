"""One number, however it is written: "2nd", "second", "2", "two" and "II" are one thing.

A question says "2nd reading", the minutes "second reading"; "phase 2" is minuted "Phase II".
Checks that an item holds the figures a question names, and coverage of its words, compare the
question's number tokens with an item's through :func:`forms`. Only the small numbers people
write as words or numerals are spelt out; years are also compared in two figures ("25/26" is
"2025-26"); other large ones (sums, bylaw numbers) are compared as written.
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
    """Every token the number ``token`` writes may appear as in minutes, itself included.

    Years are written short as often as in full ("the 25/26 settlement", "2025-26"; "the
    2022-27 strategy", "2022-2027"): two figures are also the year of this century they end
    (not the other way: "2012" is not any "12" in the text). A figure ending a name ("LTP5")
    is also its figure; one run into its unit ("5yr") is its word ("five")."""
    if value(token) is None and (unit := _FIGURE_UNIT.match(token)):
        # "5yr": minutes write the figure of a unit in words ("five year"); the bare figure
        # is too common ("20mph" is not any "20" in the text) to count.
        n = value(unit.group(1))
        words = (_CARDINALS[n - 1], _ORDINALS[n - 1]) if n else ()
        return frozenset({token, *(t for w in words for t in tokenize(w))})
    if named := _NAME_FIGURE.match(token):
        return frozenset({token, *forms(named.group(1))})  # "LTP5": Local Transport Plan 5
    out = {token}
    if _SHORT_YEAR.match(token):
        out.add(f"20{token}")
    n = value(token)
    if n is not None:
        written = [str(n), f"{n}{_suffix(n)}", _CARDINALS[n - 1], _ORDINALS[n - 1], _roman(n)]
        out |= {t for w in written for t in tokenize(w)}
    return frozenset(out)


_SHORT_YEAR = re.compile(r"^\d{2}$")
_FIGURE_UNIT = re.compile(r"^(\d{1,2})[a-z]+$")
_NAME_FIGURE = re.compile(r"^[a-z]+(\d{1,4})$")


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
