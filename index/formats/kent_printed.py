"""Kent County Council printed minutes (modern.gov PDFs, text extracted with pypdf).

Shape: a header (``KENT COUNTY COUNCIL`` / ``CABINET`` / ``MINUTES of a meeting of … on
Thursday, 30 January 2025``), then one block per minute::

    88. 24/00108 - Revenue and Capital Budget Monitoring Report – November
    2024-25
    (Item 5)

The minute number (``88``) runs on across meetings; the agenda number follows on its own
line as ``(Item 5)``, sometimes after blank spacer lines where a page broke. The Corporate
Parenting Panel prints no minute numbers: its headings are just title lines before
``(Item N)``. An unnumbered business heading (``Election of Chair``) can come before the
first minute. Text is kept verbatim; only titles are normalised for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.extract.votes.kent import KENT_VOTES
from index.formats.base import CouncilFormat, ItemSpan
from index.lexicon import MONTH_NAME_RE, MONTH_NAMES, month_number
from index.models import Meeting

_ITEM_MARK = re.compile(r"^[ \t]*\(Item (\d+[A-Za-z]?)\)[ \t]*$", re.MULTILINE)
_MINUTE_START = re.compile(r"^[ \t]*(\d{1,4})\.[ \t]+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_UNRESTRICTED = re.compile(r"^[ \t]*(?:UN)?RESTRICTED ITEMS[ \t]*$", re.MULTILINE)
_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + MONTH_NAME_RE + r")\s+(\d{4})", re.IGNORECASE)
_MAX_TITLE_LINES = 4
_MAX_UNNUMBERED_LINES = 2


class KentPrinted(CouncilFormat):
    """Kent County Council printed minutes: numbered minutes, each with an ``(Item N)`` line."""

    name = "kent_printed"
    vote_grammar = KENT_VOTES

    def detect(self, text: str) -> bool:
        """Printed minutes: a ``MINUTES of …`` header and at least two ``(Item N)`` lines."""
        head = text[:3000]
        return bool(re.search(r"MINUTES of (?:a |the )?meeting", head)) and (
            len(_ITEM_MARK.findall(text)) >= 2
        )

    def split(self, text: str, meeting: Meeting) -> list[ItemSpan]:
        headings = _headings(text)
        spans: list[ItemSpan] = []
        preamble = _preamble_span(text, headings[0].start if headings else len(text))
        if preamble:
            spans.append(preamble)
        for index, heading in enumerate(headings):
            end = headings[index + 1].start if index + 1 < len(headings) else len(text)
            spans.append(_span(text, heading.title, heading.number, heading.body_start, end))
        meeting.body, meeting.title, meeting.date = _header(text)
        return spans


FORMAT = KentPrinted()


@dataclass
class _Heading:
    start: int  # where the heading's first line starts
    body_start: int  # just after the "(Item N)" line
    number: str | None
    title: str


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _headings(text: str) -> list[_Heading]:
    marks = list(_ITEM_MARK.finditer(text))
    blocks: list[list[tuple[int, str]]] = []
    floor = 0
    for mark in marks:
        blocks.append(_title_block(_lines_above(text, mark.start(), floor)))
        floor = mark.end()
    minutes = [_minute_line(block) for block in blocks]
    # A document either numbers its minutes or it does not (Corporate Parenting Panel); a
    # stray "2. RESOLVED …" line above one heading must not make that heading a minute.
    numbered = sum(1 for m in minutes if m is not None) * 2 > len(marks)
    headings: list[_Heading] = []
    for mark, block, minute in zip(marks, blocks, minutes, strict=True):
        number = None
        if numbered and minute is not None:
            taken = block[: minute + 1]
            match = _MINUTE_START.match(taken[-1][1])
            if match:  # always, by _minute_line
                number = match.group(1)
                taken[-1] = (taken[-1][0], match.group(2))
        else:
            taken = block[:_MAX_UNNUMBERED_LINES]
            # a title never ends a sentence: a farther line that does is the previous item's
            while len(taken) > 1 and taken[-1][1].rstrip().endswith((".", ":", ";")):
                taken.pop()
        if not taken:
            continue
        taken.reverse()
        first_start = taken[0][0]
        title = _join_title([line for _, line in taken]) + f" (Item {mark.group(1)})"
        headings.append(_Heading(first_start, mark.end(), number, title))
    return headings


def _minute_line(block: list[tuple[int, str]]) -> int | None:
    """Index (nearest first) of the block line that opens with a minute number, if any."""
    for index, (_, line) in enumerate(block):
        if _MINUTE_START.match(line):
            return index
    return None


def _lines_above(text: str, pos: int, floor: int) -> list[tuple[int, str]]:
    """Lines above ``pos``, nearest first, down to ``floor``; blank lines and lone page
    numbers come back as ``""`` so callers can see where paragraphs broke."""
    out: list[tuple[int, str]] = []
    end = pos - 1  # the "\n" ending the line above the mark
    while end > floor and len(out) < 16:
        start = max(text.rfind("\n", 0, end) + 1, floor)
        line = text[start:end]
        out.append((start, "" if not line.strip() or _PAGE_NUMBER.match(line) else line))
        end = start - 1
    return out


def _title_block(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The contiguous run of text lines directly above the mark, nearest first.

    Blank spacer lines (a page break) may sit between the title and ``(Item N)``, so blanks
    are skipped until the first title line is found; after that a blank line ends the title.
    """
    block: list[tuple[int, str]] = []
    for start, line in lines:
        if not line:
            if block:
                break
            continue
        block.append((start, line))
        if len(block) >= _MAX_TITLE_LINES:
            break
    return block


def _join_title(lines: list[str]) -> str:
    joined = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if joined.endswith("-") and not joined.endswith(" -") and line[:1].isupper():
            joined += line
        else:
            joined = f"{joined} {line}" if joined else line
    return " ".join(joined.split())


def _preamble_span(text: str, first_heading: int) -> ItemSpan | None:
    """Business taken before the first numbered minute (``Election of Chair``)."""
    markers = list(_UNRESTRICTED.finditer(text, 0, first_heading))
    if not markers:
        return None
    region_start = markers[-1].end()
    region = text[region_start:first_heading]
    if not region.strip():
        return None
    offset = region_start + (len(region) - len(region.lstrip()))
    line_start, line_end = _line_bounds(text, offset)
    title = text[line_start:line_end].strip()
    if len(title) > 100 or title.endswith("."):
        return None
    return _span(text, title, None, line_end, first_heading)


def _span(text: str, title: str, number: str | None, start: int, end: int) -> ItemSpan:
    while start < end and text[start].isspace():
        start += 1
    return ItemSpan(title, number, start, _trim_furniture(text, start, end))


def _trim_furniture(text: str, start: int, end: int) -> int:
    """Drop trailing blank lines and lone page numbers from the end of an item."""
    while end > start:
        stripped_end = end
        while stripped_end > start and text[stripped_end - 1].isspace():
            stripped_end -= 1
        line_start = text.rfind("\n", start, stripped_end) + 1
        line_start = max(line_start, start)
        if line_start > start and _PAGE_NUMBER.match(text[line_start:stripped_end]):
            end = line_start
            continue
        return stripped_end
    return end


def _header(text: str) -> tuple[str | None, str | None, date | None]:
    """Body, display title and date from the header block above ``MINUTES of …``.

    The header is one or two capitalised lines: the council (``KENT COUNTY COUNCIL``) and
    the committee (``CABINET``), or a single ``CORPORATE PARENTING PANEL – 29 October 2024``.
    """
    head = text[:1500]
    names: list[str] = []
    for raw in head.splitlines():
        line = raw.strip()
        if line.startswith("MINUTES"):
            break
        dated = re.match(r"^([A-Z][A-Z &]+?)\s*[–-]\s*\d", line)
        if dated:
            names.append(dated.group(1).strip())
        elif line and line.isupper() and not line.isdigit():
            names.append(" ".join(line.split()))
    names = [_titlecase(name) for name in names[:2]]
    if len(names) == 2 and names[0].endswith(names[1]):
        names = names[:1]  # "Kent County Council" / "County Council": the full council
    body = " ".join(names) or None
    when = _date(head)
    title = None
    if body:
        title = f"{body} – {when.day} {MONTH_NAMES[when.month - 1]} {when.year}" if when else body
    return body, title, when


def _titlecase(text: str) -> str:
    small = {"and", "of", "the", "for"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w.capitalize() for i, w in enumerate(words))


def _date(head: str) -> date | None:
    match = _DATE.search(head)
    month = month_number(match.group(2)) if match else None
    if not match or month is None:
        return None
    try:
        return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None
