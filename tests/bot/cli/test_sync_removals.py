"""A site glitch never empties the index (issue 21): ``minutes-bot sync`` as a process against
the fake modern.gov site, after a normal sync, when the site answers an empty committee list or
drops every meeting of a committee. Nothing is removed, the run names the committee and exits
5, until the operator confirms with ``--allow-removals``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.index_probe import summary_row
from tests.bot.cli.sync_probe import run_sync, stored_ids
from tests.index.sites.fake_moderngov import FakeModernGov, ashcombe

pytestmark = pytest.mark.slow

TODAY = dt.date.today()


@pytest.fixture
def site() -> Iterator[FakeModernGov]:
    """Ashcombe without its traps, so every meeting syncs."""
    with ashcombe(TODAY) as fake:
        fake.fail_once.clear()
        fake.slow.clear()
        fake.redirect.clear()
        fake.malformed.clear()
        yield fake


def test_an_empty_committee_list_removes_nothing_and_exits_5(
    site: FakeModernGov, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    first = run_sync(data_dir, site.url)
    assert first.code == 0, first.stderr
    before = stored_ids(data_dir)
    assert len(before) == 12

    site.committees = []  # <committees><committeescount> 0</committeescount></committees>
    glitch = run_sync(data_dir, site.url)
    assert glitch.code == ExitCode.REMOVALS_WITHHELD == 5, glitch.stderr
    assert summary_row(glitch.stdout, "meetings removed") == "0"
    assert summary_row(glitch.stdout, "items removed") == "0"
    share, *committees = glitch.stderr.splitlines()
    assert share.startswith("error: site fault: the site's listings drop 8 meetings, 12 of the 12")
    assert sorted(line.split(": ")[2] for line in committees) == [
        "committee Cabinet (1201)",
        "committee Children's Services Scrutiny Committee (1202)",
        "committee Licensing & Appeals Sub-Committee (1203)",
    ]
    assert all(line.endswith("re-run with --allow-removals") for line in [share, *committees])
    assert stored_ids(data_dir) == before

    confirmed = run_sync(data_dir, site.url, "--allow-removals")
    assert confirmed.code == 0, confirmed.stderr
    assert summary_row(confirmed.stdout, "items removed") == "12"
    assert stored_ids(data_dir) == {}


def test_a_committee_listing_that_drops_every_meeting_is_named_and_kept(
    site: FakeModernGov, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    assert run_sync(data_dir, site.url).code == 0
    before = stored_ids(data_dir)
    # GetMeetings for Licensing answers a well-formed empty list; Cabinet loses one meeting.
    site.meetings = [m for m in site.meetings if m.committee != 1203 and m.id != 5003]
    run = run_sync(data_dir, site.url)
    assert run.code == ExitCode.REMOVALS_WITHHELD, run.stderr
    assert run.stderr.splitlines() == [
        "error: site fault: committee Licensing & Appeals Sub-Committee (1203): the site lists "
        "none of the 3 meetings indexed from it: nothing removed; if they really left the "
        "site, re-run with --allow-removals"
    ]
    # The single Cabinet meeting that left is removed as before.
    assert summary_row(run.stdout, "meetings removed") == "1"
    assert set(before) - set(stored_ids(data_dir)) == {"40301"}

    again = run_sync(data_dir, site.url, "--allow-removals")
    assert again.code == 0, again.stderr
    assert summary_row(again.stdout, "meetings removed") == "3"
    assert not {"60101", "60201", "60301"} & set(stored_ids(data_dir))
