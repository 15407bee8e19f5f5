"""How long a Slack reply is: blocks and characters of the first message, question by question.

Usage: PYTHONPATH=. .venv/bin/python bench/reply_size.py [--data-dir DIR] [--questions FILE]
       [--full] [--each]

Asks every question of the development set (default ../shared/eval/dev.jsonl) against the
index in DIR, as the bot does in a channel (``Settings.top_k`` items a page, one more asked for
to know whether "Show more" is needed), renders the reply with the product's own
:func:`bot.slack.render.blocks.answer_messages`, and prints the median and the maximum of the
blocks and of the characters of text (every text object, as a reader sees it) in the first
message, for answered and refused questions apart. ``--full`` measures the page "Show more"
opens instead of the first screen; ``--each`` lists every question's figures.

Figures, not assertions: the measurement behind issue 22, point 5 (≤ 8 blocks and ≤ 1,500
characters on the first screen).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bot.answer.service import Answerer
from bot.eval.dataset import load_cases
from bot.eval.runner import latest_meeting_date
from bot.settings import Settings
from bot.slack.render.blocks import answer_messages
from bot.slack.render.payloads import Page
from index.store import open_store
from prompts.mrkdwn import unescape

REPO = Path(__file__).resolve().parents[1]


def texts(blocks: list[dict]) -> list[str]:
    """Every text object of the blocks (sections, contexts, buttons), as a reader sees it."""
    out = []
    for block in blocks:
        for part in [block, block.get("accessory") or {}, *block.get("elements", [])]:
            text = part.get("text")
            if isinstance(text, dict):
                text = text.get("text")
            if isinstance(text, str):
                out.append(unescape(text))
    return out


def measure(answerer: Answerer, question: str, size: int, full: bool) -> tuple[int, int, bool]:
    """(blocks, characters, answered) of the first message of the reply to ``question``."""
    answer = answerer.ask(question, limit=size + 1)
    more = len(answer.matches) > size
    answer.matches = answer.matches[:size]
    page = Page(question, full=True) if full else Page(question)  # main's Page: no ``full``
    first = answer_messages(answer, page, more=more)[0]
    blocks = [b.to_dict() for b in first.blocks]
    return len(blocks), sum(len(t) for t in texts(blocks)), answer.found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--questions", type=Path, default=REPO.parent / "shared/eval/dev.jsonl")
    parser.add_argument("--full", action="store_true", help='measure the "Show more" page')
    parser.add_argument("--each", action="store_true", help="list every question's figures")
    args = parser.parse_args(argv)
    if args.data_dir:  # every part that reads settings (the model's cache too) reads this one
        os.environ["MINUTES_BOT_DATA_DIR"] = str(args.data_dir)
    settings = Settings()
    store = open_store(settings)
    answerer = Answerer(settings, store, today=latest_meeting_date(store))
    rows = []
    for case in load_cases(args.questions):
        blocks, chars, found = measure(answerer, case.question, settings.top_k, args.full)
        rows.append((case.id, blocks, chars, found))
        if args.each:
            print(f"{case.id}\t{blocks}\t{chars}\t{'answered' if found else 'refused'}")
    print(
        f"{'full page' if args.full else 'first screen'}, {len(rows)} questions, top_k {settings.top_k}"
    )
    for label, group in (
        ("answered", [r for r in rows if r[3]]),
        ("refused", [r for r in rows if not r[3]]),
        ("all", rows),
    ):
        if not group:
            continue
        b = [r[1] for r in group]
        c = [r[2] for r in group]
        print(
            f"{label:9} n={len(group):3}  blocks median {statistics.median(b):5.1f} max {max(b):3}"
            f"  characters median {statistics.median(c):7.1f} max {max(c):5}"
            f"  over 8 blocks: {sum(x > 8 for x in b)}, over 1,500 characters: "
            f"{sum(x > 1500 for x in c)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
