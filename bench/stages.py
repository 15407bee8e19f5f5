"""Where a warm answer's time goes, stage by stage (a script, not a timed test).

    PYTHONPATH=. python bench/stages.py DATA_DIR COLLECTION [--questions 200] [--chroma-url URL]

It opens an index an earlier ``bench/scale.py`` run left (``--work``/data-N, collection
``scaleN``), asks the same questions ``scale.py`` times (half unfiltered, half naming a body
and a year) through the bot's own :class:`~bot.answer.service.Answerer`, and wraps each of its
named stages (:mod:`bot.answer.stages`) and the store, index and search methods they call in
a timer. A stage's time is *exclusive*: time spent in another wrapped step called from inside
it counts there, so the steps add up to the whole answer. It prints p50, p95 and mean per step
for each kind of question, and the whole ``ask`` beside them.

The wrapping is on instances (and :class:`~bot.search.bm25.BM25Searcher` objects inside
the pipeline), so the bot's code runs unchanged.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from scale import questions  # noqa: E402

from bot.answer.render import answer_text  # noqa: E402
from bot.answer.service import Answerer  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embeddings import configure_model_cache, shared_embedder  # noqa: E402
from index.store import open_store  # noqa: E402
from index.units import unit_table_for  # noqa: E402


class Stopwatch:
    """Exclusive time per stage label for the current question."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._stack: list[list[float]] = []  # [started, time in nested stages]

    def wrap(self, owner: Any, method: str, label: str) -> None:
        setattr(owner, method, self.timed(getattr(owner, method), label))

    def timed(self, inner: Callable[..., Any], label: str) -> Callable[..., Any]:
        """``inner`` with its exclusive time counted under ``label``."""

        @functools.wraps(inner)
        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [time.perf_counter(), 0.0]
            self._stack.append(frame)
            try:
                return inner(*args, **kwargs)
            finally:
                self._stack.pop()
                total = time.perf_counter() - frame[0]
                self.spent[label] += total - frame[1]
                if self._stack:
                    self._stack[-1][1] += total

        return timed

    def take(self) -> dict[str, float]:
        out, self.spent = dict(self.spent), defaultdict(float)
        return out


def instrument(answerer: Answerer, watch: Stopwatch) -> None:
    store, lexical, pipeline = answerer.store, answerer.lexical, answerer.pipeline
    watch.wrap(answerer, "ask", "ask (rest)")
    # each named stage of the answer (bot.answer.stages), by its module's name
    answerer.stages = tuple(
        watch.timed(stage, f"stage {stage.__module__.rsplit('.', 1)[-1]}")
        for stage in answerer.stages
    )
    watch.wrap(pipeline, "search", "fusion + pipeline (rest)")
    watch.wrap(pipeline, "_rescored", "rescore (rest)")
    for weighted in pipeline.searchers:
        searcher = weighted.searcher
        watch.wrap(searcher, "search", f"{searcher.name} search (rest)")
        if hasattr(searcher, "embedder"):
            watch.wrap(searcher.embedder, "embed_query", "query embedding")
        if hasattr(searcher, "rescore"):
            watch.wrap(searcher, "rescore", f"{searcher.name} rescore (rest)")
    watch.wrap(lexical, "search", "lexical BM25")
    watch.wrap(lexical, "unit_ids_where", "filter mask → unit IDs")
    watch.wrap(lexical, "unit_ids_of", "item → unit IDs")
    watch.wrap(lexical, "unit", "lexical unit metadata")
    watch.wrap(store, "query", "dense query (Chroma)")
    watch.wrap(store, "unit_similarities", "rescore vectors (Chroma)")
    watch.wrap(store, "get_items", "get items (Chroma)")
    watch.wrap(store, "stats", "stats")
    watch.wrap(store, "generation", "generation check")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("collection")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--chroma-url")
    args = parser.parse_args()

    settings = Settings(
        data_dir=args.data_dir, chroma_url=args.chroma_url, collection=args.collection
    )
    configure_model_cache(args.data_dir / "models")
    store = open_store(settings)
    embedder = shared_embedder(settings.model_path, settings.embed_batch_size)
    lexical = unit_table_for(settings)  # the bot's: from its cache file when one is saved
    started = time.perf_counter()
    lexical.refresh()
    print(f"lexical index ready in {time.perf_counter() - started:.1f} s, {len(lexical):,} units")
    answerer = Answerer(settings, store, embedder, lexical=lexical)
    asked = questions(args.questions)
    for q, *_ in asked[:5]:
        answer_text(answerer.ask(q))  # warm: model, catalogue, first query, templates

    watch = Stopwatch()
    instrument(answerer, watch)
    rows: dict[str, list[dict[str, float]]] = {"unfiltered": [], "body+year": []}
    for q, body, _year, _topic in asked:
        started = time.perf_counter()
        answer = answerer.ask(q)
        asked_s = time.perf_counter() - started
        t = time.perf_counter()
        answer_text(answer)
        spent = watch.take()
        spent["render (terminal text)"] = time.perf_counter() - t
        spent["= whole ask"] = asked_s
        rows["body+year" if body else "unfiltered"].append(spent)

    for kind, samples in rows.items():
        labels = sorted({k for s in samples for k in s}, key=lambda k: (k.startswith("="), k))
        print(f"\n{kind} ({len(samples)} questions), ms:")
        print(f"  {'stage':32} {'p50':>7} {'p95':>7} {'mean':>7}")
        for label in labels:
            values = sorted(s.get(label, 0.0) * 1000 for s in samples)
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            print(
                f"  {label:32} {statistics.median(values):7.1f} {p95:7.1f} "
                f"{statistics.fmean(values):7.1f}"
            )


if __name__ == "__main__":
    main()
