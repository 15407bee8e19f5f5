"""How cost grows with the index: 1k, 10k and 100k agenda items (a script, not a timed test).

    PYTHONPATH=. python bench/scale.py [--sizes 1000 10000 100000] [--server] [--markdown FILE]

For each size it writes a synthetic corpus in the shape we parse (modern.gov "Agenda and draft
minutes" pages as text: numbered items, discussion, ``RESOLVED:`` blocks, ``Action – owner``
lines; fictional bodies over several years), indexes it with the real indexer into embedded
Chroma, and prints:

- indexing: items/s and passages/s (everything embedded: units and item headers) beside the
  raw encoder's passages/s on a sample of the same texts, and their ratio;
- warm answers (``Answerer.ask``, the bot's own path) p50/p95, unfiltered and with a body and
  year filter, beside a bare Chroma query with the same vectors and filters (ratio);
- the lexical index's build time from Chroma (what a replica pays at start);
- a cold ``minutes-bot ask`` in a new process (wall time, peak RSS);
- disk size of the index and this process's peak RSS;
- at the smallest size, RSS over a run of 10,000 questions (is memory flat?);
- with ``--server``, the largest size again through a ``chroma run`` server.

Encoding 100k items for real takes about an hour here: sizes above ``--real-limit`` items
(default 10k) reuse the vectors of the real encodings made for the smaller sizes with small
random perturbations, and the output says so on those rows (their indexing speed then leaves
out the encoder, so no ratio is given).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.answer.service import Answerer  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embeddings import Embedder, configure_model_cache, shared_embedder  # noqa: E402
from index.indexer import index_paths  # noqa: E402
from index.schema import item_filter  # noqa: E402
from index.store import cache_name, open_store  # noqa: E402
from index.units import UnitTable  # noqa: E402

ITEMS_PER_MEETING = 25
COLD_QUESTION = "what was decided about parking charges?"
BODIES = [
    "Westvale Health and Wellbeing Board",
    "Northmoor Cabinet",
    "Eastbrook Planning Committee",
    "Southfield Audit and Governance Committee",
    "Harbourside Children and Families Board",
    "Kingsmere Transport Committee",
    "Ashby Housing Panel",
    "Ridgeway Licensing Committee",
    "Oldham Vale Scrutiny Board",
    "Lowther Environment Committee",
]
TOPICS = """library opening hours; parking charges; school transport; adult social care budget;
winter pressures; loneliness strategy; air quality; flood defences; housing allocations;
homelessness prevention; leisure centre refurbishment; street lighting; waste collection;
recycling contract; bus lane enforcement; cycle routes; public health grant; childrens centres;
youth services; mental health support; dementia services; carers strategy; fraud prevention;
internal audit plan; treasury management; capital programme; council tax support; business
rates relief; town centre regeneration; markets review; cemetery fees; allotment rents;
tree planting; climate emergency; electric vehicle charging; domestic abuse services;
community safety partnership; anti-social behaviour; licensing policy; taxi licensing;
planning enforcement; local plan; conservation areas; affordable housing; empty homes;
digital inclusion; customer contact centre; workforce strategy; pay policy; apprenticeships"""
TOPICS_LIST = [t.strip() for t in TOPICS.replace("\n", " ").split(";")]
OWNERS = [
    "the Head of Libraries",
    "the Director of Public Health",
    "the Chief Finance Officer",
    "the Head of Planning",
    "the Transport Manager",
    "the Housing Lead",
    "Priya Natarajan",
    "Marcus Webb",
    "Aisha Khan",
    "the Monitoring Officer",
]
WORDS = """members noted the report and asked about the timetable costs risks consultation
responses partners officers budget savings pressures outcomes performance indicators residents
services demand capacity funding grant programme delivery evaluation review progress update
proposal options recommendation equality impact assessment engagement feedback survey pilot
scheme contract procurement tender provider commissioning quarter annual target measures data
evidence workshop committee board chair councillor ward neighbourhood district county city""".split()  # noqa: SIM905
VERBS = ["report back on", "circulate a briefing on", "bring a paper on", "consult partners on"]
MONTHS = "January February March April May June July August September October November December"


def write_corpus(folder: Path, items: int, seed: int = 11) -> int:
    """``items`` agenda items in meeting files of ITEMS_PER_MEETING; returns files written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = 0
    for meeting in range((items + ITEMS_PER_MEETING - 1) // ITEMS_PER_MEETING):
        body = BODIES[meeting % len(BODIES)]
        day = dt.date(2016, 1, 5) + dt.timedelta(days=(meeting * 7) % 3650 + meeting // 500)
        count = min(ITEMS_PER_MEETING, items - meeting * ITEMS_PER_MEETING)
        month = MONTHS.split()[day.month - 1]
        lines = [
            "Agenda and draft minutes",
            "",
            f"{body} - {day:%A}, {day.day}th {month} {day.year} 2.00 pm",
            "",
            f"Venue: Committee Room {rng.randint(1, 9)}, Civic Centre",
            "",
            "Items",
            "No. Item",
            "",
        ]
        for n in range(1, count + 1):
            topic = rng.choice(TOPICS_LIST)
            ref = f"REF-{day.year}-{meeting:05d}-{n:02d}"
            discussion = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 140)))
            lines += [
                f"{n}.",
                "",
                f"{topic.capitalize()}: {rng.choice(['update', 'review', 'proposals', 'report'])}",
                "",
                "Minutes:",
                "",
                f"The Board considered report {ref} on {topic}. {discussion.capitalize()}.",
                "",
                f"RESOLVED: that (1) the report on {topic} be noted; and (2) the "
                f"{rng.choice(['proposals', 'recommendations', 'budget of £' + str(rng.randint(10, 900)) + 'k'])}"
                f" for {topic} be approved.",
                "",
                f"Action – {rng.choice(OWNERS)} to {rng.choice(VERBS)} {topic} by "
                f"{rng.choice(MONTHS.split())} {day.year + 1}.",
                "",
            ]
        name = f"{body.split()[0].lower()}-{day.isoformat()}-{meeting:05d}.txt"
        (folder / name).write_text("\n".join(lines), encoding="utf-8")
        files += 1
    return files


class SampledEmbedder(Embedder):
    """The real encoder up to ``real_limit`` items' worth of passages; beyond that, a real vector
    from the bank (chosen by the text's hash) plus Gaussian noise (sigma ``noise``), normalised.
    Counts passages and seconds spent encoding for real."""

    def __init__(self, real: Embedder, bank: list[np.ndarray], reuse: bool, noise: float = 0.02):
        self.real = real
        self.bank = bank
        self.reuse = reuse
        self.noise = noise
        self.passages = 0
        self.encode_s = 0.0
        self.texts: list[str] = []  # what was encoded for real, for the bare encoder's timing
        self.batch_size = real.batch_size

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += len(texts)
        if not texts:
            return []
        if not self.reuse:
            started = time.perf_counter()
            vectors = np.asarray(self.real.embed_documents(texts), dtype=np.float32)
            self.encode_s += time.perf_counter() - started
            self.bank.extend(vectors)
            self.texts.extend(texts)
            return vectors.tolist()
        if not isinstance(self.bank, np.ndarray):
            self.bank = np.asarray(self.bank, dtype=np.float32)
        picks = [
            int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little")
            % len(self.bank)
            for t in texts
        ]
        rng = np.random.default_rng(picks[0])
        vectors = self.bank[picks] + rng.normal(0, self.noise, (len(texts), 384)).astype("f4")
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)


@dataclass
class Row:
    label: str
    items: int = 0
    reused: bool = False
    index_s: float = 0.0
    passages: int = 0
    encoder_pps: float = 0.0
    lexical_build_s: float = 0.0
    answer: dict[str, tuple[float, float]] = field(default_factory=dict)
    bare: dict[str, tuple[float, float]] = field(default_factory=dict)
    cold_ask_s: float = 0.0
    cold_ask_rss_mb: float = 0.0
    disk_mb: float = 0.0
    peak_rss_mb: float = 0.0
    notes: list[str] = field(default_factory=list)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def questions(n: int, seed: int = 5) -> list[tuple[str, str | None, int | None, str]]:
    """(question, body, year, topic): half unfiltered, half naming a body and a year."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        topic = rng.choice(TOPICS_LIST)
        if i % 2:
            body, year = rng.choice(BODIES), rng.randint(2016, 2025)
            out.append((f"what did the {body} decide about {topic} in {year}?", body, year, topic))
        else:
            out.append((f"what was decided about {topic}?", None, None, topic))
    return out


def measure_answers(settings: Settings, row: Row, n: int = 200) -> None:
    store = open_store(settings)
    embedder = shared_embedder(settings.model_path, settings.embed_batch_size)
    # The lexical index built from Chroma (what a replica pays after a change; with embedded
    # Chroma it reads every unit's vector too) and saved in the data dir as the bot does, then
    # loaded from that saved copy (what every later process pays).
    cache = settings.state_dir / "lexical" / cache_name(settings)
    shutil.rmtree(cache, ignore_errors=True)
    started = time.perf_counter()
    UnitTable(store, cache_dir=cache).refresh(force=True)
    row.lexical_build_s = time.perf_counter() - started
    started = time.perf_counter()
    lexical = UnitTable(store, cache_dir=cache)
    lexical.refresh()
    row.notes.append(
        f"lexical index loaded from its saved copy in {time.perf_counter() - started:.2f} s"
        f" ({'with' if lexical.has_vectors() else 'without'} the units' vectors)"
    )
    answerer = Answerer(settings, store, embedder, lexical=lexical)
    asked = questions(n)
    for q, *_ in asked[:5]:
        answerer.ask(q)  # warm: model, catalogue, first query
    timings: dict[str, list[float]] = {"unfiltered": [], "body+year": []}
    bare: dict[str, list[float]] = {"unfiltered": [], "body+year": []}
    for q, body, year, _topic in asked:
        kind = "body+year" if body else "unfiltered"
        started = time.perf_counter()
        answerer.ask(q)
        timings[kind].append(time.perf_counter() - started)
        vector = embedder.embed_query(q)
        where = item_filter([body], dt.date(year, 1, 1), dt.date(year, 12, 31)) if body else None
        started = time.perf_counter()
        # what a query costs Chroma, documents and metadata read as by default (the bot's own
        # dense search reads IDs and distances only)
        store.units.query(query_embeddings=[vector], n_results=80, where=where)
        bare[kind].append(time.perf_counter() - started)
    row.answer = {k: percentiles(v) for k, v in timings.items()}
    row.bare = {k: percentiles(v) for k, v in bare.items()}
    # What the bot's dense search does under a filter: Chroma searching among the unit IDs the
    # in-memory metadata index found (index.store.MinutesStore.query).
    by_ids = []
    for q, body, year, _topic in asked:
        if body and year:
            where = item_filter([body], dt.date(year, 1, 1), dt.date(year, 12, 31))
            vector = embedder.embed_query(q)
            started = time.perf_counter()
            allowed = lexical.unit_ids_where(where) or []
            if allowed:
                store.units.query(
                    query_embeddings=[vector], n_results=80, ids=allowed, include=["distances"]
                )
            by_ids.append(time.perf_counter() - started)
    p50, p95 = percentiles(by_ids)
    row.notes.append(
        f"bare Chroma filtered by unit IDs (mask + query, IDs and distances only): p50/p95 "
        f"{p50:.1f} / {p95:.1f} ms"
    )


def soak(settings: Settings, n: int) -> list[tuple[int, float]]:
    """RSS (MB) after each tenth of ``n`` questions through one Answerer."""
    answerer = Answerer(settings)
    asked = questions(500, seed=9)
    marks = []
    for i in range(1, n + 1):
        answerer.ask(asked[i % len(asked)][0])
        if i % max(1, n // 10) == 0:
            marks.append((i, rss_mb()))
    return marks


def rss_mb(field_name: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def cold_ask(settings: Settings, runs: int = 3) -> tuple[float, float]:
    """Median wall time and peak RSS of ``minutes-bot ask`` in a new process."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MINUTES_BOT_")},
        "PYTHONPATH": str(REPO),
        "HF_HUB_OFFLINE": "1",
        "MINUTES_BOT_DATA_DIR": str(settings.data_dir),
        "MINUTES_BOT_COLLECTION": settings.collection,
        "MINUTES_BOT_MODEL_CACHE": os.environ.get(
            "MINUTES_BOT_MODEL_CACHE", str(settings.data_dir / "models")
        ),
    }
    if settings.chroma_url:
        env["MINUTES_BOT_CHROMA_URL"] = settings.chroma_url
    walls, peaks = [], []
    for _ in range(runs):
        # GNU time reports the child's own peak RSS (wait4's counts the forked parent's pages)
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "bot.cli", "ask", COLD_QUESTION],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        walls.append(time.perf_counter() - started)
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(walls), max(peaks)


def first_cold_ask(settings: Settings, row: Row) -> None:
    """A cold ask with nothing saved in its data dir, as the first process after a change to
    the collection runs it (it builds and saves the lexical index and catalogue)."""
    fresh = Path(tempfile.mkdtemp(prefix="first-ask-"))
    try:
        if not settings.chroma_url:
            (fresh / "chroma").symlink_to(settings.chroma_dir.resolve())
        wall, peak = cold_ask(settings.model_copy(update={"data_dir": fresh}), runs=1)
        row.notes.append(
            f"first cold ask after a change (nothing saved): {wall:.1f} s ({peak:.0f} MB)"
        )
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def encoder_throughput(embedder: Embedder, texts: list[str]) -> float:
    started = time.perf_counter()
    embedder.embed_documents(texts)
    return len(texts) / (time.perf_counter() - started)


def run_size(
    items: int, work: Path, real: Embedder, bank: list[np.ndarray], args, chroma_url=None
) -> Row:
    reuse = items > args.real_limit or bool(args.bank_from)
    label = f"{items // 1000}k" + (" (Chroma server)" if chroma_url else "")
    row = Row(label, items, reuse)
    data = work / (f"data-{items}" + ("-server" if chroma_url else ""))
    if args.reuse_index and (data / "chroma").is_dir():
        settings = Settings(data_dir=data, chroma_url=chroma_url, collection=f"scale{items}")
        row.items = len(open_store(settings).item_catalogue())
        row.notes.append("index kept from an earlier run: indexing not timed again")
        measure_answers(settings, row)
        row.cold_ask_s, row.cold_ask_rss_mb = cold_ask(settings, args.cold_runs)
        if args.first_ask:
            first_cold_ask(settings, row)
        row.disk_mb = du_mb(data)
        row.peak_rss_mb = rss_mb("VmHWM")
        return row
    corpus = work / f"corpus-{items}"
    if not corpus.exists():
        write_corpus(corpus, items)
    shutil.rmtree(data, ignore_errors=True)
    settings = Settings(data_dir=data, chroma_url=chroma_url, collection=f"scale{items}")
    embedder = SampledEmbedder(real, bank, reuse)
    started = time.perf_counter()
    summary = index_paths([corpus], settings, embedder=embedder)
    row.index_s = time.perf_counter() - started
    row.passages = embedder.passages
    row.items = sum(o.items for o in summary.outcomes)
    if not reuse:
        # The bare encoder on a random sample of exactly the texts indexing embedded (units
        # and item headers alike), in the same batch size.
        rng = random.Random(3)
        sample = rng.sample(embedder.texts, min(args.encoder_sample, len(embedder.texts)))
        row.encoder_pps = encoder_throughput(real, sample)
        row.notes.append(
            f"encoder time inside indexing {embedder.encode_s:.0f} s of {row.index_s:.0f} s "
            f"(so indexing ran at {embedder.encode_s / row.index_s:.2f}x the speed of its own "
            "encoder calls)"
        )
    else:
        row.notes.append(
            f"vectors reused from {len(bank):,} real encodings (+N(0, 0.02) noise): "
            "indexing time leaves out the encoder"
        )
    measure_answers(settings, row)
    row.cold_ask_s, row.cold_ask_rss_mb = cold_ask(settings, args.cold_runs)
    row.disk_mb = du_mb(data) if not chroma_url else du_mb(args.server_path)
    row.peak_rss_mb = rss_mb("VmHWM")
    return row


def serve_size(items: int, url: str, args) -> Row:
    """Answers and a cold ask at ``items`` through a Chroma server holding that index."""
    row = Row(f"{items // 1000}k (Chroma server)", items, True)
    settings = Settings(
        data_dir=Path(tempfile.mkdtemp(prefix="server-replica-")),
        chroma_url=url,
        collection=f"scale{items}",
    )
    row.notes.append("the embedded index copied under `chroma run`: indexing not repeated")
    measure_answers(settings, row)
    row.cold_ask_s, row.cold_ask_rss_mb = cold_ask(settings, args.cold_runs)
    if args.first_ask:
        first_cold_ask(settings, row)
    row.disk_mb = du_mb(args.server_path)
    row.peak_rss_mb = rss_mb("VmHWM")
    return row


def start_server(path: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    process = subprocess.Popen(
        [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
            return process, url
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def table(rows: list[Row]) -> str:
    head = (
        "| size | indexing items/s | passages/s | raw encoder passages/s | ratio "
        "| answer p50/p95 ms | filtered answer p50/p95 ms | bare Chroma p50/p95 ms "
        "| bare filtered p50/p95 ms | answer ÷ bare p95 (unf./filt.) | lexical build s "
        "| cold ask s (peak RSS MB) | disk MB | process peak RSS MB |"
    )
    lines = [head, "|" + " --- |" * 14]
    for r in rows:
        items_s = r.items / r.index_s if r.index_s else 0
        pps = r.passages / r.index_s if r.index_s else 0
        ratio = f"{pps / r.encoder_pps:.2f}" if r.encoder_pps else "n/a (vectors reused)"
        enc = f"{r.encoder_pps:,.0f}" if r.encoder_pps else "—"
        a, f = r.answer["unfiltered"], r.answer["body+year"]
        b, bf = r.bare["unfiltered"], r.bare["body+year"]
        if not r.index_s:
            ratio = "not re-indexed"
        lines.append(
            f"| {r.label}{' *' if r.reused else ''} | {items_s:,.0f} | {pps:,.0f} | {enc} | {ratio} "
            f"| {a[0]:.1f} / {a[1]:.1f} | {f[0]:.1f} / {f[1]:.1f} | {b[0]:.1f} / {b[1]:.1f} "
            f"| {bf[0]:.1f} / {bf[1]:.1f} | {a[1] / b[1]:.1f}× / {f[1] / bf[1]:.1f}× "
            f"| {r.lexical_build_s:.1f} | {r.cold_ask_s:.2f} ({r.cold_ask_rss_mb:.0f}) "
            f"| {r.disk_mb:,.0f} | {r.peak_rss_mb:,.0f} |"
        )
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    load = os.getloadavg()
    return (
        f"{cpu_model()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, load average at the end {load[0]:.1f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--real-limit", type=int, default=10000)
    parser.add_argument("--server", action="store_true", help="the largest size via a server")
    parser.add_argument("--encoder-sample", type=int, default=2000, help="passages timed bare")
    parser.add_argument("--soak", type=int, default=10000, help="questions for the RSS soak")
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and indexes here")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the table here")
    parser.add_argument(
        "--bank-from",
        default=None,
        help="DATA_DIR:COLLECTION of an index whose real vectors to reuse (skips real encoding)",
    )
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument(
        "--first-ask",
        action="store_true",
        help="also time a cold ask with nothing saved in its data dir (the first after a change)",
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="measure answers on the indexes an earlier run left in --work (no indexing)",
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="minutes-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    report: list[str] = []

    def say(line: str) -> None:
        print(line, flush=True)
        report.append(line)

    configure_model_cache(work / "models")
    os.environ.setdefault("MINUTES_BOT_MODEL_CACHE", str(work / "models"))
    real = shared_embedder()
    real.embed_query("warm up")
    bank: list[np.ndarray] = []
    if args.bank_from:
        folder, _, collection = str(args.bank_from).partition(":")
        source = open_store(Settings(data_dir=Path(folder), collection=collection))
        got = source.units.get(include=["embeddings"], limit=args.real_limit * 10)
        bank.extend(np.asarray(got["embeddings"], dtype=np.float32))
        say(f"vector bank: {len(bank):,} real encodings read from {args.bank_from}")
    rows: list[Row] = []

    def progress() -> None:
        say(f"{rows[-1].label}: " + "; ".join(rows[-1].notes))
        say(table(rows[-1:]).splitlines()[-1])
        if args.markdown:
            args.markdown.write_text(table(rows) + "\n\n" + "\n\n".join(report) + "\n")

    for size in sorted(args.sizes):
        rows.append(run_size(size, work, real, bank, args))
        progress()
        if size == min(args.sizes) and args.soak:
            settings = Settings(data_dir=work / f"data-{size}", collection=f"scale{size}")
            marks = soak(settings, args.soak)
            say(
                f"memory over {args.soak:,} questions at {size // 1000}k items (RSS MB): "
                + ", ".join(f"{i:,}: {mb:.0f}" for i, mb in marks)
            )
    if args.server:
        size = max(args.sizes)
        args.server_path = work / "chroma-server"
        shutil.rmtree(args.server_path, ignore_errors=True)
        # The server serves a copy of the embedded index just built (same on-disk format), so
        # the largest size is not embedded twice; answers and a cold ask go through the server.
        shutil.copytree(work / f"data-{size}" / "chroma", args.server_path)
        process, url = start_server(args.server_path)
        try:
            rows.append(serve_size(size, url, args))
            progress()
        finally:
            process.terminate()
            process.wait(timeout=30)
    out = table(rows)
    print(out)
    footer = (
        f"\n\\* vectors reused above {args.real_limit:,} items (see notes). Machine: {machine()}."
        f" Ran {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC."
    )
    print(footer)
    if args.markdown:
        args.markdown.write_text(out + "\n" + footer + "\n\n" + "\n\n".join(report) + "\n")


if __name__ == "__main__":
    main()
