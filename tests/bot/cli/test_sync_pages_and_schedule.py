"""A site whose web service is switched off is synced from its public pages, on a schedule.

Bramley's ``mgWebService.asmx`` answers 404, so the sync reads mgListCommittees →
ieListMeetings → ieListDocuments, and an item's own mgAi page where the meeting page cuts its
minutes short. ``--every 1s --runs 2`` runs it twice in one process (the second run finds
nothing new); ``--every 1h`` waits for its next run until SIGTERM stops it cleanly.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time

import pytest

from bot.settings import Settings
from index.ledger import last_syncs
from index.models import MinutesStatus
from tests.bot.cli.index_probe import summary_row
from tests.bot.cli.sync_probe import ask_json, env, run_sync, stored, sync_args
from tests.index.sites.fake_moderngov import FakeModernGov, bramley
from tests.paths import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site():
    with bramley(dt.date.today()) as fake:
        yield fake


@pytest.fixture(scope="module")
def synced(site: FakeModernGov, tmp_path_factory) -> dict:
    data_dir = tmp_path_factory.mktemp("bramley") / "data"
    run = run_sync(data_dir, site.url, "--every", "1s", "--runs", "2")
    first, second = run.stdout.split("Sync summary")[1:]
    return {"run": run, "first": first, "second": second, "data_dir": data_dir}


def test_the_public_pages_stand_in_for_a_switched_off_web_service(synced, site) -> None:
    run = synced["run"]
    assert run.code == 0, run.stderr
    assert summary_row(synced["first"], "read from") == "public pages"
    assert (
        f"note: {site.url}: web service unavailable (HTTP 404 (no such page)); "
        "read the public pages instead"
    ) in run.stdout.splitlines()
    assert summary_row(synced["first"], "meetings new") == "3"
    assert summary_row(synced["first"], "items new") == "4"
    items = stored(synced["data_dir"])
    enforcement_text, enforcement = items["70102"]
    # Cut short on the meeting page; read whole from the item's own page.
    assert "report on progress in clearing the backlog to the next meeting" in enforcement_text
    assert "view the full minutes text" not in enforcement_text
    assert not enforcement.truncated
    assert enforcement.link == f"{site.url}mgAi.aspx?ID=70102"
    assert (enforcement.body, enforcement.venue) == ("Planning Committee", "Bramley Town Hall")
    assert enforcement.date == site.meeting(8001).date
    assert enforcement.time == "7.00 pm"
    assert items["70201"][1].minutes_status == MinutesStatus.DRAFT
    assert items["71101"][1].minutes_status == MinutesStatus.APPROVED


def test_only_cut_short_items_cost_an_item_page_and_the_second_run_gets_a_304(synced, site):
    item_pages = site.requests("mgai.aspx")
    assert [(r.key, r.status) for r in item_pages] == [
        ("mgai.aspx:70102", 200),
        ("mgai.aspx:70102", 304),  # Last-Modified sent back as If-Modified-Since
    ]
    second = synced["second"]
    assert summary_row(second, "meetings unchanged") == "3"
    for row in ("meetings new", "meetings changed", "items new", "items changed"):
        assert summary_row(second, row) == "0", row
    assert synced["run"].stdout.count("next sync at ") == 1


def test_ask_answers_a_pages_only_site_with_the_item_link(synced, site) -> None:
    answer = ask_json(synced["data_dir"], "Who is to report on the planning enforcement backlog?")
    best = answer["matches"][0]
    assert best["link"] == f"{site.url}mgAi.aspx?ID=70102"
    assert [a["owner"] for a in best["actions"]] == ["Planning Enforcement Manager"]


def test_sigterm_while_waiting_for_the_next_run_stops_cleanly(synced, site) -> None:
    process = subprocess.Popen(
        sync_args(synced["data_dir"], site.url, "--every", "1h"),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(PYTHONUNBUFFERED="1"),
    )
    try:
        assert process.stdout is not None
        seen = []
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith("next sync at "):
                break
        assert seen and seen[-1].startswith("next sync at "), "".join(seen)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    assert time.monotonic() - started < 30
    assert process.returncode == 0, err
    assert out.splitlines()[-1] == "stopped"


def test_app_home_can_read_when_the_site_was_last_synced(synced, site) -> None:
    """``index.ledger.last_syncs``: the contract App Home reads, from the shared database."""
    (last,) = last_syncs(Settings(data_dir=synced["data_dir"]))
    assert (last.site, last.meetings, last.items, last.mode) == (site.url, 3, 4, "public pages")
    assert last.finished_at is not None
    assert dt.datetime.fromisoformat(last.finished_at) <= dt.datetime.now(dt.UTC)
