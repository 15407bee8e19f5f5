"""`minutes-bot index --progress` shows a bar that ends complete, then the summary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.paths import REPO

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


def test_a_huge_item_shows_progress_as_its_chunks_are_embedded(tmp_path: Path) -> None:
    """Probe (issue 8, item 9): one item of 100,000 lines sat at "0/1 files" for minutes.

    The same thing at a size a test can afford: one item of 500 lines (about 35 chunks),
    model batches of 2, so the bar must move every 8 chunks inside the one file. Run as a real
    process whose stdout rich treats as an interactive terminal, as the operator saw it.
    """
    lines = [f"Paragraph {n} of the long discussion about the parks contract." for n in range(500)]
    big = tmp_path / "big-item.txt"
    big.write_text(
        "Agenda item\n\nPARKS MAINTENANCE CONTRACT\n\nMinutes:\n\n"
        + "\n".join(lines)
        + "\n\nRESOLVED:\n\n1)    That the contract be extended.\n\nSupporting documents:\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TTY_COMPATIBLE": "1",
        "TTY_INTERACTIVE": "1",
        "COLUMNS": "160",
        "MINUTES_BOT_EMBED_BATCH_SIZE": "2",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "index",
            "--progress",
            "--data-dir",
            str(tmp_path / "d"),
            str(big),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stderr
    shown = [
        (int(done), int(total))
        for done, total in re.findall(
            r"embedding big-item\.txt: ([\d,]+)/([\d,]+) chunks", result.stdout
        )
    ]
    totals = {total for _, total in shown}
    assert len(totals) == 1 and totals.pop() > 30
    steps = sorted({done for done, _ in shown})
    assert steps[:3] == [8, 16, 24]  # every slice of 4 model batches is shown as it completes
    assert len(steps) >= 4
    assert result.stdout.index("embedding big-item.txt: 8/") < result.stdout.index(
        "Indexed 1 files"
    )
