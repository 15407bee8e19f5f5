"""Hostile modern.gov sites (issue 21, items 6-8), driven as the probe drove them:
``minutes-bot sync`` as a process against the fake site on 127.0.0.1, which trickles a page a
byte at a time, sends a gzip that expands far beyond any minutes, sends corrupt gzip for its
committee list, or redirects robots.txt to itself; or trickles a page's status line and
headers. Each is bounded, one line, and exits with
the documented code (docs/exit-codes.md); nothing prints a traceback."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.sync_probe import BACKOFF, PAGE_TIMEOUT, run_sync, stored_ids
from tests.index.sites.fake_moderngov import FakeModernGov, ashcombe, bramley, gzip_bomb

pytestmark = pytest.mark.slow

TODAY = dt.date.today()


@pytest.fixture
def site() -> Iterator[FakeModernGov]:
    with bramley(TODAY) as fake:
        yield fake


def _failed(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("failed ")]


def test_a_page_trickling_bytes_is_bounded_by_the_timeout(
    site: FakeModernGov, tmp_path: Path
) -> None:
    site.hostile["ielistdocuments.aspx:8002"] = "trickle"  # 2 bytes a second, for ever
    started = time.monotonic()
    run = run_sync(tmp_path / "data", site.url)
    took = time.monotonic() - started
    # Two tries of PAGE_TIMEOUT each and one backoff, plus the rest of the sync: far from the
    # hour the page would take.
    assert took < 60 + 2 * PAGE_TIMEOUT + BACKOFF, took
    assert run.code == ExitCode.OK, run.stderr
    failed = _failed(run.stdout)
    assert len(failed) == 1 and "ieListDocuments.aspx?" in failed[0], run.stdout
    assert failed[0].endswith(f"timed out after {PAGE_TIMEOUT:g} s (2 tries)"), failed
    assert "Traceback" not in run.stderr
    assert stored_ids(tmp_path / "data")  # the other meetings were synced


def test_a_status_line_and_headers_trickling_are_bounded_by_the_timeout(
    site: FakeModernGov, tmp_path: Path
) -> None:
    """Each read brings a byte within the timeout, so only a total deadline per request stops
    this page; the site would send it, whole, after about a minute."""
    site.hostile["ielistdocuments.aspx:8002"] = "trickle-head"
    started = time.monotonic()
    run = run_sync(tmp_path / "data", site.url)
    took = time.monotonic() - started
    assert run.code == ExitCode.OK, run.stderr
    failed = _failed(run.stdout)
    assert len(failed) == 1 and "ieListDocuments.aspx?" in failed[0], run.stdout
    assert failed[0].endswith(f"timed out after {PAGE_TIMEOUT:g} s (2 tries)"), failed
    assert "Traceback" not in run.stderr
    tries = site.requests("ielistdocuments.aspx:8002")
    assert len(tries) == 2
    # The client hung up on each try at its timeout (the fake notices within half a second).
    assert all(t.finished - t.started < PAGE_TIMEOUT + 3 for t in tries), tries
    assert tries[1].finished - tries[0].started < 2 * PAGE_TIMEOUT + BACKOFF + 6
    assert took < 60 + 2 * PAGE_TIMEOUT + BACKOFF, took
    assert stored_ids(tmp_path / "data")  # the other meetings were synced


def test_a_gzip_bomb_fails_its_meeting_in_one_line(site: FakeModernGov, tmp_path: Path) -> None:
    gzip_bomb()  # made before the sync, so making it is not taken for a slow site
    site.hostile["ielistdocuments.aspx:8002"] = "gzip-bomb"
    run = run_sync(tmp_path / "data", site.url)
    assert run.code == ExitCode.OK, run.stderr
    failed = _failed(run.stdout)
    assert len(failed) == 1 and failed[0].endswith("larger than 64 MB, so it is not read")
    assert "Traceback" not in run.stderr
    assert len(site.requests("ielistdocuments.aspx:8002")) == 1  # not retried


def test_corrupt_gzip_on_the_committee_list_is_one_line_exit_1(tmp_path: Path) -> None:
    with ashcombe(TODAY) as fake:
        fake.hostile["getcommittees"] = "corrupt-gzip"
        fake.hostile["mglistcommittees.aspx"] = "corrupt-gzip"  # the fallback too
        run = run_sync(tmp_path / "data", fake.url)
    assert run.code == ExitCode.NOTHING_INDEXED, run.stdout + run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("error: nothing could be synced:")
    assert "compressed response is corrupt" in run.stderr


def test_a_robots_txt_redirecting_to_itself_is_one_line_exit_1(
    site: FakeModernGov, tmp_path: Path
) -> None:
    site.robots_loop = True
    run = run_sync(tmp_path / "data", site.url)
    assert run.code == ExitCode.NOTHING_INDEXED, run.stdout + run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    assert "robots.txt could not be read (redirected too many times)" in run.stderr
