"""Plain markdown tables, so what the evaluation prints can go into the README as it is.

Overall figures come one table per group (retrieval, answers, abstention, latency), with one
column per pipeline and the full pipeline's ratio to each baseline; then one table per
pipeline with a row per question kind. A figure that does not apply (recall on unanswerable
questions, owners where none is expected) shows "–".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bot.answer.abstain import Thresholds
from bot.eval.metrics import CaseResult, Summary

LABELS = {"hybrid": "full pipeline", "dense": "dense only", "lexical": "BM25 only"}
SHORT = {"hybrid": "full", "dense": "dense", "lexical": "BM25"}  # in ratio headers

# (label, Summary attribute, format) per group.
GROUPS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "Retrieval",
        (
            ("recall@1", "recall_at_1", "pct"),
            ("recall@5", "recall_at_5", "pct"),
            ("MRR", "mrr", "num"),
        ),
    ),
    (
        "Answers",
        (
            ("lead answer holds the expected quote", "lead_quote", "pct"),
            ("expected quote in answer", "quote_found", "pct"),
            ("extraction recall", "extraction_recall", "pct"),
            ("owner named correctly", "owner_named", "pct"),
            ("answers that lead with a line", "led", "pct"),
            ("shown quotes verbatim", "quotes_verbatim", "pct"),
        ),
    ),
    (
        "Abstention",
        (
            ("abstention recall", "abstain_recall", "pct"),
            ("false abstentions", "false_abstention", "pct"),
            ("abstention precision", "abstain_precision", "pct"),
        ),
    ),
    (
        "Latency",
        (
            ("median latency (ms)", "latency_median_ms", "ms"),
            ("p95 latency (ms)", "latency_p95_ms", "ms"),
        ),
    ),
)
ROWS = tuple(row for _, rows in GROUPS for row in rows)

# Which cases a figure is a rate over: with none, it does not apply.
APPLIES: dict[str, Callable[[Summary], int]] = {
    "recall_at_1": lambda s: s.answerable,
    "recall_at_5": lambda s: s.answerable,
    "mrr": lambda s: s.answerable,
    "false_abstention": lambda s: s.answerable,
    "lead_quote": lambda s: s.with_quote,
    "quote_found": lambda s: s.with_quote,
    "extraction_recall": lambda s: s.with_quote,
    "owner_named": lambda s: s.owner_cases,
    "led": lambda s: s.answered,
    "quotes_verbatim": lambda s: s.quotes_shown,
    "abstain_recall": lambda s: s.unanswerable,
    "abstain_precision": lambda s: s.n - s.answered,
}

# The per-kind tables: the figures that differ by kind, short labels to keep them narrow.
KIND_COLUMNS = (
    ("R@1", "recall_at_1", "pct"),
    ("R@5", "recall_at_5", "pct"),
    ("MRR", "mrr", "num"),
    ("lead quote", "lead_quote", "pct"),
    ("quote shown", "quote_found", "pct"),
    ("extracted", "extraction_recall", "pct"),
    ("owner", "owner_named", "pct"),
    ("abstained", "abstain_recall", "pct"),
    ("false abst.", "false_abstention", "pct"),
    ("p95 ms", "latency_p95_ms", "ms"),
)


def _fmt(value: float, kind: str) -> str:
    if kind == "pct":
        return f"{value * 100:.1f}%"
    if kind == "ms":
        return f"{value:.0f}"
    return f"{value:.3f}"


def _applies(summary: Summary, attr: str) -> bool:
    count = APPLIES.get(attr)
    return count is None or count(summary) > 0


def _cell(summary: Summary, attr: str, kind: str) -> str:
    return _fmt(getattr(summary, attr), kind) if _applies(summary, attr) else "–"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def _label(mode: str) -> str:
    return LABELS.get(mode, mode)


def results_table(
    summaries: Mapping[str, Summary],
    rows: Sequence[tuple[str, str, str]] = ROWS,
    *,
    footer: bool = True,
) -> str:
    """Metrics down, pipelines across, then the first pipeline ÷ each other one."""
    modes = list(summaries)
    base, others = modes[0], modes[1:]
    header = ["metric", *(_label(m) for m in modes)]
    header += [f"{SHORT.get(base, base)} ÷ {SHORT.get(o, o)}" for o in others]
    lines = [_row(header), _row(["---"] * len(header))]
    first = summaries[base]
    for label, attr, kind in rows:
        row = [label, *(_cell(summaries[m], attr, kind) for m in modes)]
        for o in others:
            both = _applies(first, attr) and _applies(summaries[o], attr)
            row.append(_ratio(getattr(first, attr), getattr(summaries[o], attr)) if both else "–")
        lines.append(_row(row))
    if footer:
        lines += ["", _footer(first)]
    return "\n".join(lines)


def kind_table(by_kind: Mapping[str, Summary]) -> str:
    """One pipeline: a row per question kind (and overall), the figures across."""
    header = ["kind", "n", *(label for label, _, _ in KIND_COLUMNS)]
    lines = [_row(header), _row(["---"] * len(header))]
    for kind, s in by_kind.items():
        lines.append(_row([kind, str(s.n), *(_cell(s, a, f) for _, a, f in KIND_COLUMNS)]))
    return "\n".join(lines)


def report(
    summaries: Mapping[str, Summary], kinds: Mapping[str, Mapping[str, Summary]] | None = None
) -> str:
    """Everything ``minutes-bot eval`` prints: the groups, then the kinds per pipeline."""
    parts = [
        f"### {title}\n\n{results_table(summaries, rows, footer=False)}" for title, rows in GROUPS
    ]
    for mode, table in (kinds or {}).items():
        parts.append(f"### By question kind: {_label(mode)}\n\n{kind_table(table)}")
    parts.append(_footer(summaries[next(iter(summaries))]))
    return "\n\n".join(parts)


def _footer(first: Summary) -> str:
    return (
        f"{first.n} questions: {first.answerable} answerable, {first.unanswerable} to abstain on"
        f" ({first.with_quote} with an expected quote, {first.owner_cases} naming an owner);"
        f" {first.quotes_shown} quotes shown by the full pipeline."
    )


def misses_table(results: Sequence[CaseResult]) -> str:
    """The questions the pipeline got wrong in any way, with what went wrong."""
    header = ["id", "kind", "answered", "rank", "quote", "lead", "owner", "extracted", "top match"]
    lines = [_row(header), _row(["---"] * len(header))]
    yn = {True: "yes", False: "no", None: "–"}
    for r in results:
        if not r.case.answerable and not r.answered:
            continue  # rightly refused
        fine = r.rank == 1 and r.quote_found is not False and r.lead_quote is not False
        if r.answered and fine and r.owner_named is not False:
            continue
        lines.append(
            _row(
                [
                    r.case.id,
                    r.case.kind or "",
                    "yes" if r.answered else "no",
                    str(r.rank or "–"),
                    yn[r.quote_found],
                    yn[r.lead_quote] + (f" ({r.lead_kind})" if r.lead_kind else ""),
                    yn[r.owner_named],
                    yn[r.extracted],
                    (r.top[0] if r.top else "").replace("|", "/"),
                ]
            )
        )
    return "\n".join(lines)


def calibration_table(rows: Sequence[tuple[Thresholds, Summary]]) -> str:
    header = ["min confidence", "coverage weight", "recall@5", "abst. P", "abst. R", "false abst."]
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
                    f"{s.false_abstention * 100:.1f}%",
                ]
            )
        )
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
