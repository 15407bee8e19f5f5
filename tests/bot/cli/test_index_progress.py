"""`minutes-bot index --progress` shows a bar that ends complete, then the summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

pytestmark = pytest.mark.slow


def test_progress_bar_then_summary(samples_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["index", "--progress", "--data-dir", str(tmp_path), str(samples_dir)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    bar, _, summary = result.stdout.partition("Index summary")
    files = len([p for p in samples_dir.rglob("*") if p.suffix in {".txt", ".html"}])
    assert f"Indexed {files} files" in bar
    assert "100%" in bar
    assert "agenda items" in summary
