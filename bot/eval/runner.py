"""``minutes-bot eval FILE.jsonl``: the full pipeline beside its single-signal baselines.

All run in one process over one index, with the same question understanding, filters,
abstention rule, lead selection and passage picking, so the columns differ only in how items
are retrieved (the pipelines of :mod:`bot.search.pipelines`). Figures are printed overall and
per question kind (:func:`bot.eval.table.report`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.answer import abstain
from bot.answer.matches import to_match
from bot.answer.models import Answer, ItemMatch
from bot.answer.service import Answerer
from bot.eval.dataset import EvalCase, load_cases
from bot.eval.metrics import CaseResult, Summary, by_kind, is_hit, score_case, summarise
from bot.eval.table import calibration_table, misses_table, report
from bot.search.pipelines import HYBRID, baselines, standard
from bot.settings import Settings

K = 5


@dataclass
class RunResult:
    """``summaries`` per pipeline; ``kinds`` per pipeline, per question kind (and "all")."""

    summaries: dict[str, Summary]
    results: dict[str, list[CaseResult]]
    table: str
    kinds: dict[str, dict[str, Summary]] = field(default_factory=dict)


def run(
    cases: Sequence[EvalCase],
    settings: Settings,
    *,
    only: Sequence[str] | None = None,
    today: date | None = None,
    thresholds: abstain.Thresholds = abstain.DEFAULT,
) -> RunResult:
    """Every pipeline (the product first, then the baselines), or the ones named in ``only``."""
    from index.embeddings import shared_embedder
    from index.store import open_store
    from index.units import unit_table_for

    store = open_store(settings)
    embedder = shared_embedder(settings.model_path, settings.embed_batch_size)
    lexical = unit_table_for(settings)
    embedder.embed_query("warm up")  # model load is start-up cost, not answer latency
    lexical.search("warm up", 1)
    today = today or latest_meeting_date(store)
    pipelines = [standard(store, embedder, lexical), *baselines(store, embedder, lexical)]
    expected = expected_items(store, cases)
    results: dict[str, list[CaseResult]] = {}
    for pipeline in pipelines:
        if only is not None and pipeline.name not in only:
            continue
        answerer = Answerer(
            settings,
            store,
            pipeline=pipeline,
            lexical=lexical,
            thresholds=thresholds,
            today=today,
        )
        results[pipeline.name] = [
            _run_case(answerer, store, case, expected.get(case.id, [])) for case in cases
        ]
    summaries = {name: summarise(rs) for name, rs in results.items()}
    kinds = by_kind(results)
    return RunResult(summaries, results, report(summaries, kinds), kinds)


def _run_case(answerer: Answerer, store, case: EvalCase, stored: list[ItemMatch]) -> CaseResult:
    started = time.perf_counter()
    answer = answerer.ask(case.question, limit=K)
    latency = time.perf_counter() - started
    items = store.get_items(shown_item_ids(answer))
    texts = {i: it.text for i, it in items.items()}
    return score_case(case, answer, latency, texts, k=K, stored=stored)


def shown_item_ids(answer: Answer) -> list[str]:
    """The items whose text a shown quote must come from: the lead's and each match's."""
    ids = [answer.lead.item_id] if answer.lead else []
    return ids + [m.item_id for m in answer.matches]


def expected_items(store, cases: Sequence[EvalCase]) -> dict[str, list[ItemMatch]]:
    """Each answerable case's expected item as the index holds it (its extracted units,
    verified verbatim), so extraction recall does not depend on retrieving it."""
    from index.schema import decode_item

    got = store.items.get(include=["metadatas"])
    metas = [
        (iid, decode_item(m or {})) for iid, m in zip(got["ids"], got["metadatas"], strict=True)
    ]
    out: dict[str, list[ItemMatch]] = {}
    for case in cases:
        if not case.answerable:
            continue
        ids = [
            iid
            for iid, meta in metas
            if is_hit(
                ItemMatch(iid, meta.source_path, meta.title, "", 0.0, item_number=meta.number), case
            )
        ]
        items = store.get_items(ids)
        out[case.id] = [to_match(items[i], 0.0) for i in ids if i in items]
    return out


def latest_meeting_date(store) -> date | None:
    """Questions are written against a corpus, so "since January" means the corpus's January."""
    stats = store.stats()
    return date.fromisoformat(stats.last_date) if stats.last_date else None


def calibrate(cases: Sequence[EvalCase], settings: Settings, *, today: date | None = None) -> str:
    """Abstention trade-off over a grid of thresholds, for choosing the defaults in abstain.py.

    One run answers everything and records the top candidate's evidence; each grid point then
    decides from that evidence alone, which is exactly what :class:`Answerer` does.
    """
    probe = run(cases, settings, only=(HYBRID,), today=today, thresholds=abstain.ACCEPT_ALL)
    observed = probe.results[HYBRID]
    rows = []
    for min_confidence in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        for weight in (0.0, 0.25, 0.5, 0.75, 1.0):
            t = replace(abstain.DEFAULT, min_confidence=min_confidence, coverage_weight=weight)
            simulated = []
            for r in observed:
                ok = r.evidence is not None and abstain.should_answer(r.evidence, t)
                simulated.append(replace(r, answered=ok, rank=r.rank if ok else None))
            rows.append((t, summarise(simulated)))
    rows.sort(key=lambda row: -(row[1].recall_at_5 + row[1].abstain_recall))
    return calibration_table(rows[:25])


def main(
    file: Path,
    settings: Settings,
    *,
    index: Sequence[Path] = (),
    today: date | None = None,
    show_misses: bool = False,
    do_calibrate: bool = False,
    out: TextIO | None = None,
) -> RunResult | None:
    out = out or sys.stdout
    cases = load_cases(file)
    if index:
        from index.indexer import index_paths

        summary = index_paths(list(index), settings)
        out.write(
            f"indexed {len(summary.outcomes)} files "
            f"({len(summary.skipped)} skipped) into {settings.data_dir}\n"
        )
    if do_calibrate:
        out.write(calibrate(cases, settings, today=today) + "\n")
        return None
    result = run(cases, settings, today=today)
    out.write(f"{file}: {len(cases)} questions\n\n{result.table}\n")
    if show_misses:
        out.write("\n" + misses_table(result.results[HYBRID]) + "\n")
    return result
