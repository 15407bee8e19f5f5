"""Speed and memory of hybrid retrieval against its dense-only baseline, in the same run.

Usage: .venv/bin/python bench/retrieval.py --data-dir DIR [--questions FILE.jsonl] [--repeat N]

DIR is an index made by ``minutes-bot index``. Prints, per pipeline (hybrid, dense only, BM25
only): median and p95 latency of the retrieval step and of the whole ``ask`` (retrieval,
abstention, passages), with the hybrid ÷ dense ratio; then the lexical index's cold build from
the units stored in Chroma beside reading those units alone, and peak RSS.
Figures, not assertions: they depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bot.answer.service import Answerer
from bot.eval.dataset import load_cases
from bot.eval.runner import latest_meeting_date
from bot.search.dense import DENSE
from bot.search.pipelines import HYBRID, baselines, standard
from bot.settings import Settings
from index.embeddings import shared_embedder
from index.store import open_store
from index.units import UnitTable, unit_table_for

REPO = Path(__file__).resolve().parents[1]
DEFAULT_QUESTIONS = REPO / "eval" / "samples.jsonl"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    settings = Settings(data_dir=args.data_dir)
    store = open_store(settings)
    embedder = shared_embedder(settings.model_path, settings.embed_batch_size)
    lexical = unit_table_for(settings)
    questions = [c.question for c in load_cases(args.questions)]
    embedder.embed_query("warm up")
    lexical.search("warm up", 1)
    today = latest_meeting_date(store)
    stats = store.stats()
    print(f"index: {stats.items} items, {stats.units} units, {len(questions)} questions")

    print("\n| pipeline | retrieve median ms | retrieve p95 ms | ask median ms | ask p95 ms |")
    print("| --- | --- | --- | --- | --- |")
    figures: dict[str, tuple[float, float]] = {}
    for pipeline in (standard(store, embedder, lexical), *baselines(store, embedder, lexical)):
        answerer = Answerer(settings, store, pipeline=pipeline, lexical=lexical, today=today)
        r_times, a_times = [], []
        for _ in range(args.repeat):
            for q in questions:
                query = answerer.understand(q)
                t0 = time.perf_counter()
                pipeline.search(query.text, 10, query.where())
                t1 = time.perf_counter()
                answerer.ask(q, limit=5)
                t2 = time.perf_counter()
                r_times.append((t1 - t0) * 1000)
                a_times.append((t2 - t1) * 1000)
        figures[pipeline.name] = (statistics.median(r_times), statistics.median(a_times))
        print(
            f"| {pipeline.name} | {statistics.median(r_times):.1f} | {pct(r_times, 0.95):.1f} | "
            f"{statistics.median(a_times):.1f} | {pct(a_times, 0.95):.1f} |"
        )
    h, d = figures[HYBRID], figures[DENSE]
    print(f"\nhybrid ÷ dense: retrieve {h[0] / d[0]:.2f}×, ask {h[1] / d[1]:.2f}×")

    # The lexical index is derived from the units stored in Chroma: time a cold build (what a
    # new replica, or any replica after an index write, does) beside the store read alone.
    t0 = time.perf_counter()
    n_read = sum(len(page[0]) for page in store.unit_pages())
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    fresh = UnitTable(store, refresh_s=0.0)
    n_units = len(fresh)
    build_s = time.perf_counter() - t0
    print(
        f"lexical index: cold build from Chroma of {n_units} units in {build_s:.2f} s "
        f"({n_units / build_s:.0f} units/s); reading the {n_read} units alone {read_s:.2f} s "
        f"(build ÷ read {build_s / read_s:.2f}×)"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MiB (model + Chroma + BM25 in one process)")


if __name__ == "__main__":
    main()
