"""Scoring the action register: precision and recall of the actions it lists for questions.

Each line of the file is ``{"id", "question", "expected": [{"owner", "any": [fragment, …]}, …]}``
with an optional ``today`` (YYYY-MM-DD, for overdue questions). A listed action *matches* an
expected one when one of its fragments occurs in the listed quote (whitespace aside; fragments
are verbatim from the minutes). Each expected action is matched at most once, so an action
listed twice counts once for recall and once against precision: a register that repeats an
action is as wrong to a reader as one that lists a stranger's.

The question is read exactly as ``minutes-bot actions "<question>"`` reads it
(:func:`bot.register.questions.read_question`, then :func:`~bot.register.questions.ask_register`).
Run: ``python -m bot.eval.actions FILE --data-dir DIR``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.register.questions import ask_register, read_question
from bot.register.register import Register


@dataclass
class CaseScore:
    id: str
    question: str
    listed: int
    expected: int
    matched: int
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


@dataclass
class Scores:
    cases: list[CaseScore]

    @property
    def precision(self) -> float:
        listed = sum(c.listed for c in self.cases)
        return sum(c.matched for c in self.cases) / listed if listed else 1.0

    @property
    def recall(self) -> float:
        expected = sum(c.expected for c in self.cases)
        return sum(c.matched for c in self.cases) / expected if expected else 1.0


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score(cases: list[dict[str, Any]], register: Register, today: dt.date) -> Scores:
    out = []
    for case in cases:
        on = dt.date.fromisoformat(case["today"]) if case.get("today") else today
        reply = ask_register(register, read_question(case["question"], register, on))
        listed = [_norm(e.quote) for e in reply.entries]
        expected = [[_norm(f) for f in e["any"]] for e in case["expected"]]
        used: set[int] = set()
        extra = []
        for quote in listed:
            hit = next(
                (i for i, frags in enumerate(expected) if i not in used and _any_in(frags, quote)),
                None,
            )
            if hit is None:
                extra.append(quote[:120])
            else:
                used.add(hit)
        missed = [frags[0][:120] for i, frags in enumerate(expected) if i not in used]
        out.append(CaseScore(case["id"], case["question"], len(listed), len(expected), len(used)))
        out[-1].missed, out[-1].extra = missed, extra
    return Scores(out)


def _any_in(fragments: list[str], quote: str) -> bool:
    return any(f in quote for f in fragments)


def _norm(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    from bot.cli.options import load_settings
    from bot.register.register import load_register
    from index.store import open_store

    parser = argparse.ArgumentParser(description="Precision and recall of the action register.")
    parser.add_argument("file", type=Path)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--today", default=None, help="YYYY-MM-DD (default today)")
    parser.add_argument("--verbose", action="store_true", help="List missed and extra actions.")
    args = parser.parse_args(argv)
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    register = load_register(open_store(load_settings(args.data_dir, None)))
    scores = score(load(args.file), register, today)
    for case in scores.cases:
        print(f"{case.id}  listed {case.listed:3}  expected {case.expected:3}  "
              f"matched {case.matched:3}  {case.question}")  # fmt: skip
        if args.verbose:
            for text in case.missed:
                print(f"      missed: {text}")
            for text in case.extra:
                print(f"      extra:  {text}")
    print(
        f"precision {scores.precision:.2f}  recall {scores.recall:.2f}  ({len(scores.cases)} questions)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
