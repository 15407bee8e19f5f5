"""An owner question whose item is about the question but names no one to act is answered
with that item, saying "No owner is named in the minutes.", instead of being refused as if
nothing were minuted (fictional modern.gov-style minutes, indexed and asked through the CLI,
with the default rules deciding)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.bot.cli.index_probe import ask_json, index_beside_other_business

pytestmark = pytest.mark.slow

SIRENS = """Agenda item

FLOOD WARNING SIRENS

Minutes:

The Clerk reported that the flood warning sirens on the river bank had failed their spring
test; they will be tested monthly from now on.

Supporting documents:
"""

QUESTION = "who is responsible for the flood warning sirens?"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(
        tmp_path_factory, "sirens", {"council-2025-04-20.txt": SIRENS}
    )


def test_an_item_naming_no_owner_answers_and_says_so(data_dir: Path) -> None:
    answer = ask_json(data_dir, QUESTION)
    assert answer["answer"] is not None, answer["refusal"]
    assert answer["matches"][0]["item_title"] == "FLOOD WARNING SIRENS"
    assert answer["lacks"] == "owner"
    shown = CliRunner().invoke(app, ["ask", "--data-dir", str(data_dir), QUESTION])
    assert shown.exit_code == 0, shown.output
    assert "No owner is named in the minutes." in shown.output
    assert "the flood warning sirens" in shown.output


def test_an_owner_question_about_nothing_minuted_is_still_refused(data_dir: Path) -> None:
    answer = ask_json(data_dir, "who is responsible for the new crematorium?")
    assert answer["answer"] is None and answer["refusal"]["kind"] == "not_found"
