"""``sync_site`` in-process against the fake site, for what needs many runs: an interrupted sync
re-run ends with the index a clean run gives, and only what was walked can be removed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from index.chunking import build_records
from index.embeddings import Embedder
from index.ledger import Ledger
from index.sites.http import PoliteClient
from index.sites.meeting import to_meeting
from index.sites.models import Committee, MeetingStub
from index.sites.moderngov import ModernGovScraper
from index.store import open_store
from index.sync import SyncReport, sync_site
from index.units import unit_table_for
from tests.index.sites.fake_moderngov import FakeModernGov, ashcombe
from tests.index.test_incremental import snapshot

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


def sync(site: FakeModernGov, data_dir: Path, embedder, **options: Any) -> SyncReport:
    settings = Settings(data_dir=data_dir)
    client = PoliteClient(
        contact="https://example.invalid/t", delay=0, retries=0, cache=Ledger.for_settings(settings)
    )
    try:
        return sync_site(
            site.url, settings, client=client, embedder=embedder, today=TODAY, **options
        )
    finally:
        client.close()


def state(data_dir: Path, site_url: str) -> dict[str, object]:
    """Everything a sync leaves: the Chroma records, the BM25 documents, the ledger's
    meetings (without the time each was recorded)."""
    settings = Settings(data_dir=data_dir)
    meetings = Ledger.for_settings(settings).meetings(site_url)
    return {
        "chroma": snapshot(open_store(settings)),
        "lexical": sorted(unit_table_for(settings).refresh(force=True).ids),
        "ledger": {mid: (m.status, m.items, m.indexed) for mid, m in meetings.items()},
    }


def test_an_interrupted_sync_rerun_ends_with_the_index_a_clean_run_gives(
    site: FakeModernGov, tmp_path: Path, embedder
) -> None:
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    first = sync(site, clean, embedder)
    assert first.meetings_new == 8 and not first.failed

    class Interrupted(Exception):
        pass

    walked: list[str] = []

    def stop_at_the_fourth(stub: MeetingStub) -> None:
        walked.append(stub.id)
        if len(walked) == 4:
            raise Interrupted

    with pytest.raises(Interrupted):
        sync(site, broken, embedder, on_meeting=stop_at_the_fourth)
    # And a meeting half-written by a crash mid-store: its chunks without its items.
    with PoliteClient(contact="https://example.invalid/t", delay=0) as client:
        children = Committee("1202", "Children's Services Scrutiny Committee")
        stub = MeetingStub("6001", children, site.meeting(6001).date)
        half = build_records(to_meeting(site.url, ModernGovScraper(site.url, client).meeting(stub)))
    vectors = embedder.embed_documents([u.text for u in half.units])
    open_store(Settings(data_dir=broken)).add_units(half.units, vectors)
    assert state(broken, site.url) != state(clean, site.url)

    rerun = sync(site, broken, embedder)
    assert not rerun.failed
    assert state(broken, site.url) == state(clean, site.url)
    # The re-run reported as new only what the interrupted run had not recorded.
    assert rerun.meetings_new == 8 - 3


def test_only_walked_committees_and_dates_can_lose_meetings(
    site: FakeModernGov, tmp_path: Path, embedder
) -> None:
    data_dir = tmp_path / "data"
    sync(site, data_dir, embedder)
    site.meetings.remove(site.meeting(6001))  # Children's Services, 30 days ago
    site.meetings.remove(site.meeting(5001))  # Cabinet, 50 days ago

    cabinet_recent = sync(
        site, data_dir, embedder, committees=["Cabinet"], since=TODAY - dt.timedelta(days=20)
    )
    assert cabinet_recent.meetings_removed == 0  # 5001 is before the window walked
    assert cabinet_recent.committees == 1

    cabinet = sync(site, data_dir, embedder, committees=["1201"])
    assert cabinet.meetings_removed == 1 and len(cabinet.removed_item_ids) == 2
    stored = {m.meeting_id for m in open_store(Settings(data_dir=data_dir)).all_item_meta()}
    assert "5001" not in stored and "6001" in stored  # Children's was not walked

    everything = sync(site, data_dir, embedder)
    assert everything.meetings_removed == 1
    stored = {m.meeting_id for m in open_store(Settings(data_dir=data_dir)).all_item_meta()}
    assert "6001" not in stored


def test_a_committee_deleted_upstream_takes_its_meetings_out(
    site: FakeModernGov, tmp_path: Path, embedder
) -> None:
    data_dir = tmp_path / "data"
    sync(site, data_dir, embedder)
    site.committee(1202).deleted = True
    report = sync(site, data_dir, embedder)
    assert report.meetings_removed == 2  # 6000 and 6001 (6002 had no minutes)
    bodies = {m.body for m in open_store(Settings(data_dir=data_dir)).all_item_meta()}
    assert "Children's Services Scrutiny Committee" not in bodies


def test_a_second_sync_of_a_site_being_synced_is_refused(
    site: FakeModernGov, tmp_path: Path, embedder
) -> None:
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir)
    Ledger.for_settings(settings).claim(
        site.url, "moderngov", "another-host:1", dt.datetime.now(dt.UTC)
    )
    report = sync(site, data_dir, embedder)
    assert report.aborted is not None and "being synced by another-host:1" in report.aborted
    assert report.new_item_ids == []


def test_a_parser_bug_on_one_meeting_fails_only_that_meeting(
    site: FakeModernGov, tmp_path: Path, embedder, monkeypatch
) -> None:
    import index.sync

    real = index.sync.to_meeting

    def buggy(site_url, fetched, kind="moderngov", council=None):
        if fetched.stub.id == "5002":
            raise ValueError("unexpected table layout")
        return real(site_url, fetched, kind, council)

    monkeypatch.setattr(index.sync, "to_meeting", buggy)
    report = sync(site, tmp_path / "data", embedder)
    assert report.failed == [
        (
            f"{site.url}ieListDocuments.aspx?CId=1201&MId=5002",
            "parser error: ValueError('unexpected table layout')",
        )
    ]
    assert report.meetings_new == 7


def test_a_sync_with_nothing_new_loads_no_model(
    site: FakeModernGov, tmp_path: Path, embedder
) -> None:
    sync(site, tmp_path / "data", embedder)
    untouched = Embedder()
    report = sync(site, tmp_path / "data", untouched)
    assert report.meetings_unchanged == 7 and report.meetings_settled == 1
    assert untouched._model is None  # nothing to embed, so the model never loaded
