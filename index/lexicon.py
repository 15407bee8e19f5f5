"""The words every parser and the bot agree on: month names, abbreviations, sentences.

Each is defined once here because copies drift: the formats, the extractors and the bot's
question and passage code each used to carry their own month table and their own idea of
which full stops end a sentence, and they disagreed (one knew "Inc." and "Ltd.", another
"approx.", a third split "e.g. The" in two). Everything works on offsets into the original
text and never rewrites it, because every quote we show must stay an exact substring.
"""

from __future__ import annotations

import re

# ----------------------------------------------------------------------------- months

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Full English month names, January first: ``MONTH_NAMES[month - 1]`` for display."""

MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
"""Month word (lower case: full name, three-letter abbreviation or "sept") → month number."""

MONTH_NAME_RE = "(?:" + "|".join(MONTH_NAMES) + ")"
"""Regex fragment for a full month name as printed ("March"); case-sensitive, no group."""

MONTH_RE = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
"""Regex fragment for any month word, longest first so "sept" beats "sep"; use IGNORECASE."""


def month_number(word: str) -> int | None:
    """1-12 for a month word in any case ("JANUARY", "Sept", "dec."), else None."""
    return MONTHS.get(word.strip().lower().rstrip("."))


# ----------------------------------------------------------------------------- abbreviations

ABBREVIATIONS: tuple[str, ...] = (
    # people: titles and suffixes
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Cllr",
    "Cllrs",
    "Cr",
    "Prof",
    "Rev",
    "Jr",
    "Sr",
    # organisations and places
    "Inc",
    "Ltd",
    "Corp",
    "Co",
    "Dept",
    "St",
    "Ave",
    "Rd",
    # references and Latin
    "No",
    "Nos",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "approx",
)
"""Words written with a full stop that does not end the sentence (the stop itself left off)."""

PERSON_TITLES = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Cllr|Councillor|Professor|Prof|Sir|Dame|Rev|Inspector)"
"""Regex fragment for a title before a person's name ("Cllr", "Dr"); no group."""

# A single capital is an initial ("Councillor S. Trosow"). Case matters: "no." is a word.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")|\b[A-Z])$"
)
_LONGEST = max(len(a) for a in ABBREVIATIONS) + 2


def is_abbreviation(text: str, stop: int, floor: int = 0) -> bool:
    """Is the full stop at ``text[stop]`` the end of an abbreviation or an initial?

    Only ``text[floor:stop]`` is looked at, so a caller can keep the test inside a sentence.
    """
    if text[stop : stop + 1] != ".":
        return False
    return bool(_ABBREVIATION_END.search(text[max(floor, stop - _LONGEST) : stop]))


# ----------------------------------------------------------------------------- sentences

# Sentence-final punctuation, with any closing quote or bracket that belongs to it, then
# space and something that can open a sentence. Requiring the opener keeps "approx. 5" and
# "3.2" whole; a stop before a line break with nothing after it is left to the caller.
_SENTENCE_BREAK = re.compile(r"[.!?][”’\"')]?(?=\s+[A-Z“\"‘(£$€\d•·])")


def sentence_breaks(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets just after each sentence's final punctuation (and closing quote) in the range.

    A full stop that closes an abbreviation ("Mr.", "e.g.", "S.") is not a break. Only
    ``text[start:end]`` is read, so neither look-back nor look-ahead leaves the range.
    """
    stop = len(text) if end is None else end
    return [
        match.end()
        for match in _SENTENCE_BREAK.finditer(text, start, stop)
        if not is_abbreviation(text, match.start(), start)
    ]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``(start, end)`` offsets, trimmed of spaces.

    ``text[s:e]`` for each span is verbatim; empty spans are left out.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    position = start
    for cut in [*sentence_breaks(text, start, stop), stop]:
        first, last = position, cut
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if last > first:
            spans.append((first, last))
        position = cut
    return spans


_FINAL_STOP = re.compile(r"[.!?][”’\"')]?$")


def sentence_end(text: str, start: int = 0, end: int | None = None) -> int | None:
    """Offset just after the first sentence to end in ``text[start:end]``, else None.

    That is the first break, or the range's own last stop when the range (a line, say) ends
    a sentence with nothing after it to confirm: "… was agreed." at the end of a line.
    """
    stop = len(text) if end is None else end
    breaks = sentence_breaks(text, start, stop)
    if breaks:
        return breaks[0]
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    final = _FINAL_STOP.search(text, start, stop)
    if final is None or is_abbreviation(text, final.start(), start):
        return None
    return final.end()
