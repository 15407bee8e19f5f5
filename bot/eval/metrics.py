"""Scoring one answer against one case, and summarising a run.

A match *hits* when its document path ends with the expected document and its item matches
the expected item: titles are compared after normalising case and whitespace, against both
"title" and "number. title", and a prefix is enough because the expected item may be cut short.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.answer.abstain import Evidence
from bot.answer.models import Answer, ItemMatch
from bot.eval.dataset import EvalCase


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
    """Every (item_id, quote) the answer shows: resolutions, actions, updates, votes, passages."""
    out: list[tuple[str, str]] = []
    for m in answer.matches:
        out += [(m.item_id, r.text) for r in m.resolutions]
        for a in m.actions:
            out.append((m.item_id, a.text))
            if a.update:
                out.append((m.item_id, a.update))
        out += [(m.item_id, v.text) for v in m.votes]
        out += [(m.item_id, p) for p in m.passages]
    return out


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


def score_case(
    case: EvalCase,
    answer: Answer,
    latency_s: float,
    item_texts: dict[str, str],
    *,
    k: int = 5,
) -> CaseResult:
    matches = answer.matches[:k]
    rank = first_hit_rank(matches, case) if case.answerable else None
    shown = quotes_of(answer)
    verbatim = sum(1 for item_id, q in shown if q and q in item_texts.get(item_id, ""))
    quote_found = None
    if case.answerable and case.expected_quote:
        quote_found = any(case.expected_quote in q for _, q in shown)
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
    )


@dataclass(frozen=True)
class Summary:
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

    def as_dict(self) -> dict[str, float | int]:
        return dict(self.__dict__)


def summarise(results: Iterable[CaseResult]) -> Summary:
    results = list(results)
    pos = [r for r in results if r.case.answerable]
    neg = [r for r in results if not r.case.answerable]
    with_quote = [r for r in pos if r.quote_found is not None]
    abstained = [r for r in results if not r.answered]
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
    )


def _ratio(num: float, den: int) -> float:
    return num / den if den else 0.0


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]
