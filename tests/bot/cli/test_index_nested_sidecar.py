"""A 400 KB sidecar nested ``[[[…`` deep (issue 21, item 16), driven as the probe did:
``minutes-bot index`` on the minutes file beside it. The sidecar is warned about and the
minutes file is indexed, as with any other bad sidecar, instead of a RecursionError skipping
the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.index_probe import run_index, stored_items

pytestmark = pytest.mark.slow


def test_a_deeply_nested_sidecar_is_a_warning_and_the_file_is_indexed(
    tmp_path: Path, samples_dir: Path
) -> None:
    source = sorted((samples_dir / "westvale").iterdir())[0]
    folder = tmp_path / "minutes"
    folder.mkdir()
    minutes = folder / source.name
    shutil.copy(source, minutes)
    sidecar = minutes.with_name(minutes.name + ".meta.json")
    sidecar.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")

    result = run_index(tmp_path / "data", folder)

    assert result.exit_code == ExitCode.OK, result.stdout
    assert "nested too deeply" in result.stdout + result.stderr
    assert {Path(meta["source_path"]).name for _, meta in stored_items(tmp_path / "data")} == {
        minutes.name
    }
