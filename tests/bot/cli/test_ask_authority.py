""" "Whose call is it?" asks who may decide: minutes record that as delegated authority, a phrase
the question never uses. The answer names the delegate, not the owner of a task about the same
plan (fictional modern.gov-style minutes, indexed and asked through the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.bot.cli.index_probe import minutes, run_index

pytestmark = pytest.mark.slow

TASK = """Agenda item

PLAY STRATEGY DELIVERY PLAN

Minutes:

The Board discussed the play strategy delivery plan and the play areas in each ward.

Action – Ms Okafor to share the play strategy delivery plan with ward members.

Supporting documents:
"""

DELEGATION = """Agenda item

PLAY STRATEGY 2025-2030

Minutes:

The Cabinet Member for Leisure introduced the play strategy.

RESOLVED:

1)    That the Play Strategy 2025-2030 be adopted.

2)    That authority be delegated to the Director of Parks, in consultation with the Cabinet
Member for Leisure, to make non-substantial revisions to the Play Strategy during its lifetime.

Supporting documents:
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("play")
    (folder / "board-2025-02-04.txt").write_text(TASK)
    (folder / "cabinet-2025-03-11.txt").write_text(DELEGATION)
    # Other business of the same councils, so that "play" and "strategy" are not in every item.
    for n, (title, topic) in enumerate(
        [
            ("LIBRARY OPENING HOURS", "library opening hours review"),
            ("WINTER GRITTING ROUTES", "winter gritting routes"),
            ("BUS SHELTER REPAIRS", "bus shelter repair programme"),
            ("ALLOTMENT RENTS", "allotment rents for next year"),
        ]
    ):
        (folder / f"board-2025-0{n + 4}-01.txt").write_text(minutes(title=title, topic=topic))
    data = tmp_path_factory.mktemp("authority")
    assert run_index(data, folder).exit_code == 0
    return data


@pytest.mark.parametrize(
    "question",
    [
        "if the play strategy needs tweaking later on, whose call is that?",
        "who gets to decide on changes to the play strategy?",
    ],
)
def test_whose_call_is_answered_by_the_delegation(data_dir: Path, question: str) -> None:
    result = CliRunner().invoke(
        app, ["ask", "--json", "--data-dir", str(data_dir), question], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["answer"] is not None, answer["refusal"]
    assert "Director of Parks" in (answer["answer"]["owner"] or answer["answer"]["quote"])
    assert answer["matches"][0]["item_title"] == "PLAY STRATEGY 2025-2030"
