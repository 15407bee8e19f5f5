"""Find the sentences of an item that say when something happens: dates and deadlines.

"When will the plan be finished?" is answered by a sentence in the discussion, not by a
resolution: "The final iteration of the plan was due to be completed by June 2024", "… due
to be presented to the Audit Committee on 23rd January 2025", "… was due to run for eight
weeks until 12th March", "… the service will move to the Adults Directorate from 1 April
2025". Each becomes a :class:`DatedStatement`: the sentence verbatim and the date phrase as
printed in it.

A sentence qualifies when it carries a date (a day and month, a month and year, the end of a
month or year, a season and year) after a word that makes it a deadline or a start ("by",
"until", "before", "no later than", "from", "with effect from"), or after "on"/"in"/"at"
when the sentence also looks ahead ("due", "scheduled", "expected", "would", "will"). A date
that only says when something already happened ("the meeting held on 30 July 2024") is left
alone. Sentences inside a resolution are left to the resolution: this is the discussion's
share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.extract.text import Line, split_lines, standalone_asides
from index.lexicon import MONTH_NAMES, sentence_spans
from index.models import DatedStatement, Resolution

_S = r"[\s\u00a0]+"  # printed minutes wrap dates over lines: "23rd\nJanuary 2025"
_MONTH = "(?:" + "|".join([*MONTH_NAMES, *(m.upper() for m in MONTH_NAMES), "Sept"]) + r")\b"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}(?![-–/]?\d)"  # not "2026-27", a financial year
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)"

_DATE = rf"""(?:
    {_DAY}{_S}{_MONTH}(?:,?{_S}{_YEAR})?                  # 23rd January 2025, 12th March
  | (?:the{_S})?{_DAY}{_S}of{_S}{_MONTH}(?:,?{_S}{_YEAR})?  # the 23rd of November
  | {_MONTH}{_S}{_DAY}\b(?:,{_S}{_YEAR})?                 # May 31, 2025
  | {_MONTH}{_S}{_YEAR}                                  # June 2024
  | (?:the{_S})?end{_S}of{_S}(?:the{_S})?
    (?:{_MONTH}(?:{_S}{_YEAR})?|{_YEAR}|financial{_S}year|calendar{_S}year|year)
  | {_SEASON}{_S}{_YEAR}                                 # spring 2026
)"""
_UNTIL = rf"(?:by|until|till|before|no{_S}later{_S}than|not{_S}later{_S}than)"
_DEADLINE = rf"(?:{_UNTIL}|from|starting|commencing|effective|after|with{_S}effect{_S}from)"
_SCHEDULED = r"(?:on|in|at|during|for)"

# After a deadline word a bare month may stand alone ("from September", "by June").
_DEADLINE_RE = re.compile(rf"\b{_DEADLINE}{_S}(?:{_DATE}|{_MONTH})", re.VERBOSE)
_SCHEDULED_RE = re.compile(rf"\b{_SCHEDULED}{_S}{_DATE}", re.VERBOSE)
# A bare year only says "by 2030" when the sentence looks ahead: "served from 2005 to 2017"
# and "births dropped to 15,000 by 2023" are history.
_BY_YEAR_RE = re.compile(rf"\b{_UNTIL}{_S}{_YEAR}\b")
_PHRASES = (_DEADLINE_RE, _SCHEDULED_RE, _BY_YEAR_RE)
_LOOKS_AHEAD_RE = re.compile(
    r"\b(?:due|scheduled|expected|would|will|shall|planned|deadline|intends?|intended"
    r"|anticipated|proposed|set\s+to|going\s+to|next)\b"
)
_LEAD_RE = re.compile(r"(?:\(\w{1,4}\)|\w{1,4}[.)]|[•·▪o*-])[\s\u00a0]+")
_SENTENCE_END = ".!?:;"


def extract_dated(text: str, resolutions: Sequence[Resolution] = ()) -> list[DatedStatement]:
    """The dated sentences of ``text`` in order, each once; every ``text`` and ``when`` is an
    exact slice of ``text``."""
    decided = [q for r in resolutions for q in (r.text, r.quote) if q]
    found: list[DatedStatement] = []
    seen: set[str] = set()
    for run_start, run_end in _runs(split_lines(text)):
        if not any(p.search(text, run_start, run_end) for p in _PHRASES):
            continue  # no date phrase in the paragraph: no need to split it into sentences
        for start, end in sentence_spans(text, run_start, run_end):
            start = _after_lead(text, start, end)
            sentence = text[start:end]
            when = dated_phrase(sentence)
            if when is None or sentence in seen or any(_overlap(sentence, r) for r in decided):
                continue
            seen.add(sentence)
            found.append(DatedStatement(text=sentence, when=when))
    return found


def dated_phrase(sentence: str) -> str | None:
    """The date phrase that makes ``sentence`` a dated statement, as printed, else None.

    A deadline or start ("until 12th March") wins over a scheduled date ("launched on 16th
    January"); a scheduled date or a bare year ("by 2030") counts only when the sentence
    looks ahead.
    """
    deadline = _DEADLINE_RE.search(sentence)
    if deadline is not None:
        return deadline.group(0)
    if not _LOOKS_AHEAD_RE.search(sentence):
        return None
    scheduled = _SCHEDULED_RE.search(sentence) or _BY_YEAR_RE.search(sentence)
    return scheduled.group(0) if scheduled is not None else None


def _overlap(sentence: str, resolution: str) -> bool:
    """Is the sentence part of a decision ("RESOLVED that … on 13th February"), or the
    decision part of it? Then the resolution answers for it."""
    return sentence in resolution or resolution in sentence


def _runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Paragraphs as (start, end): a line that does not end a sentence wraps onto the next
    one, unless the next starts a list entry. Blank lines end a paragraph, and a bracketed
    aside ("(For 5, Against 1, Abstain 0)") is a paragraph of its own."""
    runs: list[tuple[int, int]] = []
    previous = ""
    alone = standalone_asides(lines)
    for index, line in enumerate(lines):
        if line.blank:
            previous = ""
            continue
        wraps = bool(previous) and previous.rstrip()[-1:] not in _SENTENCE_END
        wraps = wraps and index - 1 not in alone and index not in alone
        if wraps and not _LEAD_RE.match(line.stripped):
            runs[-1] = (runs[-1][0], line.end)
        else:
            runs.append((line.start, line.end))
        previous = line.text
    return runs


def _after_lead(text: str, start: int, end: int) -> int:
    """Skip a list label ("(f) ", "1.    ") opening the sentence: it is not part of it."""
    match = _LEAD_RE.match(text, start, end)
    return match.end() if match else start
