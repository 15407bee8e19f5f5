"""When an action is due, as a date: the minutes' phrase read against the meeting's date.

Minutes rarely print a deadline as a date. They say "report back in six months", "by the next
meeting", "by the end of the financial year", "in September". Only a date can be overdue, so
each phrase is resolved against the date of the meeting that set it, and "the next meeting"
against that body's next meeting in the index (unknown until the index holds one). A phrase
this cannot read stays a phrase: shown, never guessed at.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}

_SPAN_RE = re.compile(
    r"\b(?:with)?in\s+(?:the\s+next\s+)?(?P<n>\d+|[a-z-]+)\s+(?P<unit>day|week|month|year)s?\b",
    re.IGNORECASE,
)
_NEXT_MEETING_RE = re.compile(r"\bnext\s+(?:meeting|executive|board|committee|panel)\b", re.I)
_END_OF_RE = re.compile(
    r"\bend\s+of\s+(?:the\s+)?(?P<what>financial\s+year|calendar\s+year|year|month|"
    r"[A-Za-z]+(?:\s+\d{4})?)",
    re.IGNORECASE,
)
_DAY_MONTH_RE = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>[A-Za-z]+)(?:\s+(?P<year>\d{4}))?\b"
)
_SEASON_RE = re.compile(r"\b(?P<season>spring|summer|autumn|winter)(?:\s+(?P<year>\d{4}))?\b", re.I)


def resolve_due(
    phrase: str | None, meeting: dt.date | None, next_meeting: dt.date | None = None
) -> dt.date | None:
    """The date ``phrase`` means for an action set at ``meeting``; None when it cannot say."""
    if not phrase or meeting is None:
        return None
    if match := _SPAN_RE.search(phrase):
        count = _count(match["n"])
        if count is None:
            return None
        unit = match["unit"].lower()
        if unit == "day":
            return meeting + dt.timedelta(days=count)
        if unit == "week":
            return meeting + dt.timedelta(weeks=count)
        return add_months(meeting, count * (12 if unit == "year" else 1))
    if _NEXT_MEETING_RE.search(phrase):
        return next_meeting
    if match := _END_OF_RE.search(phrase):
        what = " ".join(match["what"].lower().split())
        if what == "financial year":
            year = meeting.year + (1 if meeting.month > 3 else 0)
            return dt.date(year, 3, 31)
        if what in {"calendar year", "year"}:
            return dt.date(meeting.year, 12, 31)
        if what == "month":
            return _month_end(meeting.year, meeting.month)
        return _month_date(what, meeting)
    if match := _SEASON_RE.search(phrase):
        month, day = _SEASON_END[match["season"].lower()]
        year = int(match["year"]) if match["year"] else meeting.year
        if month == 2:
            return _month_end(year + (0 if match["year"] else 1), 2)
        end = dt.date(year, month, day)
        return end if match["year"] or end >= meeting else dt.date(year + 1, month, day)
    return _month_date(phrase, meeting)


def next_meeting_after(day: dt.date | None, dates: Sequence[dt.date]) -> dt.date | None:
    """The first of ``dates`` after ``day`` (the body's meeting dates in the index)."""
    if day is None:
        return None
    later = [d for d in dates if d > day]
    return min(later) if later else None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept within the month ("31 Aug + 6" → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_date(phrase: str, meeting: dt.date) -> dt.date | None:
    """ "by 14th August", "September 2024", "by March": that day, or that month's last day,
    in the first year that puts it on or after the meeting when the year is not printed."""
    for match in _DAY_MONTH_RE.finditer(phrase):
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            continue
        year = int(match["year"]) if match["year"] else meeting.year
        last = calendar.monthrange(year, month)[1]
        day = min(int(match["day"]), last) if match["day"] else last
        found = dt.date(year, month, day)
        if not match["year"] and found < meeting:
            found = dt.date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))
        return found
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())
