"""What the lead line shows of the unit :mod:`bot.answer.lead` chose: the clause that answers.

A resolution quoted whole can open with what the body believed or noted before saying what it
did ("Council believes that … noting that … Council therefore resolves to allocate £1.2
million …"): the lead starts at the operative sentence instead, still a verbatim substring of
the minutes. An owner question answered by a resolution names the owner first, from the
item's action that the resolution holds. And the line is bounded: a quote longer than about
:data:`LEAD_CHARS` is shown as a verbatim prefix cut at a clause boundary, ending in "…"; the
full text is in the item below (one click away in Slack, "Show more").

General cues only: the motion's own structure (a sentence of belief or noting, then one that
resolves), clause punctuation and list markers; never phrases of particular questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer.models import ItemMatch, Lead, LeadKind
from index.words import STOPWORDS, tokenize

LEAD_CHARS = 300
"""About this many characters of quote on the lead line; a little more is kept whole."""
SLACK_CHARS = 40
"""A quote at most this much longer than :data:`LEAD_CHARS` is shown whole, not cut."""
ELLIPSIS = "…"

# A sentence that states a belief or what the body noted, not what it did: "Council believes
# that …", "This Council notes …", "Noting that …", "The Committee welcomes …".
_PREAMBLE = re.compile(
    r"^\W*(?:RESOLVED\b\W*(?:that\b)?\s*)?(?:[A-Za-z][\w'’-]*\s+){0,4}?"
    r"(?:believes?|notes?|noting|recognises?|recognizes?|recognising|recognizing|acknowledges?|"
    r"welcomes?|is concerned|considers?|regrets?|understands?|applauds?|is proud)\b",
    re.IGNORECASE,
)
# A sentence that does something: "… therefore resolves to …", "Council agrees to …",
# "calls on …", "requests …", "instructs …".
_OPERATIVE = re.compile(
    r"\b(?:resolves?|agrees?|calls? (?:on|upon)|requests?|instructs?|directs?|approves?|"
    r"decides?|commits?)\b",
    re.IGNORECASE,
)
# Where one sentence ends and the next begins: ". Council therefore resolves …"
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
# Clause boundaries a bounded quote may be cut at, best first: after a semicolon or colon, a
# list marker, a comma, a dash; then any space.
_BOUNDARIES = (
    re.compile(r"[;:](?=\s)"),
    re.compile(r"(?=\s+(?:\(?[a-z]{1,3}\)|\(?\d{1,2}[.)])\s)"),
    re.compile(r",(?=\s)"),
    re.compile(r"\s[–—-](?=\s)"),
)


# A list's parts, each starting a line: "a) …", "(2) …", "iii) …".
_PART = re.compile(r"(?m)^[ \t\xa0]*\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})\)[ \t\xa0]")
# A part that only notes or hands on (see bot.answer.lead_options.PROCEDURAL_PART).
_MINOR_PART = re.compile(
    r"^\W*(?:\(?\w{1,4}\)\W*)?(?:(?:to|and|the)\s+)?(?:notes?|noted|noting|delegates?|"
    r"delegated|comment)\b",
    re.IGNORECASE,
)


def listed_part(quote: str, question: str) -> str:
    """For a decision introduced by a lead-in ("That, on the recommendation of …, the
    following actions be taken …:", "County Council is asked to:") and made in listed parts,
    the part about the question: the one sharing most of its words, the first on a tie, a
    part that only notes or delegates only when no other shares as many. Otherwise the quote.
    """
    parts = list(_PART.finditer(quote))
    if len(parts) < 2 or not quote[: parts[0].start()].rstrip().endswith(":"):
        return quote
    asked = {t for t in tokenize(question) if t not in STOPWORDS}
    spans = [
        (m.start(), parts[n + 1].start() if n + 1 < len(parts) else len(quote))
        for n, m in enumerate(parts)
    ]

    def weight(span: tuple[int, int]) -> tuple[int, int]:
        text = quote[span[0] : span[1]]
        shared = len(asked & set(tokenize(text)))
        return shared, 0 if _MINOR_PART.search(text) else 1

    best = max(spans, key=weight)  # max keeps the first of equals
    return quote[best[0] : best[1]].strip(" \t\n\xa0;")


def operative(quote: str) -> str:
    """The quote from its operative sentence on, when it opens with sentences of belief or
    noting and a later one resolves; otherwise the quote as it is. Always a substring."""
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(quote))]
    if len(starts) < 2 or not _PREAMBLE.search(quote[: starts[1]]):
        return quote
    for n, start in enumerate(starts[1:], 1):
        end = starts[n + 1] if n + 1 < len(starts) else len(quote)
        sentence = quote[start:end]
        if _OPERATIVE.search(sentence) and not _PREAMBLE.search(sentence):
            return quote[start:]
        if not _PREAMBLE.search(sentence):
            return quote  # a sentence that is neither: not a motion's preamble
    return quote


def bounded(quote: str, limit: int = LEAD_CHARS, keep: str | None = None) -> str:
    """``quote`` if it is about ``limit`` characters or less, else its longest prefix of at
    most ``limit`` characters that ends at a clause boundary (or a word), with "…" added.
    ``keep`` (a date answer's date) is never cut off: the prefix runs on to a boundary after
    it, or to the word after it."""
    at = quote.find(keep) if keep else -1
    need = at + len(keep) if keep and at >= 0 else 0
    if need > limit:
        limit = need + SLACK_CHARS
    if len(quote) <= limit + SLACK_CHARS:
        return quote
    least = max(limit // 2, need)
    for boundary in _BOUNDARIES:
        cuts = [m.start() + (1 if m.group(0) else 0) for m in boundary.finditer(quote, 0, limit)]
        cuts = [c for c in cuts if least <= c <= limit]
        if cuts:
            return quote[: cuts[-1]].rstrip(" ,–—-") + ELLIPSIS
    cut = quote.rfind(" ", least, limit)
    if cut < 0:
        cut = need if need else limit
    return quote[:cut].rstrip(" ,") + ELLIPSIS


def shaped(
    lead: Lead | None,
    matches: Sequence[ItemMatch],
    owner_asked: bool,
    question: str = "",
    decision: bool = False,
) -> Lead | None:
    """The lead as the line shows it: a decision from its operative clause (the listed part
    about the question, the sentence that resolves), also when a ``decision`` question is
    answered by the motion a vote carried; an owner question answered by a resolution with
    the owner of the action it holds; the shown quote bounded."""
    if lead is None:
        return None
    quote = lead.quote
    if lead.kind in (LeadKind.RESOLUTION, LeadKind.DATE) and not lead.owner:
        quote = operative(quote)
    line = quote
    if decision and lead.kind in (*_DECIDED, LeadKind.VOTE) and not lead.owner:
        # the part of a listed decision about the question; the quote keeps every part
        line = operative(listed_part(quote, question))
    owner = lead.owner
    if owner_asked and not owner and lead.kind == LeadKind.RESOLUTION:
        owner = _owner_within(quote, lead.item_id, matches)
    # in place: fields set after construction (a vote's ``against``) stay as they are
    when = lead.when if lead.kind == LeadKind.DATE else None
    lead.quote, lead.owner, lead.shown = quote, owner, bounded(line, keep=when)
    return lead


_DECIDED = (LeadKind.RESOLUTION, LeadKind.DATE)


def _owner_within(quote: str, item_id: str, matches: Sequence[ItemMatch]) -> str | None:
    """The owner of the item's action that the quoted resolution holds (or that holds it)."""
    for m in matches:
        if m.item_id != item_id:
            continue
        for a in m.actions:
            if a.owner and a.text and (a.text in quote or quote in a.text):
                return a.owner
    return None
