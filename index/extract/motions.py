"""North-American motion wording and Portland dispositions, as verbatim resolutions.

London's eScribe minutes phrase every decision as ``That … BE APPROVED / BE DIRECTED /
BE REQUESTED …`` (also clerks' typos such as ``BE DIRECTRED``), often as a lettered list
under one "That the following actions be taken" sentence; each clause carrying ``BE <VERB>``
is one resolution, labelled with its list marker. Portland prints the disposition of each
item in capitals (``PASSED TO  SECOND READING …``, ``REFERRED TO COMMISSIONER OF …``).
Every ``Resolution.text`` is an exact slice of the input.
"""

from __future__ import annotations

import re

from index.models import Resolution, ResolutionKind

__all__ = ["extract_motions"]

# "BE" followed by a capitalised verb: BE APPROVED, BE DIRECTRED (sic), BE REFERRRED (sic).
_BE_VERB = re.compile(r"\bBE\s+(?:NOT\s+)?[A-Z]{4,}\b")
_LIST_MARKER = re.compile(
    r"^(?:[-*·•]\s+)?(\(?(?:[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|\d{1,2})[.)])[\s\u00a0]+",
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")

_DISPOSITION_VERBS = (
    "PLACED",
    "PASSED",
    "SUBSTITUTE",
    "REFERRED",
    "CONFIRMED",
    "ACCEPTED",
    "ADOPTED",
    "APPROVED",
    "CONTINUED",
    "RESCHEDULED",
    "FAILED",
    "WITHDRAWN",
    "TABLED",
    "RETURNED",
    "AMENDED",
)
# A run of all-capital words that starts with a disposition verb. Numbers and times may sit
# inside ("JANUARY 19, 2011 AT 9:30 AM") but the run must end on a capital word.
_CAPS_WORD = (
    r"(?!(?:CONSENT|REGULAR)\s+AGENDA|COMMUNICATIONS|TIME\s+CERTAIN)"
    r"(?:[A-Z][A-Z'’&-]*|\d[\d,:./]*)(?![A-Za-z])"
)
_DISPOSITION = re.compile(
    r"(?<![A-Za-z])(?<!BE )(?<!BE  )(?:" + "|".join(_DISPOSITION_VERBS) + r")(?![A-Za-z])"
    r"(?:[ \t]{1,2}" + _CAPS_WORD + r")*"
)


def extract_motions(text: str) -> list[Resolution]:
    """Motions (``BE <VERB>`` clauses) then dispositions, each once, in document order."""
    found: list[tuple[int, Resolution]] = []
    taken: list[tuple[int, int]] = []
    seen: set[tuple[str | None, str]] = set()
    for start, end, label in _motion_spans(text):
        key = (label, text[start:end])
        taken.append((start, end))
        if key in seen:
            continue  # the same motion re-read as amended, or moved twice
        seen.add(key)
        found.append(
            (start, Resolution(text=text[start:end], label=label, kind=ResolutionKind.MOTION))
        )
    for match in _DISPOSITION.finditer(text):
        start, end = match.start(), _trim_disposition(match.group(0)) + match.start()
        if end - start < 6 or not _has_two_caps_words(text[start:end]):
            continue
        if any(s <= start < e for s, e in taken):
            continue
        found.append((start, Resolution(text=text[start:end], kind=ResolutionKind.DISPOSITION)))
    found.sort(key=lambda pair: pair[0])
    return [resolution for _, resolution in found]


def _motion_spans(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, label) of every unit that carries a ``BE <VERB>`` clause.

    A clause ending in a colon ("BE INTRODUCED … to:") opens a sub-list; its marked items
    ("i) approve the agreement") are part of the decision even without ``BE``. When what
    follows the colon is a list of names ("the following applicants BE APPOINTED to …:" then
    "Carrie Briley", "i) Dane Ferry;" …), the names are the decision's own words: the clause's
    span runs on over them instead.
    """
    spans: list[tuple[int, int, str | None]] = []
    units: list[tuple[int, int]] = []
    pos = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        units.extend(_paragraph_lines(text, pos, end))
        pos = brk.end() if brk else len(text)
    open_list = False
    skip_to = 0
    for position, (unit_start, unit_end) in enumerate(units):
        if position < skip_to:
            continue  # a name already taken into the clause above it
        unit = text[unit_start:unit_end]
        marker = _LIST_MARKER.match(unit.lstrip())
        if _BE_VERB.search(unit):
            pass
        elif not (open_list and marker):
            open_list = False
            continue
        label = marker.group(1) if marker else None
        start = unit_start + (len(unit) - len(unit.lstrip()))
        if marker:
            start += marker.end()
        body = text[start:unit_end]
        start += len(body) - len(body.lstrip())
        stop = start + len(text[start:unit_end].rstrip())
        if stop > start:
            if _BE_VERB.search(unit) and text[start:stop].endswith(":"):
                names = _names_after(text, units, position + 1)
                if names:
                    stop = units[position + names][0] + len(
                        text[slice(*units[position + names])].rstrip()
                    )
                    skip_to = position + names + 1
            spans.append((start, stop, label))
            if _BE_VERB.search(unit):
                open_list = text[start:stop].endswith(":")
    return spans


def _names_after(text: str, units: list[tuple[int, int]], first: int) -> int:
    """How many units from ``first`` on form a list of names, or 0 when the run of entries
    after a colon holds anything else (then its marked entries are sub-items, as before)."""
    count = 0
    for unit_start, unit_end in units[first:]:
        unit = text[unit_start:unit_end].strip()
        marker = _LIST_MARKER.match(unit)
        entry = unit[marker.end() :] if marker else unit
        if _BE_VERB.search(unit) or unit.startswith((">", "#", "|", "[", "*")):
            break
        if not _is_name_line(entry):
            return 0 if marker else count  # a marked non-name: a sub-list, not names
        count += 1
    return count


_NAME_JOINERS = {"and", "of", "de", "van", "von", "la", "le", "du", "da", "the"}
_NAME_MAX_WORDS = 6


def _is_name_line(line: str) -> bool:
    """Is ``line`` one entry of a list of people or bodies ("Councillor S. Trosow", "Jared
    Zaifman; and")? Capitalised words (initials and name particles allowed), no figures."""
    core = re.sub(r"[;,.]?\s*(?:and|or)?\s*$", "", line.strip())
    words = core.split()
    if not words or len(words) > _NAME_MAX_WORDS or core.startswith((">", "#", "|", "[", "*")):
        return False
    if any(ch.isdigit() for ch in core):
        return False
    return all(w[:1].isupper() or w in _NAME_JOINERS for w in words) and words[0][:1].isupper()


def _paragraph_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph at quote-block or list-marker lines; wrapped prose stays together.

    Markdown puts one motion clause per line; printed PDFs wrap one clause over many lines.
    A new line starting with a list marker or ``>`` begins a new unit.
    """
    units: list[tuple[int, int]] = []
    unit_start = start
    offset = start
    for line in text[start:end].split("\n"):
        line_end = offset + len(line)
        stripped = line.lstrip()
        starts_unit = bool(_LIST_MARKER.match(stripped) or stripped.startswith(">"))
        if starts_unit and offset > unit_start:
            units.append((unit_start, offset - 1))
            unit_start = offset
        offset = line_end + 1
    if end > unit_start:
        units.append((unit_start, end))
    return units


def _trim_disposition(run: str) -> int:
    """Length of the run once trailing numbers and spaces are dropped (it must end on a word)."""
    words = list(re.finditer(r"\S+", run))
    while words and not re.search(r"[A-Z]", words[-1].group(0)):
        words.pop()
    return words[-1].end() if words else 0


def _has_two_caps_words(span: str) -> bool:
    """A lone capital word (``CONFIRMED``) only counts if it is an all-caps disposition."""
    words = span.split()
    return len(words) >= 2 or (len(words) == 1 and words[0] in _DISPOSITION_VERBS)
