"""modern.gov pages: a single agenda item page (mgAi.aspx) or a whole meeting page.

Item pages read "Agenda item / <title> / Minutes: / … / Supporting documents:" (or start
straight with the title, as Wiltshire's do). Whole-meeting pages ("Agenda and draft minutes")
carry a header "<body> - Tuesday, 19th July 2016 4.00 pm", a venue line, then numbered items
(38, 38a, 38b, 39 …), each with a title and its minutes. This is the dispatcher's fallback
format, so it accepts any text and returns no items when it finds no structure at all.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from index.extract.text import (
    Line,
    MeetingHeader,
    normalise_space,
    parse_date_phrase,
    parse_meeting_header,
    split_lines,
    strip_span,
)
from index.formats.base import CouncilFormat, ItemSpan
from index.models import AgendaItem, Meeting

_NUMBER_LINE_RE = re.compile(r"^[ \t\u00a0]*(?P<number>\d{1,3}[a-z]{0,2})\.?[ \t\u00a0]*$")
_PDF_SUFFIX_RE = re.compile(
    r"(?:[ \t\u00a0]*pdf icon)?[ \t\u00a0]*PDF[ \t\u00a0]*[\d.,]+[ \t\u00a0]*[KMG]B$"
)
_TRUNCATED_RE = re.compile(r"view the full minutes text for item", re.IGNORECASE)
_VENUE_RE = re.compile(r"^[ \t\u00a0]*Venue:[ \t\u00a0]*(?P<venue>\S.*?)[ \t\u00a0]*$")
_MEETING_LINK_RE = re.compile(
    r"^[ \t\u00a0]*Meeting:[ \t\u00a0]*(?P<date>\d{1,2}/\d{1,2}/\d{4})[ \t\u00a0]*[-–][ \t\u00a0]*"
    r"(?P<body>.+?)[ \t\u00a0]*\(Item[ \t\u00a0]+(?P<number>\w+)\.?\)[ \t\u00a0]*$"
)
_DECISION_BODY_RE = re.compile(
    r"Decision[ \t\u00a0]*[–—-][ \t\u00a0]*The[ \t\u00a0]+"
    r"(?P<body>[A-Z][\w’'&-]*(?:[ \t\u00a0]+(?:[A-Z][\w’'&-]*|and|of|for|&))*?)"
    r"[ \t\u00a0]+(?:accepted|agreed|resolved|noted|approved|endorsed|decided)\b"
)


class ModernGov(CouncilFormat):
    """modern.gov item and meeting pages; the fallback, so it is tried last.

    The pages seen so far print no recorded votes, so there is no vote grammar yet.
    """

    name = "moderngov"
    vote_grammar = None

    def detect(self, text: str) -> bool:
        """The generic fallback: any page with text; parse() decides whether it has items."""
        return bool(text.strip())

    def split(self, text: str, meeting: Meeting) -> list[ItemSpan]:
        lines = split_lines(text)
        header_index, header = _find_header(lines)
        starts = _item_starts(lines, _items_begin(lines, header_index))
        if starts and (header is not None or len(starts) >= 2):
            _fill_header(meeting, lines, header_index, header)
            return _meeting_items(text, lines, starts)
        return _item_page(text, lines, meeting)


FORMAT = ModernGov()


# ----------------------------------------------------------------------------- whole meeting


def _find_header(lines: list[Line]) -> tuple[int | None, MeetingHeader | None]:
    for index, line in enumerate(lines[:80]):
        if line.blank or len(line.text) > 200:
            continue
        header = parse_meeting_header(line.text)
        if header is not None:
            return index, header
    return None, None


def _items_begin(lines: list[Line], header_index: int | None) -> int:
    """Items follow the "Items" / "No. Item" table head when there is one, else the header."""
    for index, line in enumerate(lines):
        if line.stripped in ("Items", "No. Item", "No.\u00a0Item"):
            return index + 1
    return 0 if header_index is None else header_index + 1


def _item_starts(lines: list[Line], begin: int) -> list[tuple[int, str]]:
    """(line index, number) of each item number line: "38." or "38a" alone, then a title."""
    starts: list[tuple[int, str]] = []
    previous = -1
    for index in range(begin, len(lines)):
        match = _NUMBER_LINE_RE.match(lines[index].text)
        if match is None:
            continue
        if index > 0 and not lines[index - 1].blank:
            continue
        title = _next_content(lines, index + 1)
        if title is None or _NUMBER_LINE_RE.match(lines[title].text):
            continue
        digits = re.match(r"\d+", match["number"])
        if digits is None:
            continue
        value = int(digits.group())
        if value < previous:
            continue
        previous = value
        starts.append((index, match["number"]))
    return starts


def _next_content(lines: list[Line], index: int, stop: int | None = None) -> int | None:
    end = len(lines) if stop is None else stop
    for position in range(index, end):
        if not lines[position].blank:
            return position
    return None


def _fill_header(
    meeting: Meeting, lines: list[Line], header_index: int | None, header: MeetingHeader | None
) -> None:
    if header is not None and header_index is not None:
        meeting.body = header.body
        meeting.date = header.date
        meeting.time = header.time
        meeting.title = lines[header_index].stripped
    for line in lines:
        venue = _VENUE_RE.match(line.text)
        if venue:
            meeting.venue = venue["venue"]
            break


def _meeting_items(text: str, lines: list[Line], starts: list[tuple[int, str]]) -> list[ItemSpan]:
    items = []
    for position, (index, number) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        title_index = _next_content(lines, index + 1, stop)
        if title_index is None:
            continue
        region_from = _minutes_start(lines, title_index + 1, stop)
        start = lines[region_from].start if region_from < stop else lines[title_index].end
        end = lines[stop - 1].end if stop - 1 >= region_from else start
        items.append(_minutes_span(text, _title(lines[title_index].stripped), number, start, end))
    return items


def _minutes_start(lines: list[Line], start: int, stop: int) -> int:
    """First line of an item's record: its "Decision:" section if any, else after "Minutes:".

    Executive meeting pages print "Decision:" (the formal decision) above "Minutes:"; both are
    the record, and the decision is what people ask about, so it is kept in the item text.
    """
    decision = _find_line(lines, "Decision:", start, stop)
    minutes = _find_line(lines, "Minutes:", start, stop)
    if decision is not None and (minutes is None or decision < minutes):
        return decision
    return minutes + 1 if minutes is not None else start


def _find_line(lines: list[Line], wanted: str, start: int, stop: int) -> int | None:
    for index in range(start, stop):
        if lines[index].stripped == wanted:
            return index
    return None


def _title(line: str) -> str:
    return _PDF_SUFFIX_RE.sub("", line).strip()


def minutes_item(text: str, title: str, number: str | None, start: int, end: int) -> AgendaItem:
    """One item from ``text[start:end]``, assembled as every format's items are.

    Resolutions, actions and votes are read from the span, so every quote is a slice of
    ``text``. Used by the site sync (:mod:`index.sites.meeting`) on each item's minutes.
    """
    return FORMAT.item(text, _minutes_span(text, title, number, start, end))


def _minutes_span(text: str, title: str, number: str | None, start: int, end: int) -> ItemSpan:
    """The item's record in ``text[start:end]``; a "view the full minutes text" tail marks
    truncation and is cut off."""
    truncated = False
    marker = _TRUNCATED_RE.search(text, start, end)
    if marker is not None:
        truncated = True
        line_start = text.rfind("\n", start, marker.start()) + 1
        ellipsis = max(
            text.rfind("...", line_start, marker.start()),
            text.rfind("…", line_start, marker.start()),
        )
        end = ellipsis if ellipsis >= line_start else marker.start()
    start, end = strip_span(text, start, end)
    return ItemSpan(title, number, start, end, truncated=truncated)


# ----------------------------------------------------------------------------- item page


def _item_page(text: str, lines: list[Line], meeting: Meeting) -> list[ItemSpan]:
    """A single-item page; no items when the text shows no minutes, decisions or actions
    (without a "Minutes:" or "Agenda item" line the span is kept only if it has either)."""
    first = _next_content(lines, 0)
    if first is None:
        return []
    minutes = _find_line(lines, "Minutes:", 0, len(lines))
    # The last "Agenda item" before the minutes: saved pages repeat it in their breadcrumbs.
    agenda_item = None
    for index, line in enumerate(lines[: minutes if minutes is not None else len(lines)]):
        if line.stripped.lower() == "agenda item":
            agenda_item = index
    title_index = first
    if agenda_item is not None and (minutes is None or agenda_item < minutes):
        title_index = _next_content(lines, agenda_item + 1) or first
    number = _meeting_link(lines, meeting)
    region_from = _minutes_start(lines, title_index + 1, len(lines))
    if region_from >= len(lines):
        return []
    documents = next(
        (
            i
            for i in range(region_from, len(lines))
            if lines[i].stripped.startswith("Supporting documents")
        ),
        None,
    )
    start = lines[region_from].start
    end = lines[documents].start if documents is not None else len(text)
    span = _minutes_span(text, _title(lines[title_index].stripped), number, start, end)
    if span.start >= span.end:
        return []
    if meeting.body is None:
        body = _DECISION_BODY_RE.search(text)
        if body is not None:
            meeting.body = normalise_space(body["body"])
    return [replace(span, tentative=minutes is None and agenda_item is None)]


def _meeting_link(lines: list[Line], meeting: Meeting) -> str | None:
    """mgAi pages saved whole say "Meeting: 06/02/2024 - <body> (Item 7)"; use it if present."""
    for line in lines[:60]:
        match = _MEETING_LINK_RE.match(line.text)
        if match:
            when: date | None = parse_date_phrase(match["date"])
            meeting.date = meeting.date or when
            meeting.body = meeting.body or normalise_space(match["body"])
            return match["number"]
    return None
