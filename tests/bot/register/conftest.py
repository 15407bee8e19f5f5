"""The register fixtures (tests/fixtures/register/) indexed once for every register test:
real parser, real model, real Chroma."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.paths import REPO

FIXTURES = REPO / "tests" / "fixtures" / "register"


def index(data_dir: Path, folder: Path) -> None:
    result = CliRunner().invoke(
        app, ["index", "--no-progress", "--data-dir", str(data_dir), str(folder)],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout


@pytest.fixture(scope="session")
def register_index(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("register-index")
    index(data_dir, FIXTURES)
    return data_dir
