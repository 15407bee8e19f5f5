"""Extraction recall on the development set: does the parser label the sentence that answers?

Usage: PYTHONPATH=. .venv/bin/python bench/extraction.py [DEV_JSONL] [--misses]

For every answerable question in ``../shared/eval/dev.jsonl`` this parses the question's
document exactly as the indexer does, finds the item the question names (by title, as
tests/index/formats/test_corpus.py does) and asks whether ``expected_quote`` lies inside one
of the item's extracted units: a resolution (``text`` or ``quote``), an action (``text``,
``quote`` or ``update``), a vote (``text`` or ``motion``) or a dated statement (``text``).
That share is the *extraction recall*: what the answer layer can lead with without falling
back to passages picked from the raw text. For owner questions it also reports whether
``answer_owner`` is among the item's extracted action owners (all words of the shorter name
in the longer, so "MNP, the City's internal auditor" meets "the City of London's Internal
Auditor MNP").

Works against any checkout: fields a version of the models lacks (``quote``, ``dated``)
simply count as absent, so the same script measures before and after a change.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from index.formats import parse_document
from index.models import AgendaItem, Meeting
from index.sources import read_source
from index.words import tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "dev.jsonl"
UNIT_KINDS = ("resolution", "action", "vote", "dated")


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def title_matches(name: str, item: AgendaItem) -> bool:
    """``name`` as a question writer gives it (maybe numbered, maybe cut with "…") names ``item``."""
    wanted = _fold(re.sub(r"(?:…|\.\.\.)\s*$", "", name))
    forms = [item.title]
    if item.number:
        forms += [f"{item.number}. {item.title}", f"{item.number} {item.title}"]
    return bool(wanted) and any(_fold(form).startswith(wanted) for form in forms)


def unit_texts(item: AgendaItem) -> dict[str, list[str]]:
    """Every quotable text of the item's extracted units, by unit kind."""

    def present(values: Iterable[str | None]) -> list[str]:
        return [v for v in values if v]

    return {
        "resolution": present(
            t for r in item.resolutions for t in (r.text, getattr(r, "quote", None))
        ),
        "action": present(
            t for a in item.actions for t in (a.text, getattr(a, "quote", None), a.update)
        ),
        "vote": present(t for v in item.votes for t in (v.text, v.motion)),
        "dated": present(d.text for d in getattr(item, "dated", [])),
    }


def same_owner(expected: str, extracted: str) -> bool:
    a, b = set(tokenize(expected)), set(tokenize(extracted))
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return small <= large


def measure(rows: list[dict]) -> list[dict]:
    """One result per answerable question: where its quote was found, and its owner."""
    meetings: dict[str, Meeting] = {}
    results = []
    for row in rows:
        if row.get("kind") == "unanswerable" or not row.get("doc"):
            continue
        doc = row["doc"]
        if doc not in meetings:
            meetings[doc] = parse_document(read_source(SHARED / doc))
        items = [i for i in meetings[doc].items if title_matches(row["item"], i)]
        quote = row.get("expected_quote") or ""
        found = {
            kind: any(quote in text for item in items for text in unit_texts(item)[kind])
            for kind in UNIT_KINDS
        }
        owner = row.get("answer_owner")
        owners = [a.owner for item in items for a in item.actions if a.owner]
        results.append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "item_found": bool(items),
                "in_item": any(quote in item.text for item in items),
                **found,
                "extracted": any(found.values()),
                "owner": owner,
                "owner_found": any(same_owner(owner, o) for o in owners) if owner else None,
            }
        )
    return results


def report(results: list[dict], misses: bool) -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[r["kind"]].append(r)
    groups["all"] = results
    print("kind | n | item+quote | " + " | ".join(UNIT_KINDS) + " | extraction recall")
    for kind in [*sorted(k for k in groups if k != "all"), "all"]:
        rows = groups[kind]
        n = len(rows)
        cells = [sum(1 for r in rows if r[k]) for k in ("in_item", *UNIT_KINDS)]
        hit = sum(1 for r in rows if r["extracted"])
        print(
            f"{kind} | {n} | " + " | ".join(str(c) for c in cells) + f" | {hit}/{n} ({hit / n:.2f})"
        )
    owners = [r for r in results if r["owner"]]
    got = sum(1 for r in owners if r["owner_found"])
    print(f"owner among the item's action owners: {got}/{len(owners)}")
    missed = [r["id"] for r in results if not r["extracted"]]
    print(f"quote not in an extracted unit ({len(missed)}): {' '.join(missed)}")
    if misses:
        print("owner missed: " + " ".join(r["id"] for r in owners if not r["owner_found"]))
        print("item not found: " + " ".join(r["id"] for r in results if not r["item_found"]))


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEV
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    report(measure(rows), misses="--misses" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
