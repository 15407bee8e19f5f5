"""Whether an action is done, and the words that say so.

Two places say it. The action's own ``Update –`` line ("cleared as contact received", "in
progress, …"), which action logs carry forward meeting to meeting; and a later meeting of the
same body that reports back ("The Head of Libraries reported back on the library opening hours
review", "The equality impact assessment had been shared with Board Members in July"). The
second is recognised by a past-tense delivery verb in a sentence that shares the action's
subject words and names its owner or most of its subject; the sentence is quoted as the update,
so a reader can judge it. Sentences that are themselves actions or updates are left to the
action log reading (:mod:`.register`), which matches them to the action they repeat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.register.models import Status
from index.lexicon import sentence_spans

_DONE_UPDATE_RE = re.compile(
    r"^\W*(?:cleared|completed?|closed|done|delivered|actioned|achieved|superseded|"
    r"no\s+longer\s+required|resolved)\b",
    re.IGNORECASE,
)
_DELIVERED_RE = re.compile(
    r"\b(?:reported\s+back|(?:had|has|have)\s+(?:now\s+)?been\s+(?:shared|circulated|sent|"
    r"completed|published|provided|presented|delivered|agreed|submitted|received|arranged|"
    r"issued|held|finalised|cleared)|was\s+(?:shared|circulated|sent|completed|published|"
    r"provided|presented|delivered|submitted|issued|cleared)|(?:presented|circulated|"
    r"published|delivered|completed|submitted)\s+the\b)",
    re.IGNORECASE,
)
_LOG_LINE_RE = re.compile(r"^\W*(?:Action|ACTION|Update|UPDATE)\b")
_STOP = {
    "the", "a", "an", "of", "and", "to", "for", "on", "in", "at", "by", "with", "be", "is",
    "are", "was", "were", "that", "this", "its", "their", "back", "report", "reported", "any",
    "as", "from", "into", "all", "it", "has", "had", "have", "been", "will", "would", "should",
    "next", "meeting", "months", "month", "weeks", "once", "update", "provide", "board",
    "agreed", "asked", "requested", "two", "three", "four", "six", "nine", "twelve", "members",
    "assured", "promised", "undertook", "being", "before", "after", "began", "begins", "which",
    "when", "there", "also", "could", "may", "can", "must", "shall", "them", "they", "made",
}  # fmt: skip


def status_of_update(update: str | None) -> str:
    """``Update – cleared …`` is done; any other update leaves the action open."""
    if not update:
        return Status.NO_UPDATE
    return Status.DONE if _DONE_UPDATE_RE.match(update) else Status.OPEN


@lru_cache(maxsize=8192)
def subject_words(text: str) -> frozenset[str]:
    """The words that say what an action is about, for matching it to later reports (cached:
    each action is matched against every later item of its body)."""
    words = {w.lower().strip("'’") for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)}
    return frozenset(_stem(w) for w in words if w not in _STOP and len(w) > 2)


@dataclass(frozen=True)
class Report:
    """A sentence saying something was delivered: verbatim, ``text[start:]`` of its item."""

    sentence: str
    start: int
    subject: frozenset[str]
    words: frozenset[str]


def delivered_sentences(text: str) -> list[Report]:
    """The sentences of an item that use a past-tense delivery verb: read once per item, then
    matched against every earlier action of its body (:func:`reports_back`)."""
    found = []
    for line_start, line_end in _lines(text):
        if _LOG_LINE_RE.match(text[line_start:line_end]) or not _DELIVERED_RE.search(
            text, line_start, line_end
        ):
            continue
        for start, end in sentence_spans(text, line_start, line_end):
            sentence = text[start:end]
            if _DELIVERED_RE.search(sentence):
                words = frozenset(w.lower() for w in re.findall(r"\w+", sentence))
                found.append(Report(sentence, start, subject_words(sentence), words))
    return found


def reports_back(
    sentences: Iterable[Report],
    action_text: str,
    owner_words: Iterable[str] = (),
    *,
    minimum: int = 2,
) -> Report | None:
    """The first of ``sentences`` reporting ``action_text`` delivered, if any.

    It must share ``minimum`` subject words with the action (the owner's words aside), and
    either name the owner or share at least half of the action's subject words.
    """
    owner = {w.lower() for w in owner_words if len(w) > 2}
    wanted = subject_words(action_text) - {_stem(w) for w in owner}
    if len(wanted) < minimum:
        return None
    for report in sentences:
        shared = wanted & report.subject
        names_owner = bool(owner) and owner <= report.words
        if len(shared) >= minimum and (names_owner or len(shared) * 2 >= len(wanted)):
            return report
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _stem(word: str) -> str:
    """Enough stemming to meet "libraries"/"library", "shared"/"share"."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word
