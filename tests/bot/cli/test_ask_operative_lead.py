"""Issue 22, point 1 (decisions), through ``minutes-bot ask``: the answer line quotes what a
motion resolved, not its "Council believes …" preamble, bounded at a clause with "…" (the
item below holds the whole resolution); a decision in parts leads with its money decision
(fictional minutes, tests/fixtures/replies)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_cli as ask
from tests.bot.cli.index_probe import run_index
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow

MINUTES = FIXTURES / "replies"
COUNCIL = (MINUTES / "Council_2025-05-15_printed_minutes.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("operative")
    assert run_index(data, *sorted(MINUTES.glob("*.txt"))).exit_code == 0
    return data


def test_the_lead_is_the_operative_clause_bounded_with_the_whole_below(data_dir: Path) -> None:
    question = "What did the council decide about rural bus services?"
    text = ask(data_dir, question)
    line, rest = text.split("\n\nSupporting item", 1)
    assert line.startswith("Answer: “Council therefore resolves to allocate £1.2")
    shown = line.split("“", 1)[1].split("”", 1)[0]
    assert shown.endswith("…") and shown[:-1] in COUNCIL and len(shown) <= 320
    assert "Council believes" in rest  # the resolution, whole, under its item
    lead = json.loads(ask(data_dir, question, "--json"))["answer"]
    assert lead["quote"].startswith("Council therefore resolves") and lead["quote"] in COUNCIL
    assert lead["shown"] == shown


def test_a_decision_in_parts_leads_with_the_part_that_approves_the_money(data_dir: Path) -> None:
    text = ask(data_dir, "What happened with the Saltmere sea wall report at Cabinet?")
    assert text.startswith("Answer: “approve capital expenditure of £3.4 million")
