"""A full disk during ``sync`` (issue 21, item 3), driven as the probe drove it: the data folder
on a real 4 MB tmpfs, filled after a first sync, then ``minutes-bot sync`` against the fake
modern.gov site with something new to index. One line and exit 4 (docs/exit-codes.md), never
Chroma's ``InternalError`` traceback; after space is freed a re-run finishes the job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.sync_probe import run_sync, stored_ids
from tests.bot.cli.test_index_disk_full import _fill, small_disk  # noqa: F401 (fixture)
from tests.index.sites.fake_moderngov import bramley

pytestmark = pytest.mark.slow


def test_a_really_full_disk_during_sync_is_one_line_exit_4_and_a_rerun_recovers(
    small_disk: Path,  # noqa: F811
) -> None:
    data_dir = small_disk / "data"
    with bramley(dt.date.today()) as site:
        first = run_sync(data_dir, site.url, "--committee", "Planning Committee")
        assert first.code == ExitCode.OK, first.stdout + first.stderr
        filler = _fill(small_disk)

        full = run_sync(data_dir, site.url)  # the Community Committee is new

        assert full.code == ExitCode.INDEX_WRITE == 4, full.stdout + full.stderr
        assert full.stderr.startswith("error: disk full while writing the index"), full.stderr
        assert "run sync again" in full.stderr
        assert full.stderr.count("\n") == 1 and "Traceback" not in full.stderr, full.stderr
        filler.unlink()
        rerun = run_sync(data_dir, site.url)
    assert rerun.code == ExitCode.OK, rerun.stdout + rerun.stderr
    assert set(stored_ids(data_dir)) >= {"70102", "70201", "71101"}
