"""The sync ledger in the shared database: meetings seen, the HTTP cache, the site lease and
what App Home reads. SQLite in a temporary data folder; no network, no model."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import update

from index.ledger import CacheRow, Ledger, SeenMeeting, SiteBusyError, last_syncs
from index.models import MinutesStatus
from index.settings import IndexSettings
from index.sites.http import CachedResponse

SITE = "https://democracy.fenwick.example/"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def settings(tmp_path: Path) -> IndexSettings:
    return IndexSettings(data_dir=tmp_path / "data")


@pytest.fixture
def ledger(settings: IndexSettings) -> Ledger:
    return Ledger.for_settings(settings)


def seen(meeting: str, items: dict[str, str], indexed: bool = True, **extra) -> SeenMeeting:
    return SeenMeeting(
        site=SITE,
        meeting=meeting,
        committee="144",
        committee_title="Audit Committee",
        held_on=dt.date(2026, 11, 10),
        status=MinutesStatus.DRAFT,
        source_path=f"{SITE}ieListDocuments.aspx?CId=144&MId={meeting}",
        indexed=indexed,
        items=items,
        urls=[f"{SITE}mgWebService.asmx/GetMeeting?lMeetingId={meeting}"],
        synced_at="2026-12-01T09:00:00+00:00",
        **extra,
    )


def test_a_meeting_record_reads_back_as_written_and_is_replaced(ledger: Ledger) -> None:
    ledger.record(seen("4967", {"18831": "abc", "18832": "def"}))
    assert ledger.meetings(SITE) == {"4967": seen("4967", {"18831": "abc", "18832": "def"})}
    ledger.record(seen("4967", {"18831": "xyz"}))
    assert ledger.meetings(SITE)["4967"].items == {"18831": "xyz"}
    assert ledger.meetings("https://elsewhere.example/") == {}


def test_a_second_ledger_on_the_same_database_sees_the_same_rows(settings: IndexSettings) -> None:
    Ledger.for_settings(settings).record(seen("1", {"a": "b"}))
    assert list(Ledger(settings.database).meetings(SITE)) == ["1"]


def test_cached_pages_come_back_whole_and_leave_with_their_meeting(ledger: Ledger) -> None:
    url = f"{SITE}mgWebService.asmx/GetMeeting?lMeetingId=4967"
    body = b"<meeting>" + "Committee’s minutes ".encode() * 500 + b"</meeting>"
    ledger.store(url, CachedResponse('"v1"', None, "f" * 64, body))
    assert ledger.lookup(url) == CachedResponse('"v1"', None, "f" * 64, body)
    assert ledger.lookup(url + "0") is None
    ledger.record(seen("4967", {}))
    ledger.forget(SITE, "4967", [url])
    assert ledger.lookup(url) is None
    assert ledger.meetings(SITE) == {}


def test_a_damaged_cache_entry_is_a_miss(ledger: Ledger) -> None:
    url = f"{SITE}x"
    ledger.store(url, CachedResponse(None, None, "0" * 64, b"page"))
    with ledger.Session.begin() as session:
        session.execute(update(CacheRow).values(body=b"not zlib"))
    assert ledger.lookup(url) is None


def test_a_site_held_by_a_live_sync_is_refused_until_its_lease_runs_out(ledger: Ledger) -> None:
    ledger.claim(SITE, "moderngov", "other-host:123", NOW)
    with pytest.raises(SiteBusyError, match="being synced by other-host:123"):
        ledger.claim(SITE, "moderngov", "me:1", NOW + dt.timedelta(minutes=5))
    ledger.claim(SITE, "moderngov", "me:1", NOW + dt.timedelta(hours=1))  # lease ran out


def test_a_lease_held_by_a_process_of_this_host_that_is_gone_is_taken_over(ledger) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    ledger.claim(SITE, "moderngov", f"{socket.gethostname()}:{gone.pid}", NOW)
    ledger.claim(SITE, "moderngov", "me:1", NOW + dt.timedelta(seconds=1))


def test_last_syncs_counts_what_the_index_holds_from_each_site(settings, ledger) -> None:
    ledger.claim(SITE, "moderngov", "me:1", NOW)
    ledger.record(seen("1", {"a": "1", "b": "2"}))
    ledger.record(seen("2", {"c": "3"}))
    ledger.record(seen("3", {}, indexed=False))  # no minutes yet: not held
    assert last_syncs(settings) == []  # the first sync is still running
    ledger.release(SITE, "me:1", finished_at="2026-12-01T09:05:00+00:00", mode="web service")
    (only,) = last_syncs(settings)
    assert (only.site, only.finished_at, only.meetings, only.items, only.mode) == (
        SITE,
        "2026-12-01T09:05:00+00:00",
        2,
        3,
        "web service",
    )
    # An interrupted sync (released without finishing) leaves the last finished one shown.
    ledger.claim(SITE, "moderngov", "me:2", NOW + dt.timedelta(days=1))
    ledger.release(SITE, "me:2", finished_at=None, mode="web service")
    assert last_syncs(settings)[0].finished_at == "2026-12-01T09:05:00+00:00"
