"""``minutes-bot index --prune``: files deleted from a folder leave the index; nothing else does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.index_probe import minutes, run_index, stored_items, summary_row

pytestmark = pytest.mark.slow


def titles(data_dir: Path) -> set[str]:
    return {str(meta.get("item_title")) for _, meta in stored_items(data_dir)}


def folder_of(root: Path, name: str, *topics: str) -> Path:
    folder = root / name
    folder.mkdir()
    for topic in topics:
        (folder / f"{topic}.txt").write_text(
            minutes(title=f"{topic.upper()} CONTRACT", topic=f"{topic} contract"),
            encoding="utf-8",
        )
    return folder


def test_prune_removes_deleted_files_and_only_under_the_named_folders(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    parks = folder_of(tmp_path, "parks", "mowing", "bins", "benches")
    roads = folder_of(tmp_path, "roads", "gritting")
    assert run_index(data_dir, parks, roads).exit_code == ExitCode.OK
    (parks / "bins.txt").unlink()
    (roads / "gritting.txt").unlink()

    kept = run_index(data_dir, parks)
    assert kept.exit_code == ExitCode.OK
    assert "BINS CONTRACT" in titles(data_dir)  # without --prune a deleted file stays

    pruned = run_index(data_dir, parks, extra=("--prune",))
    assert pruned.exit_code == ExitCode.OK
    assert summary_row(pruned.stdout, "removed") == "1"
    assert f"removed {parks / 'bins.txt'}: no longer on disk" in pruned.stdout.splitlines()
    assert titles(data_dir) == {"MOWING CONTRACT", "BENCHES CONTRACT", "GRITTING CONTRACT"}


def test_prune_of_a_folder_that_is_gone_removes_nothing(tmp_path: Path) -> None:
    """A lost mount must not empty the index: the missing path exits 3 and prunes nothing."""
    data_dir = tmp_path / "data"
    parks = folder_of(tmp_path, "parks", "mowing")
    run_index(data_dir, parks)
    shutil.rmtree(parks)
    result = run_index(data_dir, parks, extra=("--prune",))
    assert result.exit_code == ExitCode.MISSING_PATH
    assert titles(data_dir) == {"MOWING CONTRACT"}
