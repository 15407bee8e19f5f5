"""City of Portland (Oregon) official minutes as raw text.

Shape: a header ("… WAS HELD THIS 12TH DAY OF JANUARY, 2011 AT 9:30 A.M."), then the item
list flattened onto very long lines: ``*42 Accept and appropriate a grant …  (Ordinance)
(Y-5) 184349``, with ``*`` for emergency ordinances, ``S-`` for substitutes, dispositions in
capitals, section headings ("Bureau of Transportation", "REGULAR AGENDA") and page footers
("January 12, 2011  5 of 18") falling between entries. After "Council adjourned" comes the
closed-caption transcript, where the clerk reads each item ("Item 61.", "Item 58 roll.").

Each list entry becomes an item (title, disposition, vote). An entry decided only by a roll
call and an ordinance number ("59 Amend Private For-Hire … (Y-5) 184361") prints no
disposition in capitals: its own wording, title through the ordinance number, is the
decision and is kept as its DISPOSITION resolution. Its discussion in the transcript
is a separate stretch of the text, so it becomes a second item with the same number and
title: an item's text must be one verbatim slice. The file name is not trusted for the date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from index.extract.motions import extract_motions
from index.extract.votes.portland import PORTLAND_VOTES
from index.formats.base import CouncilFormat, ItemSpan
from index.lexicon import MONTH_NAMES, month_number
from index.models import Meeting, Resolution, ResolutionKind, Vote

_HEAD = re.compile(r"CITY\s+OF\s+PORTLAND", re.IGNORECASE)
_HELD = re.compile(
    r"HELD\s+THIS\s+(\d{1,2})(?:ST|ND|RD|TH)?\s+DAY\s+OF\s+([A-Z]+),?\s+(\d{4})", re.IGNORECASE
)
_CANDIDATE = re.compile(r"(?<!\S)(\*?(?:S-)?)(\d{1,4})[ \t]+(?=[A-Z][a-z])")
_TYPE_GROUP = re.compile(
    r"\((?:Ordinance|Emergency Ordinance|Report|Communication|Resolution|"
    r"Second Reading|Previous Agenda|Presentation|Proclamation)[^()]*\)"
)
_ORDINANCE = re.compile(r"\(Y-\d+(?:[;,]?\s*N-\d+)?\)[ \t]+(\d{5,7})\b")
_REQUESTED = re.compile(r"\d+\s+minutes\s+requested")
_FOOTER = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}\s+\d+ of \d+|\b\d+ of \d+\b")
_LIST_END = re.compile(r"Council adjourned|Closed Caption File", re.IGNORECASE)
_TRANSCRIPT_MARK = r"\bItem {n}(?:\.| roll\.)"


class Portland(CouncilFormat):
    """City of Portland official minutes: list entries, then the closed-caption transcript."""

    name = "portland"
    vote_grammar = PORTLAND_VOTES

    def detect(self, text: str) -> bool:
        """Portland official minutes: the city's name and "OFFICIAL MINUTES" in the header."""
        head = text[:2000]
        return bool(_HEAD.search(head)) and "OFFICIAL MINUTES" in head.upper()

    def split(self, text: str, meeting: Meeting) -> list[ItemSpan]:
        list_end_match = _LIST_END.search(text)
        list_end = list_end_match.start() if list_end_match else len(text)
        entries = _entries(text, list_end)
        spans = [self._list_span(text, number, start, end) for number, start, end in entries]
        spans.extend(_transcript_spans(text, spans, list_end))
        when = _date(text)
        body = "Portland City Council"
        meeting.body, meeting.date = body, when
        meeting.title = (
            f"{body} – {when.day} {MONTH_NAMES[when.month - 1]} {when.year}" if when else body
        )
        return spans

    def resolutions(self, body: str) -> list[Resolution]:
        """The entry's dispositions and ordinance numbers, read after its title; an entry
        passed by roll call alone is decided in its own words, title to ordinance number."""
        title_start, title_end = _title_bounds(body)
        tail = body[title_end:]
        resolutions = extract_motions(tail)
        tally_only = not resolutions
        for ordinance in _ORDINANCE.finditer(tail):
            end = title_end + ordinance.end()
            decided = body[title_start:end] if tally_only else ordinance.group(0)
            resolutions.append(Resolution(text=decided, kind=ResolutionKind.DISPOSITION))
        resolutions.sort(key=lambda r: body.find(r.text))
        return resolutions

    def votes(self, text: str) -> list[Vote]:
        """The roll calls printed after the entry's title. A roll call with no "Motion to …"
        of its own decided the entry as printed: its title, through the type group
        ("Appoint … (Report)"), is the motion it voted on, verbatim."""
        title_start, title_end = _title_bounds(text)
        title = text[title_start:title_end].rstrip()
        return [
            vote if vote.motion or not title else replace(vote, motion=title)
            for vote in super().votes(text[title_end:])
        ]

    def _list_span(self, text: str, number: str, start: int, end: int) -> ItemSpan:
        """One list entry: from its number through the last thing it records (disposition,
        ordinance, vote, "minutes requested"), before any section heading or footer."""
        entry = text[start:end]
        title_start, title_end = _title_bounds(entry)
        tail = entry[title_end:]
        found = [r.text for r in self.resolutions(entry)] + [v.text for v in self.votes(entry)]
        found += [m.group(0) for m in _REQUESTED.finditer(tail)]
        stops = [title_end]
        for quoted in found:
            at = entry.find(quoted, title_end)
            at = at if at >= 0 else entry.find(quoted, title_start)
            stops.append(at + len(quoted))
        title = _display(entry[title_start:title_end])
        return ItemSpan(title, number, start, start + max(stops))


FORMAT = Portland()


def _date(text: str) -> date | None:
    match = _HELD.search(text[:3000])
    month = month_number(match.group(2)) if match else None
    if not match or month is None:
        return None
    try:
        return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


def _entries(text: str, list_end: int) -> list[tuple[str, int, int]]:
    """(number as printed, start, end) of each list entry, found as a run of item numbers.

    Numbers also occur inside titles ("Position No. 2  Portland …"), so an entry is only
    accepted when its number continues the sequence (allowing a small gap).
    """
    candidates = [m for m in _CANDIDATE.finditer(text, 0, list_end)]
    numbers = [int(m.group(2)) for m in candidates]
    chosen: list[re.Match[str]] = []
    expected: int | None = None
    for index, match in enumerate(candidates):
        n = numbers[index]
        if expected is None:
            if n + 1 in numbers[index + 1 :]:
                chosen.append(match)
                expected = n + 1
            continue
        if n == expected or (expected < n <= expected + 2 and expected not in numbers[index + 1 :]):
            chosen.append(match)
            expected = n + 1
    out: list[tuple[str, int, int]] = []
    for index, match in enumerate(chosen):
        end = chosen[index + 1].start() if index + 1 < len(chosen) else list_end
        out.append((match.group(1) + match.group(2), match.start(), end))
    return out


def _title_bounds(entry: str) -> tuple[int, int]:
    """Where an entry's title starts (after its number) and ends: at its type group
    ("(Ordinance)") or, failing one, at its roll call ("(Y-5)")."""
    number = re.match(r"\S*", entry)
    title_start = number.end() if number else 0
    while title_start < len(entry) and entry[title_start].isspace():
        title_start += 1
    type_group = _TYPE_GROUP.search(entry, title_start)
    vote_at = entry.find("(Y-", title_start)
    if type_group and (vote_at < 0 or type_group.start() < vote_at):
        return title_start, type_group.end()
    return title_start, vote_at if vote_at >= 0 else len(entry)


def _display(raw: str) -> str:
    """A title for display: page footers removed, wrapped lines and double spaces joined."""
    return " ".join(_FOOTER.sub(" ", raw).split())


def _transcript_spans(text: str, items: list[ItemSpan], list_end: int) -> list[ItemSpan]:
    """The closed-caption discussion of each item, from the clerk reading it to the next one."""
    starts: list[tuple[int, ItemSpan]] = []
    for item in items:
        digits = re.sub(r"\D", "", item.number or "")
        if not digits:
            continue
        mark = re.search(_TRANSCRIPT_MARK.format(n=digits), text[list_end:])
        if mark:
            starts.append((list_end + mark.start(), item))
    starts.sort(key=lambda pair: pair[0])
    out: list[ItemSpan] = []
    adjourned = re.search(r"adjourned", text[starts[-1][0] :]) if starts else None
    for index, (start, item) in enumerate(starts):
        if index + 1 < len(starts):
            end = starts[index + 1][0]
        elif adjourned:
            end = starts[-1][0] + adjourned.end()
            sentence_end = text.find(".", end)
            end = sentence_end + 1 if sentence_end >= 0 else end
        else:
            end = len(text)
        out.append(ItemSpan(item.title, item.number, start, end, decides=False))
    return out
