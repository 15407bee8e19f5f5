"""Why each development-set question is answered, refused or missed: the evidence, question by question.

Usage: PYTHONPATH=. .venv/bin/python bench/diagnose.py [--data-dir DIR] [--questions FILE]
       [--ids mq-1,mq-2] [--dense hnsw|exact] [--json OUT.jsonl] [--quiet] [--reindex]

Indexes the development corpus (../shared/seeds, the Kent County Council text files, London
Ontario, Portland) into DIR once; a DIR that already holds items is reused as it is. Then, for
every question, it runs the product's own steps (``Answerer.understand``, the pipeline's
rankings with the question's filters, the abstention evidence and type checks,
``Answerer.ask``) and prints:

- the expected item's rank among the pre-abstention candidates, its dense and BM25 ranks (each
  signal's own ranking as the pipeline fuses it, i.e. after exact dense rescoring);
- the abstention evidence (dense, coverage, confidence, unknown names) and the asked-for unit
  the item lacks (``missing``), for the top candidate and for the expected item;
- what ``ask`` did: the rank of the expected item among the matches, or why it refused
  (``Answer.refusal``), and whether the expected item was put among the related items;
- the lead line: its kind, and whether it holds the expected quote (or the expected owner);
- extraction: whether the expected quote lies inside an extracted unit of the right item.

Then per-kind tables (recall before and after abstention, MRR, false abstentions, lead holds
the quote, owners) and the refusals of unanswerable questions by reason. ``--dense exact``
replaces Chroma's HNSW search by an exact scan (a baseline: the product rescores candidates
exactly, so the two should agree); the first line compares the two searches over the questions.
Figures, not assertions: this is the measurement behind issue 11.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bot.answer import abstain
from bot.answer.asked import asked
from bot.answer.matches import to_match
from bot.answer.models import Answer
from bot.answer.question import Query
from bot.answer.service import Answerer
from bot.answer.stages.judge import Judged, judge
from bot.answer.stages.retrieve import CANDIDATES
from bot.eval.dataset import EvalCase, load_cases
from bot.eval.metrics import first_hit_rank, is_hit, quotes_of
from bot.eval.runner import latest_meeting_date
from bot.search.base import UNITS_PER_ITEM
from bot.search.bm25 import LEXICAL
from bot.search.dense import DENSE
from bot.search.pipeline import ItemCandidate
from bot.settings import Settings
from index.embeddings import shared_embedder
from index.filters import matches_where
from index.schema import StoredItem, Where, decode_item, decode_unit
from index.store import MinutesStore, UnitHit, make_client, open_store
from index.units import unit_table_for
from index.words import tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA_DIR = REPO / ".minutes-bot-diag"
K = 5
WIDE = 50  # how deep to look for the expected item before calling it a retrieval miss
KINDS = ("resolution", "action_owner", "vote", "date", "history", "unanswerable")


def corpus_paths(shared: Path) -> list[Path]:
    """What the development set was written against."""
    return [
        shared / "seeds",
        shared / "corpus" / "kent-county-council" / "text",
        shared / "corpus" / "london-ontario",
        shared / "corpus" / "portland",
    ]


def ensure_index(settings: Settings, shared: Path, reindex: bool) -> None:
    store = open_store(settings)
    if store.stats().items and not reindex:
        return
    from index.indexer import index_paths

    summary = index_paths(corpus_paths(shared), settings)
    print(
        f"indexed {len(summary.outcomes)} files ({len(summary.skipped)} skipped) "
        f"into {settings.data_dir}",
        file=sys.stderr,
    )


class ExactStore(MinutesStore):
    """The same store, but dense search is exact (every unit scored), not Chroma's HNSW graph."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(make_client(settings), settings.collection)
        got = self.units.get(include=["embeddings", "documents", "metadatas"])
        self._ids = list(got["ids"])
        self._docs = [d or "" for d in got["documents"]]
        self._metas = [dict(m or {}) for m in got["metadatas"]]
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        self._matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)

    def query(
        self, vector: Sequence[float], k: int, where: Where | None = None, **_: object
    ) -> list[UnitHit]:
        v = np.asarray(vector, dtype=np.float32)
        sims = self._matrix @ (v / max(float(np.linalg.norm(v)), 1e-12))
        if where:
            mask = np.fromiter((matches_where(m, where) for m in self._metas), dtype=bool)
            sims = np.where(mask, sims, -np.inf)
        order = np.argsort(-sims, kind="stable")[:k]
        out = []
        for i in order:
            if not np.isfinite(sims[i]):
                continue
            ref = decode_unit(self._ids[i], self._metas[i])
            out.append(UnitHit(self._ids[i], ref.item_id, ref.kind, self._docs[i], float(sims[i])))
        return out


def hnsw_recall(store: MinutesStore, exact: ExactStore, vectors: list[list[float]], k: int) -> str:
    """How many of the exact top-k units Chroma's approximate search returns, over the questions."""
    shares, best_missed = [], 0
    for v in vectors:
        want = [h.unit_id for h in exact.query(v, k)]
        got = {h.unit_id for h in store.query(v, k)}
        shares.append(len(got & set(want)) / max(len(want), 1))
        best_missed += want[0] not in got if want else 0
    return (
        f"Chroma HNSW vs exact dense search, top {k} units per question: mean recall "
        f"{sum(shares) / len(shares):.3f}, min {min(shares):.3f}; the single best unit is missing "
        f"for {best_missed}/{len(vectors)} questions"
    )


def same_owner(expected: str, extracted: str) -> bool:
    """The shorter name's words all occur in the longer ("MNP, the City's internal auditor")."""
    a, b = set(tokenize(expected)), set(tokenize(extracted))
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return small <= large


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@dataclass
class Side:
    """Abstention evidence and type check of one item for one question."""

    item_id: str
    title: str
    dense: float | None
    coverage: float
    unknown: tuple[str, ...]
    strong: bool
    missing: str | None
    dense_rank: int | None = None
    lexical_rank: int | None = None

    @property
    def confidence(self) -> float:
        return (self.dense or 0.0) + abstain.COVERAGE_WEIGHT * self.coverage

    def short(self) -> str:
        unk = f" unknown={list(self.unknown)}" if self.unknown else ""
        miss = f" lacks {self.missing}" if self.missing else ""
        dense = "-" if self.dense is None else f"{self.dense:.2f}"
        return (
            f"{self.title[:60]!r} dense={dense} cov={self.coverage:.2f} conf={self.confidence:.2f} "
            f"ranks d{self.dense_rank}/b{self.lexical_rank} "
            f"{'PASS' if self.strong else 'fail'}{unk}{miss}"
        )


@dataclass
class Row:
    case: EvalCase
    intent: str
    filters: dict[str, Any]
    search_text: str
    expected_ids: list[str]
    rank_pre: int | None
    rank_wide: int | None
    top: Side | None
    expected: Side | None
    answered: bool
    refusal: str | None
    wanted: str | None
    rank_answer: int | None
    in_related: bool
    latency_ms: float
    lead_kind: str | None = None
    lead_quote: str | None = None
    lead_holds_quote: bool | None = None
    quote_shown: bool | None = None
    in_unit: bool | None = None
    owner_in_lead: bool | None = None
    owner_in_answer: bool | None = None
    top_title: str = ""
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k not in ("case", "top", "expected")}
        out.update(id=self.case.id, kind=self.case.kind, question=self.case.question)
        for name in ("top", "expected"):
            side = getattr(self, name)
            out[name] = None if side is None else {**side.__dict__, "confidence": side.confidence}
        return out


class Diagnoser:
    def __init__(self, settings: Settings, store: MinutesStore) -> None:
        self.store = store
        self.embedder = shared_embedder(settings.model_path, settings.embed_batch_size)
        self.lexical = unit_table_for(settings)
        self.answerer = Answerer(
            settings,
            store,
            self.embedder,
            lexical=self.lexical,
            today=latest_meeting_date(store),
        )
        got = store.items.get(include=["documents", "metadatas"])
        self.items = {
            iid: StoredItem(iid, doc or "", decode_item(meta or {}))
            for iid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }
        self.answerer.ask("warm up")  # model load is start-up cost, not answer latency

    def expected_items(self, case: EvalCase) -> list[str]:
        return [iid for iid, item in self.items.items() if is_hit(to_match(item, 0.0), case)]

    def side(self, query: Query, cand: ItemCandidate, ranks: dict[str, dict]) -> Side:
        item = self.items.get(cand.item_id)
        judged: Judged = judge(self.answerer.tools, query, asked(query), cand, item)
        item = judged.item
        return Side(
            item_id=cand.item_id,
            title=item.meta.title if item else "?",
            dense=judged.evidence.dense,
            coverage=judged.evidence.coverage,
            unknown=judged.evidence.unknown_names,
            strong=judged.strong,
            missing=judged.missing,
            dense_rank=ranks[DENSE].get(cand.item_id),
            lexical_rank=ranks[LEXICAL].get(cand.item_id),
        )

    def diagnose(self, case: EvalCase) -> Row:
        a = self.answerer
        query = a.understand(case.question)
        text = query.text
        where = query.where()
        rankings = a.pipeline.rankings(text, WIDE, where)
        ranks = {
            name: {r.item_id: n for n, r in enumerate(ranked, start=1)}
            for name, ranked in rankings.items()
        }
        ranks.setdefault(DENSE, {})
        ranks.setdefault(LEXICAL, {})
        pre = a.pipeline.search(text, CANDIDATES, where)
        wide = a.pipeline.search(text, WIDE, where)
        expected = self.expected_items(case) if case.answerable else []
        exp_set = set(expected)

        def rank_in(cands: list[ItemCandidate]) -> int | None:
            return next((r for r, c in enumerate(cands, 1) if c.item_id in exp_set), None)

        top = self.side(query, pre[0], ranks) if pre else None
        exp_side = None
        if expected:
            cand = next((c for c in wide if c.item_id in exp_set), None)
            if cand is None:
                cand = a.pipeline.rescore(text, expected[:1])[0]
            exp_side = self.side(query, cand, ranks)

        started = time.perf_counter()
        answer = a.ask(case.question, limit=K)
        latency = (time.perf_counter() - started) * 1000
        rank_answer = first_hit_rank(answer.matches[:K], case) if case.answerable else None
        row = Row(
            case=case,
            intent=query.intent,
            filters=query.filters(),
            search_text=text,
            expected_ids=expected,
            rank_pre=rank_in(pre),
            rank_wide=rank_in(wide),
            top=top,
            expected=exp_side,
            answered=answer.found,
            refusal=answer.refusal.kind if answer.refusal else None,
            wanted=answer.refusal.wanted if answer.refusal else None,
            rank_answer=rank_answer,
            in_related=any(m.item_id in exp_set for m in answer.related),
            latency_ms=latency,
            top_title=(
                f"{answer.matches[0].body} {answer.matches[0].meeting_date} | "
                f"{answer.matches[0].item_title[:60]}"
                if answer.matches
                else ""
            ),
        )
        if answer.lead:
            row.lead_kind = answer.lead.kind
            row.lead_quote = answer.lead.quote
        if case.answerable:
            self._quotes(row, case, answer, exp_set)
        return row

    def _quotes(self, row: Row, case: EvalCase, answer: Answer, exp_set: set[str]) -> None:
        quote = case.expected_quote or ""
        if quote:
            row.lead_holds_quote = bool(answer.lead and _ws(quote) in _ws(answer.lead.quote))
            row.quote_shown = any(quote in q for _, q in quotes_of(answer))
            units = []
            for iid in exp_set:
                meta = self.items[iid].meta
                units += [r.text for r in meta.resolutions] + [x.text for x in meta.actions]
                units += [v.text for v in meta.votes] + [v.motion or "" for v in meta.votes]
                units += [getattr(r, "quote", None) or "" for r in meta.resolutions]
                units += [getattr(d, "text", "") for d in getattr(meta, "dated", ())]
            row.in_unit = any(_ws(quote) in _ws(u) for u in units if u)
        if case.answer_owner:
            want = case.answer_owner
            row.owner_in_lead = bool(
                answer.lead and answer.lead.owner and same_owner(want, answer.lead.owner)
            )
            row.owner_in_answer = any(
                a.owner and same_owner(want, a.owner) for m in answer.matches for a in m.actions
            )


def _yn(x: bool | None) -> str:
    return "-" if x is None else ("yes" if x else "NO")


def print_row(row: Row) -> None:
    c = row.case
    print(f"\n## {c.id} [{c.kind}] {c.question}")
    print(f"  intent={row.intent} filters={row.filters} search={row.search_text!r}")
    if c.answerable:
        print(
            f"  expected: {c.item!r} ({len(row.expected_ids)} stored) | rank pre-abstention="
            f"{row.rank_pre} within{WIDE}={row.rank_wide}"
        )
    if row.top:
        print(f"  top:      {row.top.short()}")
    if row.expected and row.expected is not row.top:
        print(f"  expected: {row.expected.short()}")
    if row.answered:
        print(
            f"  ask: answered rank={row.rank_answer} related={_yn(row.in_related)} top="
            f"{row.top_title!r} ({row.latency_ms:.0f} ms)"
        )
        print(f"  lead: {row.lead_kind} {(row.lead_quote or '')[:140]!r}")
    else:
        print(f"  ask: REFUSED {row.refusal} wanted={row.wanted} ({row.latency_ms:.0f} ms)")
    if c.answerable and c.expected_quote:
        print(
            f"  quote: in-lead={_yn(row.lead_holds_quote)} shown={_yn(row.quote_shown)} "
            f"in-extracted-unit={_yn(row.in_unit)}"
        )
    if c.answer_owner:
        print(
            f"  owner {c.answer_owner!r}: in-lead={_yn(row.owner_in_lead)} "
            f"in-answer={_yn(row.owner_in_answer)}"
        )


def _pct(num: int, den: int) -> str:
    return f"{num}/{den} ({num / den:.2f})" if den else "-"


def print_tables(rows: list[Row]) -> None:
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_kind[r.case.kind or "?"].append(r)
    kinds = [k for k in KINDS if k in by_kind] + [k for k in by_kind if k not in KINDS]
    pos = [r for r in rows if r.case.answerable]
    neg = [r for r in rows if not r.case.answerable]

    print("\n# Retrieval, abstention and the lead line, per kind (answerable questions)\n")
    print(
        "| kind | n | pre @1 | pre @5 | answered | false abstentions | R@1 | R@5 | MRR "
        "| lead holds quote | owner in lead | owner in answer |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    groups = [(k, by_kind[k]) for k in kinds if k != "unanswerable"] + [("all", pos)]
    for kind, rs in groups:
        n = len(rs)
        quoted = [r for r in rs if r.lead_holds_quote is not None]
        owners = [r for r in rs if r.owner_in_lead is not None]
        print(
            f"| {kind} | {n} | {_pct(sum(r.rank_pre == 1 for r in rs), n)} | "
            f"{_pct(sum(bool(r.rank_pre and r.rank_pre <= 5) for r in rs), n)} | "
            f"{_pct(sum(r.answered for r in rs), n)} | {_pct(sum(not r.answered for r in rs), n)} | "
            f"{_pct(sum(r.rank_answer == 1 for r in rs), n)} | "
            f"{_pct(sum(bool(r.rank_answer) for r in rs), n)} | "
            f"{sum(1 / r.rank_answer for r in rs if r.rank_answer) / n if n else 0:.3f} | "
            f"{_pct(sum(bool(r.lead_holds_quote) for r in quoted), len(quoted))} | "
            f"{_pct(sum(bool(r.owner_in_lead) for r in owners), len(owners))} | "
            f"{_pct(sum(bool(r.owner_in_answer) for r in owners), len(owners))} |"
        )
    if neg:
        print("\n# Unanswerable questions\n")
        print("| id | refused as | wanted | top item | conf | missing |")
        print("| --- | --- | --- | --- | --- | --- |")
        for r in neg:
            t = r.top
            print(
                f"| {r.case.id} | {r.refusal or 'ANSWERED'} | {r.wanted or ''} | "
                f"{t.title[:40] if t else '-'} | {f'{t.confidence:.2f}' if t else '-'} | "
                f"{(t.missing or '') if t else ''} |"
            )
        refused = sum(not r.answered for r in neg)
        print(f"\nabstention recall: {_pct(refused, len(neg))}")
    latencies = sorted(r.latency_ms for r in rows)
    if latencies:
        p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
        print(f"ask latency: median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms")

    print("\n# Failures by question\n")
    fa = [f"{r.case.id}({r.refusal}/{r.wanted})" for r in pos if not r.answered]
    miss = [r.case.id for r in pos if not (r.rank_pre and r.rank_pre <= 5)]
    lost = [r.case.id for r in pos if r.answered and not r.rank_answer]
    related = [r.case.id for r in pos if r.in_related]
    nolead = [r.case.id for r in pos if r.answered and r.lead_holds_quote is False]
    noowner = [r.case.id for r in pos if r.owner_in_lead is False]
    wrong = [r.case.id for r in neg if r.answered]
    print(f"false abstentions ({len(fa)}): {' '.join(fa)}")
    print(f"expected item not in pre-abstention top {K} ({len(miss)}): {' '.join(miss)}")
    print(f"answered without the expected item in the top {K} ({len(lost)}): {' '.join(lost)}")
    print(f"expected item only among the related ({len(related)}): {' '.join(related)}")
    print(f"answered, lead without the expected quote ({len(nolead)}): {' '.join(nolead)}")
    print(f"owner not in the lead ({len(noowner)}): {' '.join(noowner)}")
    print(f"unanswerable but answered ({len(wrong)}): {' '.join(wrong)}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--questions", type=Path, default=None)
    parser.add_argument("--ids", default="", help="comma-separated question ids to diagnose")
    parser.add_argument("--json", type=Path, default=None, help="write one JSON row per question")
    parser.add_argument("--reindex", action="store_true", help="index even if DIR holds items")
    parser.add_argument("--quiet", action="store_true", help="tables only")
    parser.add_argument(
        "--dense",
        choices=("hnsw", "exact"),
        default="hnsw",
        help="hnsw: Chroma's approximate search, as the product runs; exact: every unit scored",
    )
    parser.add_argument("--recall", action="store_true", help="compare HNSW with exact search")
    args = parser.parse_args(argv)

    settings = Settings(data_dir=args.data_dir)
    ensure_index(settings, args.shared, args.reindex)
    cases = load_cases(args.questions or args.shared / "eval" / "dev.jsonl")
    if args.ids:
        wanted = set(args.ids.split(","))
        cases = [c for c in cases if c.id in wanted]
    hnsw = open_store(settings)
    exact = ExactStore(settings) if args.dense == "exact" or args.recall else None
    store = exact if args.dense == "exact" and exact is not None else hnsw
    diag = Diagnoser(settings, store)
    stats = store.stats()
    print(
        f"index {settings.data_dir}: {stats.meetings} meetings, {stats.items} items, "
        f"{stats.units} units; {len(cases)} questions; dense search: {args.dense}; thresholds "
        f"conf = dense + {abstain.COVERAGE_WEIGHT} x coverage >= {abstain.MIN_CONFIDENCE}"
    )
    if exact is not None and args.recall:
        texts = [diag.answerer.understand(c.question).text for c in cases]
        vectors = [diag.embedder.embed_query(t) for t in texts]
        print(hnsw_recall(hnsw, exact, vectors, CANDIDATES * UNITS_PER_ITEM))
    rows = [diag.diagnose(c) for c in cases]
    if not args.quiet:
        for row in rows:
            print_row(row)
    print_tables(rows)
    if args.json:
        with args.json.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row.to_dict(), default=str) + "\n")


if __name__ == "__main__":
    main()
