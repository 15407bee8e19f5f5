"""Plain markdown tables, so what the evaluation prints can go into the README as it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.answer.abstain import Thresholds
from bot.eval.metrics import CaseResult, Summary

LABELS = {"hybrid": "full pipeline", "dense": "dense only", "lexical": "BM25 only"}
ROWS = (
    ("recall@1", "recall_at_1", "pct"),
    ("recall@5", "recall_at_5", "pct"),
    ("MRR", "mrr", "num"),
    ("expected quote in answer", "quote_found", "pct"),
    ("shown quotes verbatim", "quotes_verbatim", "pct"),
    ("abstention precision", "abstain_precision", "pct"),
    ("abstention recall", "abstain_recall", "pct"),
    ("median latency (ms)", "latency_median_ms", "ms"),
    ("p95 latency (ms)", "latency_p95_ms", "ms"),
)


def _fmt(value: float, kind: str) -> str:
    if kind == "pct":
        return f"{value * 100:.1f}%"
    if kind == "ms":
        return f"{value:.0f}"
    return f"{value:.3f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def results_table(summaries: Mapping[str, Summary]) -> str:
    modes = list(summaries)
    header = ["metric", *(LABELS.get(m, m) for m in modes)]
    base = modes[0]
    others = modes[1:]
    header += [f"{LABELS.get(base, base)} ÷ {LABELS.get(o, o)}" for o in others]
    lines = [_row(header), _row(["---"] * len(header))]
    for label, attr, kind in ROWS:
        values = [getattr(summaries[m], attr) for m in modes]
        row = [label, *(_fmt(v, kind) for v in values)]
        row += [_ratio(values[0], getattr(summaries[o], attr)) for o in others]
        lines.append(_row(row))
    first = summaries[base]
    lines.append("")
    lines.append(
        f"{first.n} questions: {first.answerable} answerable, {first.unanswerable} to abstain on; "
        f"{first.quotes_shown} quotes shown by the full pipeline."
    )
    return "\n".join(lines)


def misses_table(results: Sequence[CaseResult]) -> str:
    lines = [_row(["id", "kind", "answered", "rank", "quote", "top match"]), _row(["---"] * 6)]
    for r in results:
        wrong_abstain = r.case.answerable != r.answered
        if r.rank == 1 and r.quote_found is not False and not wrong_abstain:
            continue
        lines.append(
            _row(
                [
                    r.case.id,
                    r.case.kind or "",
                    "yes" if r.answered else "no",
                    str(r.rank or "–"),
                    {True: "yes", False: "no", None: "–"}[r.quote_found],
                    (r.top[0] if r.top else "").replace("|", "/"),
                ]
            )
        )
    return "\n".join(lines)


def calibration_table(rows: Sequence[tuple[Thresholds, Summary]]) -> str:
    header = ["min confidence", "coverage weight", "recall@5", "abst. P", "abst. R"]
    lines = [_row(header), _row(["---"] * len(header))]
    for t, s in rows:
        lines.append(
            _row(
                [
                    f"{t.min_confidence:.2f}",
                    f"{t.coverage_weight:.2f}",
                    f"{s.recall_at_5 * 100:.1f}%",
                    f"{s.abstain_precision * 100:.1f}%",
                    f"{s.abstain_recall * 100:.1f}%",
                ]
            )
        )
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
