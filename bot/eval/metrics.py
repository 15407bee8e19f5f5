"""Scoring one answer against one case, and summarising a run, overall and per question kind.

A match *hits* when its document path ends with the expected document and its item matches
the expected item: titles are compared after normalising case and whitespace, against both
"title" and "number. title", and a prefix is enough because the expected item may be cut short.

What each figure asks of an answer (see :func:`score_case`):

- **lead answer holds the expected quote**: the one-line answer (``Answer.lead``) quotes it;
- **owner named correctly**: ``answer_owner`` is the lead's owner or the owner of an action in
  the first match (:func:`owner_matches`, tolerant of titles, case and qualifiers);
- **extraction recall**: the expected quote lies inside a resolution, action, vote or dated
  statement extracted from the right item, or inside a passage the answer shows for it. The
  right item's units are read from the index when the answer does not show it, so this
  measures the extractors, not retrieval (passages still need the item to be shown);
- **false abstention**: an answerable question answered "no decision found".
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.answer.abstain import Evidence
from bot.answer.models import Answer, ItemMatch
from bot.eval.dataset import UNANSWERABLE, EvalCase
from index.words import tokenize

# The question kinds of the evaluation files, in the order tables list them; a kind not named
# here (e.g. "figure") follows the named answerable ones, in the order it first appears.
KINDS = ("resolution", "action_owner", "vote", "date", "history", UNANSWERABLE)
OVERALL = "all"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().casefold()


def _norm_path(path: str) -> str:
    return path.replace("\\", "/")


def item_matches(match: ItemMatch, expected_item: str) -> bool:
    want = _norm(expected_item)
    if not want:
        return False
    title = _norm(match.item_title)
    names = [title]
    if match.item_number:
        number = _norm(match.item_number)
        names += [f"{number}. {title}", f"{number} {title}", f"{number}.{title}"]
    for name in names:
        if not name:
            continue
        if name == want or name.startswith(want) or want.startswith(name):
            return True
    return False


def is_hit(match: ItemMatch, case: EvalCase) -> bool:
    if not case.doc or not case.item:
        return False
    return _norm_path(match.source_path).endswith(_norm_path(case.doc)) and item_matches(
        match, case.item
    )


def first_hit_rank(matches: Sequence[ItemMatch], case: EvalCase) -> int | None:
    for rank, match in enumerate(matches, start=1):
        if is_hit(match, case):
            return rank
    return None


def quotes_of(answer: Answer) -> list[tuple[str, str]]:
    """Every (item_id, quote) the answer shows: the lead line, then each match's resolutions,
    actions, updates, votes (the motion each decided: a vote is shown as its motion quoted
    beside a tally summary) and passages. Related items are offered by title only."""
    out: list[tuple[str, str]] = []
    if answer.lead is not None:
        out.append((answer.lead.item_id, answer.lead.quote))
    for m in answer.matches:
        out += [(m.item_id, r.text) for r in m.resolutions]
        for a in m.actions:
            out.append((m.item_id, a.text))
            if a.update:
                out.append((m.item_id, a.update))
        out += [(m.item_id, v.motion) for v in m.votes if v.motion]  # shown with its motion
        out += [(m.item_id, p) for p in m.passages]
    return out


def unit_texts(match: ItemMatch) -> list[str]:
    """What the extractors made of an item, every quotable text of it (as bench/extraction.py
    counts them): resolutions (with their marker quote), actions (quote, update), votes (the
    motion they decide) and dated statements."""
    texts = [t for r in match.resolutions for t in (r.text, r.quote)]
    texts += [t for a in match.actions for t in (a.text, a.quote, a.update)]
    texts += [t for v in match.votes for t in (v.text, v.motion)]
    texts += [d.text for d in match.dated]
    return [t for t in texts if t]


# Honorifics and offices' courtesy words that one mention of a person may carry and another not.
_TITLES = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|prof|professor|cllr|councillor|councilor|sir|dame|lord|lady)\b\.?",
    re.IGNORECASE,
)
# Where an owner phrase turns from who to how: "Director of Finance, after consultation with …",
# "Monitoring Officer (once Medway Council have agreed …)".
_QUALIFIER = re.compile(r"[,(;]|\s[-–—]\s")


def _name_tokens(text: str) -> set[str]:
    return set(tokenize(_TITLES.sub(" ", text.replace("&", " and "))))


def owner_matches(expected: str, shown: str) -> bool:
    """Whether ``shown`` names the owner ``expected`` names: the words of one (titles, case and
    stop words aside) all occur in the other, comparing against the expected owner before its
    qualifiers, so "the Leader", a consultee in "Director of Public Health, in consultation
    with … the Leader", is not taken for the owner."""
    want = _name_tokens(_QUALIFIER.split(expected, maxsplit=1)[0]) or _name_tokens(expected)
    got = _name_tokens(shown)
    if not want or not got:
        return False
    return want <= got or got <= want


def owner_named(expected: str, answer: Answer) -> bool:
    """The lead's owner, or an action owner of the first match, is the expected owner."""
    shown = [answer.lead.owner] if answer.lead and answer.lead.owner else []
    if answer.matches:
        shown += [a.owner for a in answer.matches[0].actions if a.owner]
    return any(owner_matches(expected, s) for s in shown)


def quote_extracted(
    quote: str, answer: Answer, case: EvalCase, stored: Sequence[ItemMatch] = ()
) -> bool:
    """The quote lies inside a unit of the right item (shown, or as stored), or inside a
    passage the answer shows for it."""
    shown = [m for m in answer.matches if is_hit(m, case)]
    units = [t for m in [*shown, *stored] for t in unit_texts(m)]
    passages = [p for m in shown for p in m.passages]
    return any(quote in t for t in units + passages)


@dataclass
class CaseResult:
    case: EvalCase
    answered: bool
    rank: int | None
    quote_found: bool | None  # None when the case has no expected quote
    quotes_shown: int
    quotes_verbatim: int
    latency_s: float
    top: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    led: bool = False  # the answer starts with a lead line
    lead_quote: bool | None = None  # the lead line holds the expected quote (None: no quote)
    extracted: bool | None = None  # the expected quote is in an extracted unit or shown passage
    owner_named: bool | None = None  # None when the case names no owner
    lead_kind: str | None = None


def score_case(
    case: EvalCase,
    answer: Answer,
    latency_s: float,
    item_texts: dict[str, str],
    *,
    k: int = 5,
    stored: Sequence[ItemMatch] = (),
) -> CaseResult:
    """``item_texts`` maps shown item IDs (matches and the lead's item) to their verbatim text;
    ``stored`` is the right item as the index holds it, for extraction recall."""
    matches = answer.matches[:k]
    rank = first_hit_rank(matches, case) if case.answerable else None
    shown = quotes_of(answer)
    verbatim = sum(1 for item_id, q in shown if q and q in item_texts.get(item_id, ""))
    quote_found = lead_quote = extracted = None
    if case.answerable and case.expected_quote:
        quote = case.expected_quote
        quote_found = any(quote in q for _, q in shown)
        lead_quote = answer.lead is not None and quote in answer.lead.quote
        extracted = quote_extracted(quote, answer, case, stored)
    owner = None
    if case.answerable and case.answer_owner:
        owner = answer.found and owner_named(case.answer_owner, answer)
    return CaseResult(
        case=case,
        answered=answer.found,
        rank=rank,
        quote_found=quote_found,
        quotes_shown=len(shown),
        quotes_verbatim=verbatim,
        latency_s=latency_s,
        top=[f"{m.source_path.rsplit('/', 1)[-1]} | {m.item_title[:60]}" for m in matches[:3]],
        evidence=answer.evidence,
        led=answer.found and answer.lead is not None,
        lead_quote=lead_quote,
        extracted=extracted,
        owner_named=owner,
        lead_kind=answer.lead.kind if answer.lead else None,
    )


@dataclass(frozen=True)
class Summary:
    """A run's figures. Counts say which figures apply: a rate over zero cases is shown as "–"
    in tables (see :data:`bot.eval.table.APPLIES`); its value here is then 0.0 (1.0 for the
    figures that count failures, so a set without such cases is not scored as failing)."""

    n: int
    answerable: int
    unanswerable: int
    recall_at_1: float
    recall_at_5: float
    mrr: float
    quote_found: float
    quotes_verbatim: float
    quotes_shown: int
    abstain_precision: float
    abstain_recall: float
    latency_median_ms: float
    latency_p95_ms: float
    with_quote: int = 0  # answerable cases with an expected quote
    owner_cases: int = 0  # answerable cases naming the expected owner
    answered: int = 0
    false_abstention: float = 0.0  # answerable questions refused, of all answerable
    lead_quote: float = 0.0
    extraction_recall: float = 0.0
    owner_named: float = 0.0
    led: float = 0.0  # answered questions whose reply starts with a lead line


def summarise(results: Iterable[CaseResult]) -> Summary:
    results = list(results)
    pos = [r for r in results if r.case.answerable]
    neg = [r for r in results if not r.case.answerable]
    with_quote = [r for r in pos if r.quote_found is not None]
    owners = [r for r in pos if r.owner_named is not None]
    abstained = [r for r in results if not r.answered]
    answered = [r for r in results if r.answered]
    shown = sum(r.quotes_shown for r in results)
    verbatim = sum(r.quotes_verbatim for r in results)
    latencies = sorted(r.latency_s * 1000 for r in results)
    return Summary(
        n=len(results),
        answerable=len(pos),
        unanswerable=len(neg),
        recall_at_1=_ratio(sum(1 for r in pos if r.rank == 1), len(pos)),
        recall_at_5=_ratio(sum(1 for r in pos if r.rank is not None and r.rank <= 5), len(pos)),
        mrr=_ratio(sum(1 / r.rank for r in pos if r.rank), len(pos)),
        quote_found=_ratio(sum(1 for r in with_quote if r.quote_found), len(with_quote)),
        quotes_verbatim=_ratio(verbatim, shown) if shown else 1.0,
        quotes_shown=shown,
        abstain_precision=_ratio(sum(1 for r in abstained if not r.case.answerable), len(abstained))
        if abstained
        else 1.0,
        abstain_recall=_ratio(sum(1 for r in neg if not r.answered), len(neg)) if neg else 1.0,
        latency_median_ms=statistics.median(latencies) if latencies else 0.0,
        latency_p95_ms=_percentile(latencies, 0.95),
        with_quote=len(with_quote),
        owner_cases=len(owners),
        answered=len(answered),
        false_abstention=_ratio(sum(1 for r in pos if not r.answered), len(pos)),
        lead_quote=_ratio(sum(1 for r in with_quote if r.lead_quote), len(with_quote)),
        extraction_recall=_ratio(sum(1 for r in with_quote if r.extracted), len(with_quote)),
        owner_named=_ratio(sum(1 for r in owners if r.owner_named), len(owners)),
        led=_ratio(sum(1 for r in answered if r.led), len(answered)),
    )


def kind_of(case: EvalCase) -> str:
    """A case's kind; an unlabelled case is known only by whether it can be answered."""
    return case.kind or (UNANSWERABLE if not case.answerable else "other")


def summarise_by_kind(results: Iterable[CaseResult]) -> dict[str, Summary]:
    """One summary per question kind (:data:`KINDS` order, then any others), then overall."""
    results = list(results)
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        groups.setdefault(kind_of(r.case), []).append(r)
    named = [k for k in KINDS if k in groups and k != UNANSWERABLE]
    order = named + [k for k in groups if k not in KINDS]
    order += [UNANSWERABLE] if UNANSWERABLE in groups else []
    return {**{k: summarise(groups[k]) for k in order}, OVERALL: summarise(results)}


def by_kind(results: Mapping[str, Sequence[CaseResult]]) -> dict[str, dict[str, Summary]]:
    """Per pipeline, per kind."""
    return {name: summarise_by_kind(rs) for name, rs in results.items()}


def _ratio(num: float, den: int) -> float:
    return num / den if den else 0.0


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]
