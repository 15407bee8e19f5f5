"""A full disk (or an unreachable Chroma) ends `index` with one line and exit code 4, not a
traceback, and a re-run after the fix finishes the job (issue 8, item 9).

The first test fills a real, small tmpfs, so SQLite inside Chroma really runs out of space;
mounting needs root, so where that is not allowed it is skipped and the next tests, which raise
the exact errors seen there from the store, still cover the CLI's handling.
"""

from __future__ import annotations

import errno
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromadb.errors import InternalError

from bot.cli.index_report import ExitCode
from tests.bot.cli.index_probe import run_index, stored_items, summary_row

pytestmark = pytest.mark.slow

SQLITE_FULL = (
    "Query error: Database error: error returned from database: (code: 13) database or disk is full"
)
"""What Chroma 1.5 raised when the probe's disk filled (an ``InternalError``)."""


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        # lazy: Chroma, cached in this process, still holds its files open
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    # Unbuffered: a buffered file would try to flush what it could not write when it closes,
    # and raise ENOSPC again outside the try (now and then, depending on where the disk ran out).
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    # Single bytes too, so not even a page is left for SQLite.
    with filler.open("ab", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0")
        except OSError:
            pass
    return filler


def _one_error_line(result, where: Path | str) -> None:
    assert result.stderr == (
        f"error: disk full while writing the index in {where}: free some space and run index "
        "again (files already indexed are kept)\n"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_a_really_full_disk_is_one_line_and_a_rerun_recovers(
    small_disk: Path, samples_dir: Path
) -> None:
    data_dir = small_disk / "data"
    first = run_index(data_dir, samples_dir / "westvale")
    assert first.exit_code == ExitCode.OK, first.stdout
    filler = _fill(small_disk)

    full = run_index(data_dir, samples_dir / "northmoor")

    assert full.exit_code == ExitCode.INDEX_WRITE == 4
    _one_error_line(full, data_dir)
    filler.unlink()
    rerun = run_index(data_dir, samples_dir)
    assert rerun.exit_code == ExitCode.OK, rerun.stdout + rerun.stderr
    assert summary_row(rerun.stdout, "unchanged") == "1"  # westvale, from the first run
    paths = {meta["source_path"] for _, meta in stored_items(data_dir)}
    assert {Path(p).parent.name for p in paths} == {"westvale", "northmoor", "eastbrook"}


def test_chromas_disk_full_error_is_one_line(
    tmp_path: Path, samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise InternalError(SQLITE_FULL)

    monkeypatch.setattr("index.store.MinutesStore.add_units", full)
    data_dir = tmp_path / "data"

    result = run_index(data_dir, samples_dir / "westvale")

    assert result.exit_code == ExitCode.INDEX_WRITE
    _one_error_line(result, data_dir)


def test_a_chroma_server_that_is_not_there_is_one_line(tmp_path: Path, samples_dir: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"

    result = run_index(tmp_path / "data", samples_dir / "westvale", extra=("--chroma-url", url))

    assert result.exit_code == ExitCode.INDEX_WRITE
    assert result.stderr.startswith(f"error: cannot reach the Chroma server at {url}: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_other_storage_errors_are_not_disguised_as_a_full_disk(
    tmp_path: Path, samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only "disk full" is translated; any other failure still surfaces as itself."""

    def broken(*args: object, **kwargs: object) -> None:
        raise InternalError("Query error: Database error: database disk image is malformed")

    monkeypatch.setattr("index.store.MinutesStore.add_units", broken)
    with pytest.raises(InternalError, match="malformed"):
        run_index(tmp_path / "data", samples_dir / "westvale")
