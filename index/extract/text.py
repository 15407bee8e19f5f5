"""Small helpers shared by the minutes parsers: lines with offsets, spans, header dates.

Everything here works on offsets into the original text rather than on cleaned copies,
because every quote we keep must stay an exact substring of the source. Cleaning (NBSP,
padding, list labels) only ever moves span boundaries; it never rewrites characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.lexicon import PERSON_TITLES, month_number

NBSP = "\u00a0"

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME = r"\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|noon)"

# "Chorley Public Services Reform Executive - Tuesday, 19th July 2016 4.00 pm"
_HEADER_RE = re.compile(
    rf"^\s*(?P<body>\S.*?)\s+[-–—]\s+(?:{_WEEKDAY},?\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})"
    rf"(?:,?\s+(?:at\s+)?(?P<time>{_TIME}))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    """One line of a text: ``start``/``end`` are offsets into it, ``end`` before the newline."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        """True for empty lines and lines holding only spaces/NBSP, which real pages pad with."""
        return not self.text.strip()

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Lines of ``text[start:end]`` with absolute offsets, without their ``\\n`` or ``\\r\\n``."""
    stop = len(text) if end is None else end
    lines: list[Line] = []
    pos = start
    while pos <= stop:
        newline = text.find("\n", pos, stop)
        line_end = stop if newline == -1 else newline
        if line_end > pos and text[line_end - 1] == "\r":
            line_end -= 1  # Windows line endings: the "\r" belongs to the break, not the line
        lines.append(Line(pos, line_end, text[pos:line_end]))
        if newline == -1:
            break
        pos = newline + 1
    return lines


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace (NBSP included)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_aside(line: str) -> bool:
    """Is ``line`` one bracketed aside standing alone ("(For 5, Against 1, Abstain 0)")?

    Such a line is a unit of its own: a tally or a note between sentences, never the wrapped
    end or start of the sentence beside it, so paragraph readers do not join it to its
    neighbours. "(a) Title" or "(the Clerk) and …" are not asides: the first bracket must
    close at the line's last character.
    """
    stripped = line.strip()
    if len(stripped) < 3 or stripped[0] != "(" or stripped[-1] != ")":
        return False
    depth = 0
    for position, char in enumerate(stripped):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and position < len(stripped) - 1:
            return False
    return depth == 0


def standalone_asides(lines: list[Line]) -> set[int]:
    """Indices of the lines that are asides standing alone: a bracketed line (:func:`is_aside`)
    not followed by a line going on in lower case, which would make it a mid-sentence aside
    ("The works will start\n(weather permitting)\nby 1 May.")."""
    alone: set[int] = set()
    for index, line in enumerate(lines):
        if not is_aside(line.text):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or following.blank or not following.stripped[:1].islower():
            alone.add(index)
    return alone


def normalise_space(value: str) -> str:
    """Collapse runs of whitespace (NBSP too) to one space, for comparing, never for quoting."""
    return " ".join(value.split())


@dataclass(frozen=True)
class MeetingHeader:
    body: str
    date: date | None
    time: str | None


def parse_meeting_header(line: str) -> MeetingHeader | None:
    """Read a modern.gov meeting title line: ``<body> - <weekday>, <day> <month> <year> <time>``."""
    match = _HEADER_RE.match(line)
    if not match:
        return None
    when = make_date(match["day"], match["month"], match["year"])
    if when is None:
        return None
    time = match["time"]
    return MeetingHeader(
        body=normalise_space(match["body"]), date=when, time=time.strip() if time else None
    )


def make_date(day: str, month: str, year: str) -> date | None:
    """A date from printed parts ("19th" is fine for day); None when they do not make one."""
    month_no = month_number(month)
    day_digits = re.match(r"\d+", day)
    if month_no is None or not day_digits:
        return None
    try:
        return date(int(year), month_no, int(day_digits.group()))
    except ValueError:
        return None


def parse_date_phrase(value: str) -> date | None:
    """First date written as "19th July 2016", "July 19, 2016", "19/07/2016" or ISO in ``value``."""
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", value)
    if match and (found := make_date(*match.groups())):
        return found
    match = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", value)
    if match and (found := make_date(match[2], match[1], match[3])):
        return found
    match = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    match = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", value)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    return None


_DUPLICATE_TITLE_RE = re.compile(rf"\b({PERSON_TITLES})\.?(?:\s+\1\.?)+\b")


def collapse_duplicate_title(name: str) -> str:
    """ "Dr Dr Khandavalli" → "Dr Khandavalli": a typing slip, not part of anyone's name."""
    return _DUPLICATE_TITLE_RE.sub(r"\1", normalise_space(name))
