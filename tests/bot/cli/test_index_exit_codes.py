"""`minutes-bot index` tells cron and compose whether it did its job, through its exit code.

Probe (issue 8, item 2): the command exited 0 when every file was skipped or a named path did
not exist, so a broken nightly job looked healthy. The codes are listed in docs/exit-codes.md.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.index_probe import minutes, run_index, summary_row
from tests.paths import REPO


def _junk_folder(root: Path) -> Path:
    folder = root / "junk"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "shopping.txt").write_text("eggs\nmilk\nbread\n", encoding="utf-8")
    return folder


def test_every_file_skipped_exits_1_with_one_error_line(tmp_path: Path) -> None:
    folder = _junk_folder(tmp_path)

    result = run_index(tmp_path / "data", folder)

    assert result.exit_code == ExitCode.NOTHING_INDEXED == 1
    assert result.stderr == "error: nothing could be indexed: all 2 files were skipped\n"
    assert f"skipped {folder / 'empty.txt'}: empty file" in result.stdout.splitlines()


def test_a_folder_without_minutes_exits_1_and_says_what_was_looked_for(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "board.jpg").write_bytes(b"\xff\xd8\xff")

    result = run_index(tmp_path / "data", folder)

    assert result.exit_code == ExitCode.NOTHING_INDEXED
    assert result.stderr == "error: nothing could be indexed: no minutes files were found\n"
    assert (
        f"warning: {folder}: no minutes files found (looked for .aspx, .htm, .html, .markdown, "
        ".md, .pdf, .text, .txt)" in result.stdout.splitlines()
    )


def test_a_missing_path_exits_3_from_a_real_process(tmp_path: Path) -> None:
    """Through ``python -m bot.cli`` and ``main()``, exactly as cron runs it."""
    missing = tmp_path / "mounted-share" / "minutes"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "index", "--data-dir", str(tmp_path / "d"), str(missing)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=300,
    )
    assert result.returncode == ExitCode.MISSING_PATH == 3
    assert result.stderr == f"error: {missing}: no such file or directory\n"
    assert "Traceback" not in result.stdout


@pytest.mark.slow
def test_a_missing_path_beside_good_ones_still_indexes_them_and_exits_3(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(minutes(), encoding="utf-8")
    missing = tmp_path / "gone"

    result = run_index(tmp_path / "data", good, missing)

    assert result.exit_code == ExitCode.MISSING_PATH
    assert summary_row(result.stdout, "indexed") == "1"
    assert result.stderr == f"error: {missing}: no such file or directory\n"


@pytest.mark.slow
def test_a_partial_batch_exits_0_and_lists_what_was_skipped(tmp_path: Path) -> None:
    folder = _junk_folder(tmp_path)
    (folder / "good.txt").write_text(minutes(), encoding="utf-8")
    data_dir = tmp_path / "data"

    first = run_index(data_dir, folder)
    again = run_index(data_dir, folder)

    assert (first.exit_code, first.stderr) == (ExitCode.OK, "")
    assert summary_row(first.stdout, "indexed") == "1"
    assert summary_row(first.stdout, "skipped") == "2"
    assert f"skipped {folder / 'shopping.txt'}: no recognisable agenda items or decisions" in (
        first.stdout.splitlines()
    )
    # Nothing new the second time is still success: the file is in the index.
    assert (again.exit_code, summary_row(again.stdout, "unchanged")) == (ExitCode.OK, "1")


def test_an_unknown_option_is_a_usage_error_2(tmp_path: Path) -> None:
    result = run_index(tmp_path / "data", tmp_path, extra=("--frobnicate",))
    assert result.exit_code == ExitCode.USAGE == 2


def test_every_exit_code_is_documented() -> None:
    doc = (REPO / "docs" / "exit-codes.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| `(\d+)` \|", doc, flags=re.M)}
    assert documented == {int(code) for code in ExitCode}
