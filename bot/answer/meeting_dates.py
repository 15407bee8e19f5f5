"""The meeting dates a question names, as a filter on the meetings searched.

A year or month becomes a date filter only after a preposition that dates the meeting ("in
2023", "since March 2024", "at its December 2024 meeting"), never when it names a thing ("the
2024 books"), and "by"/"until" date a deadline inside the minutes, not the meeting. A day no
calendar has ("31 February") is reported as written (:func:`impossible_dates`): a filter built
on it would silently match nothing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from index.lexicon import MONTH_RE, MONTHS

_MONTH = r"(?P<{n}>" + MONTH_RE + r")\.?"

_ORD = r"(?:st|nd|rd|th)?"
_DMY = re.compile(
    r"(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH.format(n="m") + r",?\s+(?P<y>\d{4})\b",
    re.IGNORECASE,
)
_MDY = re.compile(
    _MONTH.format(n="m") + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+(?P<y>\d{4})\b", re.IGNORECASE
)
_MY = re.compile(_MONTH.format(n="m") + r",?\s+(?P<y>\d{4})\b(?!\s*[-–/]\s*\d)", re.IGNORECASE)
_Y = re.compile(r"\b(?P<y>(?:19|20)\d{2})\b(?!\s*[-–/]\s*\d)(?![-–/]\d)")
_M = re.compile(r"\b" + _MONTH.format(n="m") + r"(?![\w-])", re.IGNORECASE)

_LEAD = re.compile(
    r"(?:\b(?P<lead>in|on|during|since|from|after|before|between|and|to|until|till|through|at|"
    r"held on|dated)\s+(?P<det>(?:the|its|their|our)\s+)?|\b(?:meeting|session)\s+(?P<of>on|of)"
    r"\s+)$",
    re.IGNORECASE,
)
_TRAIL_MEETING = re.compile(
    r"^\s*(?:(?:full\s+)?(?:council\s+|board\s+|budget\s+|cabinet\s+|committee\s+)?"
    r"(?:meeting|session|sitting))\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:at |in |from |during )?(?:the |our |its |their )?(?P<rel>last|latest|most recent|"
    r"previous)\s+(?:\w+\s+)?(?:meeting|session|sitting)\b|"
    r"\b(?P<lead>in|during|since|from|over)\s+(?:the\s+)?(?P<which>last|this|past)\s+"
    r"(?P<unit>year|month)\b|"
    r"\b(?:in|during|over)\s+the\s+(?:last|past)\s+(?P<n>\d{1,2}|two|three|six|twelve)\s+"
    r"(?P<units>months|years)\b",
    re.IGNORECASE,
)
_WORD_NUM = {"two": 2, "three": 3, "six": 6, "twelve": 12}
# A date phrase names the meeting only when it is led by one of these; "by"/"until" date a
# deadline inside the minutes, and leaving those in the search text is what finds them.
_MEETING_LEADS = {"in", "on", "during", "since", "from", "after", "before", "between", "at"}


@dataclass
class _DateHit:
    start: int
    end: int
    first: date
    last: date
    lead: str


def meeting_dates(
    question: str, today: date
) -> tuple[date | None, date | None, bool, list[tuple[int, int]]]:
    hits: list[_DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rx, kind in ((_DMY, "day"), (_MDY, "day"), (_MY, "month"), (_Y, "year"), (_M, "bare")):
        for m in rx.finditer(question):
            if not free(m.start(), m.end()):
                continue
            span = _period(m, kind, today)
            if span is None:
                continue
            lead_m = _LEAD.search(question[: m.start()])
            trail = _TRAIL_MEETING.match(question[m.end() :])
            lead = ""
            if lead_m:
                lead = "on" if lead_m.group("of") else lead_m.group("lead").split()[0].lower()
                if lead_m.group("det") and not trail:
                    continue  # "from the 2026 update" names a thing, not a meeting date
            if lead not in _MEETING_LEADS | {"and", "to"} and not trail:
                continue
            if kind == "bare" and lead not in {"since", "from", "after", "before"}:
                continue  # "back in September": a bare month is too often a future plan
            start = lead_m.start() if lead_m else m.start()
            end = m.end() + (trail.end() if trail else 0)
            taken.append((m.start(), m.end()))
            hits.append(_DateHit(start, end, span[0], span[1], lead or "on"))
    hits.sort(key=lambda h: h.start)

    date_from: date | None = None
    date_to: date | None = None
    spans: list[tuple[int, int]] = []
    for i, hit in enumerate(hits):
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if hit.lead in ("between", "from") and nxt and nxt.lead in ("and", "to", "until", "till"):
            date_from, date_to = hit.first, nxt.last
            spans += [(hit.start, hit.end), (nxt.start, nxt.end)]
            break
        if hit.lead in ("and", "to", "until", "till"):
            # "through to 2027" dates a plan, not the meeting: no filter, so the words stay in
            # the search text (they are often the only ones the item's title shares).
            continue
        spans.append((hit.start, hit.end))
        if hit.lead in ("since", "from"):
            date_from = hit.first
        elif hit.lead == "after":
            date_from = _shift(hit.last, 1)
        elif hit.lead == "before":
            date_to = _shift(hit.first, -1)
        else:
            date_from, date_to = hit.first, hit.last
        break

    last_meeting = False
    for m in _RELATIVE.finditer(question):
        if m.group("rel"):
            last_meeting = True
        elif m.group("which"):
            unit, which = m.group("unit").lower(), m.group("which").lower()
            if unit == "year":
                year = today.year - (1 if which == "last" else 0)
                first, last = date(year, 1, 1), date(year, 12, 31)
                if which == "past" or m.group("lead").lower() == "over":
                    first, last = today - timedelta(days=365), today
            else:
                if which == "this":
                    first = today.replace(day=1)
                    last = today
                elif which == "past":
                    first, last = today - timedelta(days=31), today
                else:
                    prev = today.replace(day=1) - timedelta(days=1)
                    first, last = prev.replace(day=1), prev
            if date_from is None and date_to is None:
                date_from, date_to = first, last
                if (m.group("lead") or "").lower() in ("since", "from"):
                    date_to = None
        else:
            n_raw = m.group("n").lower()
            n = int(n_raw) if n_raw.isdigit() else _WORD_NUM[n_raw]
            days = n * (31 if m.group("units").lower() == "months" else 365)
            if date_from is None and date_to is None:
                date_from, date_to = today - timedelta(days=days), today
        spans.append((m.start(), m.end()))
    return date_from, date_to, last_meeting, spans


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept inside the calendar: "after 31 December 9999" is then
    a range no meeting falls in, not an OverflowError."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


_DAY_MONTH = re.compile(
    r"\b(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH.format(n="m") + r"(?![\w-])"
    r"(?:,?\s+(?P<y>\d{4})\b)?|"
    + _MONTH.format(n="m2")
    + r"\s+(?P<d2>\d{1,2})"
    + _ORD
    + r"\b(?:,?\s+(?P<y2>\d{4})\b)?",
    re.IGNORECASE,
)


def impossible_dates(question: str) -> tuple[str, ...]:
    """Day-and-month phrases no calendar has ("31 February", "30 Feb 2025", "29 February 2023"),
    as written: a filter built on them would silently match nothing, so the reply names them."""
    out = []
    for m in _DAY_MONTH.finditer(question):
        word = m.group("m") or m.group("m2")
        if word.lower() == "may" and word[0].islower():
            continue  # "it may 2" is not a date
        day = int(m.group("d") or m.group("d2"))
        month = MONTHS[word.lower()]
        raw_year = m.group("y") or m.group("y2")
        year = int(raw_year) if raw_year else 2024  # a leap year: 29 February may exist
        longest = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
        if day < 1 or day > longest:
            out.append(m.group(0).strip())
    return tuple(dict.fromkeys(out))


def _period(m: re.Match[str], kind: str, today: date) -> tuple[date, date] | None:
    try:
        if kind == "day":
            day = date(int(m.group("y")), MONTHS[m.group("m").lower()], int(m.group("d")))
            return day, day
        if kind == "month":
            year, month = int(m.group("y")), MONTHS[m.group("m").lower()]
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if kind == "year":
            year = int(m.group("y"))
            return date(year, 1, 1), date(year, 12, 31)
        word = m.group("m")
        if word.lower() == "may" and word[0].islower():
            return None  # the verb "may"
        month = MONTHS[word.lower()]
        year = today.year if month <= today.month else today.year - 1
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None
