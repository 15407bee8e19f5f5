"""The sentence or two of an item's minutes that best answer the question, quoted exactly.

Many answers are not in a resolution: a figure, a date, a vote tally, who said they would do
something. We split the item's verbatim text into sentence-like segments *by offsets* (never
by rewriting it), score each against the question, and return ``text[start:end]`` slices, so
every passage is an exact substring of the item text by construction.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.answer.reading import Words
from index.lexicon import MONTH_NAME_RE, is_abbreviation, sentence_breaks
from index.words import tokenize

# Besides sentence ends (index.lexicon), a passage is cut after a clause ending in ";" or ":",
# at a blank line, after a line ending a sentence (PDF text wraps at full stops), and before a
# line opening a bullet, a numbered paragraph, a markdown table row or heading, or a vote.
_CLAUSE_END = re.compile(r"[;:][\"”’)]?(?=[ \t\u00a0]+[A-Z“\"‘(£$€\d•·])")
_LINE_END = re.compile(r"[.!?][ \t\u00a0]*\n(?=[ \t\u00a0]*\S)")
_LAYOUT_BREAK = re.compile(
    r"\n[ \t\u00a0]*\n"
    r"|\n(?=[ \t\u00a0]*(?:[•·▪\-*o]\s|\(?[a-z0-9]{1,3}[.)]\s|\||#|Action\b|Update\b|RESOLVED|"
    r"Motion|Moved|Seconded|Yeas|Nays|For\s*\(|Against\s*\(|Abstain))"
)
MAX_PASSAGE_CHARS = 420
MIN_PASSAGE_CHARS = 60

_VOTE = re.compile(
    r"Motion (?:Passed|Carried|Failed|Lost)|\bYeas\b|\bNays\b|\bFor \(\d+\)|\bAgainst \(\d+\)|"
    r"\bcarried\b|\blost\b|\(\d+ to \d+\)|\(Y-\d+\)|unanimous|Recuse|Absent:",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"[$£€]\s?\d|\d[\d,]*\.\d\d\b|\b\d+(?:\.\d+)?\s?%|\bmillion\b|\b\d+m\b")
_DATE = re.compile(
    rf"\b{MONTH_NAME_RE}\b|"
    r"\b(?:19|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\b|\buntil\b|\bby the end\b|"
    r"\bdue\b|\bdeadline\b",
    re.IGNORECASE,
)
_OWNER = re.compile(
    r"\bagreed to\b|\bwould\b|\bwill\b|\bto bring\b|\bBE (?:REQUESTED|DIRECTED|ASKED)\b|"
    r"^\s*Action\b|\bdelegat\w*|\bassured\b|\bundert\w+|\boffered\b|\bresponsib\w+|\bto lead\b|"
    r"\bto provide\b|\bto share\b|\bto report\b|\bto circulate\b|\bto contact\b",
    re.IGNORECASE | re.MULTILINE,
)
CUE_PATTERNS = {"vote": _VOTE, "amount": _AMOUNT, "date": _DATE, "person": _OWNER}
CUE_BONUS = 0.35


_LINK_ONLY = re.compile(r"\s*(?:[-*·•]\s*)?\[[^\]]*\]\(<?[^)\s]*>?\)[\s.;,]*")
"""A segment that is nothing but a Markdown link (London's minutes open an item with the
submission or report it considered, linked under its title)."""


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


def segments(text: str) -> list[Segment]:
    """Sentence-like spans of ``text``, trimmed of surrounding whitespace, in order.

    A full stop closing an abbreviation cuts nothing ("Councillor S. Trosow", "London Hydro
    Inc. BE HELD"): index.lexicon decides that, for the parsers and for us alike.
    """
    cuts = set(sentence_breaks(text))
    cuts.update(m.end() for m in _CLAUSE_END.finditer(text))
    cuts.update(
        m.start() + 1 for m in _LINE_END.finditer(text) if not is_abbreviation(text, m.start())
    )
    cuts.update(m.start() for m in _LAYOUT_BREAK.finditer(text))
    out: list[Segment] = []
    pos = 0
    for cut in sorted(cuts):
        _add(out, text, pos, cut)
        pos = cut
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Segment], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 3 and re.search(r"\w", text[start:end]):
        out.append(Segment(start, end))


def best_passages(
    question: Words,
    text: str,
    *,
    k: int = 2,
    cues: Iterable[str] = (),
    idf: Callable[[str], float] | None = None,
    exclude: Iterable[str] = (),
) -> list[str]:
    """Up to ``k`` verbatim passages of ``text`` for ``question``, best first.

    ``exclude`` holds quotes already shown (resolutions, actions); a passage wholly inside one
    of them adds nothing and is skipped. ``idf`` can supply corpus-wide weights; by default
    weights come from the item's own segments, which is enough to prefer rare words.
    """
    q_tokens = set(question.tokens)
    segs = segments(text)
    if not segs or not q_tokens:
        return []
    seg_tokens = [Counter(tokenize(text[s.start : s.end])) for s in segs]
    if idf is None:
        df = Counter(t for toks in seg_tokens for t in toks)
        n = len(segs)

        def idf(token: str) -> float:
            return math.log(1 + (n - df[token] + 0.5) / (df[token] + 0.5))

    cue_rx = [CUE_PATTERNS[c] for c in cues if c in CUE_PATTERNS]
    excluded = [e for e in exclude if e]
    scored: list[tuple[float, int]] = []
    for i, (seg, toks) in enumerate(zip(segs, seg_tokens, strict=True)):
        body = text[seg.start : seg.end]
        if any(_unlabelled(body) in e for e in excluded):
            continue  # restates a quote already shown, perhaps with its list label
        overlap = sum(idf(t) for t in q_tokens if t in toks)
        if overlap <= 0 or body.lstrip().startswith("#"):
            continue  # a heading repeats the title: it never answers anything
        if _LINK_ONLY.fullmatch(body):
            continue  # the link to a report, named after the topic: it answers nothing
        length = max(sum(toks.values()), 1)
        score = overlap / (1 + 0.25 * math.log(length))
        score *= 1 + CUE_BONUS * sum(1 for rx in cue_rx if rx.search(body))
        if "](" in body or body.count("|") > 2:
            score *= 0.3  # links to reports and table furniture name the topic, answer nothing
        scored.append((score, i))
    scored.sort(key=lambda x: (-x[0], x[1]))
    out: list[str] = []
    for _score, i in scored[:k]:
        out.append(_passage(text, segs, i, q_tokens))
    return _dedupe(out)


def _passage(text: str, segs: list[Segment], i: int, q_tokens: set[str]) -> str:
    """The segment itself, joined to the next when too short to stand alone, capped in size."""
    start, end = segs[i].start, segs[i].end
    introduces = text[end - 1] == ":"  # "the following actions be taken:" needs what follows
    if (end - start < MIN_PASSAGE_CHARS or introduces) and i + 1 < len(segs):
        nxt = segs[i + 1]
        if nxt.end - start <= MAX_PASSAGE_CHARS * (2 if introduces else 1):
            end = nxt.end
    if end - start > MAX_PASSAGE_CHARS * 2:
        start, end = _window(text, start, end, q_tokens)
    return text[start:end]


def _window(text: str, start: int, end: int, q_tokens: set[str]) -> tuple[int, int]:
    """The ``MAX_PASSAGE_CHARS`` window of a long segment holding most question words."""
    best = (start, min(end, start + MAX_PASSAGE_CHARS))
    best_hits = -1
    step = MAX_PASSAGE_CHARS // 4
    for a in range(start, max(start + 1, end - MAX_PASSAGE_CHARS + step), step):
        b = min(end, a + MAX_PASSAGE_CHARS)
        hits = len(q_tokens & set(tokenize(text[a:b])))
        if hits > best_hits:
            best, best_hits = (a, b), hits
    a, b = best
    # Snap to word boundaries inside the window so a quote never starts mid-word.
    while a > start and a < b and not text[a - 1].isspace():
        a += 1
    while b < end and b > a and not text[b].isspace():
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else best


_LABEL = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)][ \t\u00a0]*")


def _unlabelled(passage: str) -> str:
    return _LABEL.sub("", passage, count=1)


def _dedupe(passages: list[str]) -> list[str]:
    out: list[str] = []
    for p in passages:
        if any(p in q or q in p for q in out):
            continue
        out.append(p)
    return out
