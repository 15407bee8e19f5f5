"""City of London shapes (tests/fixtures/register_motions/): a motion recorded again "as
amended" prints each action twice, and the council's adoption of a committee's item prints it
a third time; the register lists each action once, as the committee's and the council's. A
clause recurring word for word under an unrelated item stays a separate action."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.bot.register.conftest import index
from tests.paths import REPO

pytestmark = pytest.mark.slow

MOTIONS = REPO / "tests" / "fixtures" / "register_motions"
COMMITTEE = "City of London Harbourside Budget Committee"
COUNCIL = "City of London Municipal Council"


def actions(data_dir: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(
        app,
        ["actions", "--data-dir", str(data_dir), "--today", "2025-06-01", "--format", "json",
         *args],
        catch_exceptions=False,
    )  # fmt: skip
    return json.loads(result.stdout)["actions"]


@pytest.fixture(scope="module")
def motions_index(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("motions")
    index(data_dir, MOTIONS)
    return data_dir


def test_each_action_is_listed_once_however_often_it_is_printed(motions_index: Path):
    listed = actions(motions_index, "--status", "all")
    assert sorted((a["owner"], a["item"]) for a in listed) == [
        ("Chair", "2026 Ferry Budget Update"),
        ("Civic Administration", "2026 Ferry Budget Update"),
        ("Civic Administration", "2026 Ferry Budget Update"),
        ("Civic Administration", "Harbour Wall Repairs Contract"),
        ("Harbour Master", "2026 Ferry Budget Update"),
    ]
    (harbour,) = [a for a in listed if a["owner"] == "Harbour Master"]
    assert harbour["due"] == "2025-09-30"
    assert harbour["body"] == COMMITTEE  # raised where it was first recommended
    sources = "\n".join(p.read_text(encoding="utf-8") for p in MOTIONS.glob("2025-*.md"))
    assert all(a["quote"] in sources for a in listed)


def test_an_adopted_recommendation_is_the_councils_action_too(motions_index: Path):
    council = actions(motions_index, "--body", "City Council")
    assert len(council) == 5  # four adopted from the committee, one its own
    committee = actions(motions_index, "--body", "Harbourside Budget Committee")
    assert len(committee) == 4
    assert all(a["body"] == COMMITTEE for a in committee)
    own = [a for a in council if a["body"] == COUNCIL]
    assert [a["item"] for a in own] == ["Harbour Wall Repairs Contract"]
