"""A motion moved, amended and recorded again "as amended" prints each of its actions twice
(the City of London shape); the register lists each once."""

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


def test_a_motion_recorded_again_as_amended_is_one_action_each(tmp_path: Path):
    index(tmp_path, MOTIONS)
    result = CliRunner().invoke(
        app,
        ["actions", "--data-dir", str(tmp_path), "--status", "all", "--format", "json"],
        catch_exceptions=False,
    )
    actions = json.loads(result.stdout)["actions"]
    assert sorted(a["owner"] for a in actions) == [
        "Chair",
        "Civic Administration",
        "Harbour Master",
    ]
    (harbour,) = [a for a in actions if a["owner"] == "Harbour Master"]
    assert harbour["due"] == "2025-09-30"
    source = next(MOTIONS.glob("2025-*.md")).read_text(encoding="utf-8")
    assert all(a["quote"] in source for a in actions)
