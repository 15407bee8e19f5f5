"""Control characters in a site's text (issue 21, item 10), driven as the probe did:
``minutes-bot sync`` as a process against the fake modern.gov site whose committee title holds
terminal escape codes and whose agenda item title holds an ESC. The meeting is indexed (not
failed with "invalid Char value 27" on every run) and no escape code reaches the terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.sync_probe import run_sync
from tests.bot.cli.test_sync_hostile_links import _stored
from tests.index.sites.fake_moderngov import FakeModernGov, ashcombe

pytestmark = pytest.mark.slow

ESCAPES = "\x1b[2J\x1b[31m"


@pytest.fixture
def site() -> Iterator[FakeModernGov]:
    with ashcombe(dt.date.today()) as fake:
        fake.fail_once.clear()
        fake.slow.clear()
        fake.redirect.clear()
        fake.malformed.clear()
        fake.committee(1201).title = f"Cabinet{ESCAPES}"
        fake.item(40102).title = "Town Centre \x1bParking Strategy"
        yield fake


def test_an_esc_in_an_item_title_does_not_fail_its_meeting(
    site: FakeModernGov, tmp_path: Path
) -> None:
    run = run_sync(tmp_path / "data", site.url)
    assert run.code == ExitCode.OK, run.stdout + run.stderr
    assert not run.lines("failed "), run.stdout
    assert "\x1b" not in run.stdout + run.stderr
    titles = {i.source_item_id: i.title for i in _stored(tmp_path / "data")}
    assert titles["40102"] == "Town Centre Parking Strategy"


def test_escape_codes_in_committee_titles_never_reach_the_terminal(
    site: FakeModernGov, tmp_path: Path
) -> None:
    run = run_sync(tmp_path / "data", site.url, "--committee", "no such board")
    assert run.code == ExitCode.USAGE, run.stdout + run.stderr
    assert "Cabinet[2J[31m (1201)" in run.stderr or "Cabinet (1201)" in run.stderr, run.stderr
    assert "\x1b" not in run.stdout + run.stderr
