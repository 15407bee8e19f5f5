"""Parse every file under ../shared/corpus (or the folders given) and print per-folder figures.

Usage: .venv/bin/python bench/parse_corpus.py [FOLDER ...]

Prints, per folder: files, items, resolutions, actions, votes, dated statements, files that
failed, and the parse time (reading PDFs is timed separately, since pypdf dominates it). Also
checks the core invariant on the way: every quoted field (texts, quotes, vote motions, dated
statements) is an exact substring of the source text.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from index.formats import parse_document
from index.sources import discover, read_source

NOT_MINUTES = {"SOURCES.md", "README.md"}
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def quotes(meeting) -> list[str]:
    out = []
    for item in meeting.items:
        out.append(item.text)
        out.extend(r.text for r in item.resolutions)
        out.extend(r.quote for r in item.resolutions if r.quote)
        out.extend(a.text for a in item.actions)
        out.extend(a.quote for a in item.actions if a.quote)
        out.extend(a.update for a in item.actions if a.update)
        out.extend(v.text for v in item.votes)
        out.extend(v.motion for v in item.votes if v.motion)
        out.extend(d.text for d in item.dated)
        out.extend(d.when for d in item.dated)
    return out


def _measure(path: Path, row: dict[str, float]) -> int:
    """Parse one file into ``row``'s running totals; return how many quotes were not verbatim."""
    t0 = time.perf_counter()
    doc = read_source(path)
    t1 = time.perf_counter()
    try:
        meeting = parse_document(doc)
    except Exception as exc:  # a bench reports every failure and goes on
        row["failed"] += 1
        print(f"FAILED {path}: {exc}", file=sys.stderr)
        return 0
    t2 = time.perf_counter()
    row["files"] += 1
    row["read_s"] += t1 - t0
    row["parse_s"] += t2 - t1
    row["items"] += len(meeting.items)
    row["resolutions"] += sum(len(i.resolutions) for i in meeting.items)
    row["actions"] += sum(len(i.actions) for i in meeting.items)
    row["votes"] += sum(len(i.votes) for i in meeting.items)
    row["dated"] += sum(len(i.dated) for i in meeting.items)
    return sum(1 for q in quotes(meeting) if q not in doc.text)


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [DEFAULT]
    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    bad_quotes = 0
    for root in roots:
        for path in discover([root]):
            if path.name in NOT_MINUTES:
                continue
            folder = str(path.parent.relative_to(root)) if path.parent != root else root.name
            bad_quotes += _measure(path, rows[folder])
    header = (
        "folder",
        "files",
        "items",
        "resolutions",
        "actions",
        "votes",
        "dated",
        "failed",
        "read_s",
        "parse_s",
    )
    print(" | ".join(header))
    for folder in sorted(rows):
        row = rows[folder]
        print(
            f"{folder} | {int(row['files'])} | {int(row['items'])} | {int(row['resolutions'])} | "
            f"{int(row['actions'])} | {int(row['votes'])} | {int(row['dated'])} | "
            f"{int(row['failed'])} | "
            f"{row['read_s']:.2f} | {row['parse_s']:.3f}"
        )
    print(f"quotes not verbatim: {bad_quotes}")
    return 1 if bad_quotes or any(r["failed"] for r in rows.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
