"""``minutes-bot sync`` as a real process against a fake modern.gov site on 127.0.0.1.

One site (Ashcombe, web service on) is synced three times, and each run is a fixture the next
depends on: the first fills the index despite an error-once page, a slow page, a redirect and
malformed XML; the second, with nothing changed upstream, downloads nothing it already has
and indexes nothing; the third sees a corrected minute, a removed item, a removed meeting, a
new meeting and draft minutes approved. ``ask --json`` answers from what was synced, with the
item's own mgAi.aspx link. Bramley (web service off) is read from its public pages.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from index.models import MinutesStatus, RelatedKind
from tests.bot.cli.index_probe import summary_row
from tests.bot.cli.sync_probe import (
    BACKOFF,
    CONTACT,
    PAGE_TIMEOUT,
    SLOW,
    Run,
    ask_json,
    run_sync,
    stored,
    stored_ids,
)
from tests.index.sites.fake_moderngov import HUNG_UP, FakeModernGov, Item, Meeting, ashcombe

pytestmark = pytest.mark.slow

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def site():
    with ashcombe(TODAY) as fake:
        fake.slow["getmeeting:7001"] = SLOW
        yield fake


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ashcombe") / "data"


@pytest.fixture(scope="module")
def first(site: FakeModernGov, data_dir: Path) -> dict[str, Any]:
    site.clear_log()
    run = run_sync(data_dir, site.url)
    return {"run": run, "log": site.requests(), "items": stored(data_dir)}


@pytest.fixture(scope="module")
def second(first, site: FakeModernGov, data_dir: Path) -> dict[str, Any]:
    site.clear_log()
    before = stored_ids(data_dir)
    run = run_sync(data_dir, site.url)
    return {"run": run, "log": site.requests(), "before": before, "after": stored_ids(data_dir)}


@pytest.fixture(scope="module")
def third(second, site: FakeModernGov, data_dir: Path) -> dict[str, Any]:
    """Upstream changes: a corrected minute, an item and a meeting removed, draft minutes
    approved, a new meeting, and the slow page fixed."""
    before = stored_ids(data_dir)
    leisure = site.item(40202)
    leisure.html = leisure.minutes_html().replace("6.30 am", "6.00 am")
    leisure.modified = "Tue, 24 Nov 2026 09:00:00 GMT"
    waste_meeting = site.meeting(5002)
    waste_meeting.items = [i for i in waste_meeting.items if i.id != 40203]
    waste_meeting.minutes = "approved"
    site.meetings.remove(site.meeting(5003))
    site.meetings.append(
        Meeting(
            5005,
            1201,
            TODAY - dt.timedelta(days=1),
            minutes="draft",
            items=[Item(40501, "Allotment Rents", "cabinet-trees", "71")],
        )
    )
    site.item(40501).html = (
        '<div class="WordSection1"><p class="MsoNormal">RESOLVED: That allotment rents be '
        "held at &pound;45 a plot for 2027.</p></div>"
    )
    del site.slow["getmeeting:7001"]
    site.clear_log()
    run = run_sync(data_dir, site.url)
    return {"run": run, "log": site.requests(), "before": before, "items": stored(data_dir)}


# -- the first run ---------------------------------------------------------------------------


def test_first_sync_indexes_what_it_can_and_lists_each_failure_in_one_line(first, site) -> None:
    run: Run = first["run"]
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert summary_row(run.stdout, "read from") == "web service"
    assert summary_row(run.stdout, "committees") == "3"  # the expired one is not walked
    assert summary_row(run.stdout, "meetings new") == "5"
    assert summary_row(run.stdout, "meetings without minutes") == "1"
    assert summary_row(run.stdout, "items new") == "9"
    assert summary_row(run.stdout, "failed") == "3"
    failed = dict(line.removeprefix("failed ").split(": ", 1) for line in run.lines("failed "))
    service = f"{site.url}mgWebService.asmx/GetMeeting?lMeetingId="
    assert failed == {
        f"{service}7001": f"timed out after {PAGE_TIMEOUT:g} s (2 tries)",
        f"{service}7002": "redirected to /ashcombe/mgError.aspx?e=1",
        f"{service}7003": failed[f"{service}7003"],
    }
    assert re.fullmatch(r"malformed XML \(.+\)", failed[f"{service}7003"])


def test_first_sync_stores_items_with_their_own_page_and_the_sites_facts(first, site) -> None:
    items = first["items"]
    assert sorted(items) == sorted(
        ["40101", "40102", "40201", "40202", "40203", "40301", "50001", "50101", "50102"]
    )
    assert "40103" not in items  # exempt (restricted) items have no public minutes
    text, parking = items["40102"]
    assert parking.link == f"{site.url}mgAi.aspx?ID=40102"
    assert parking.body == "Cabinet"
    assert parking.date == site.meeting(5001).date
    assert parking.number == "42"
    assert parking.site == site.url and parking.meeting_id == "5001"
    assert parking.minutes_status == MinutesStatus.APPROVED
    assert [r.text for r in parking.resolutions] == [
        "That the Town Centre Parking Strategy 2027–2032 be adopted.",
        "That charges at the Market Street car park be frozen until April 2028.",
        "That the Head of Highways report back on the trial of evening parking charges in six months.",
    ]
    assert all(r.text in text for r in parking.resolutions)  # quotes are verbatim
    related = {link.kind: link.url for link in parking.related}
    assert related[RelatedKind.DOCUMENTS] == f"{site.url}ieListDocuments.aspx?CId=1201&MId=5001"
    assert related[RelatedKind.PRINTED_MINUTES].startswith(
        f"{site.url}documents/g5001/Printed%20minutes%20"
    )
    assert related[RelatedKind.PRINTED_MINUTES].endswith("%20Cabinet.pdf?T=1")
    _, waste = items["40201"]
    assert waste.minutes_status == MinutesStatus.DRAFT
    assert [(a.owner, a.due) for a in waste.actions] == [("Priya Shah", "by 31 January")]
    _, transport = items["50101"]
    assert transport.body == "Children's Services Scrutiny Committee"  # decoded twice


def test_first_sync_is_polite(first, site) -> None:
    log = first["log"]
    assert log[0].path == "/robots.txt"
    assert len([r for r in log if r.path == "/robots.txt"]) == 1
    assert all(r.headers["user-agent"].startswith("minutes-bot/") for r in log)
    assert all(CONTACT in r.headers["user-agent"] for r in log)
    assert site.max_in_flight == 1
    # --delay 0.05 between the end of one answer and the next request (a request the client
    # gave up on ends when the fake notices, a little late, so it is not measured).
    answered = sorted((r for r in log if r.status != HUNG_UP), key=lambda r: r.started)
    gaps = [b.started - a.finished for a, b in itertools.pairwise(answered)]
    assert min(gaps) >= 0.04
    # The error-once page was retried after its Retry-After (1 s) and then indexed.
    tries = site.requests("getmeeting:5003")
    assert [t.status for t in tries] == [503, 200]
    assert tries[1].started - tries[0].finished >= 1.0
    slow = site.requests("getmeeting:7001")
    assert len(slow) == 2 and slow[1].started - slow[0].started >= PAGE_TIMEOUT + BACKOFF - 0.1
    # Not asked for: the expired committee, the cancelled meeting, the future one.
    keys = {r.key for r in log}
    assert "getmeetings:1199" not in keys
    assert "getmeeting:5000" not in keys and "getmeeting:5004" not in keys


def test_ask_answers_from_the_synced_minutes_with_the_item_page_link(first, data_dir, site) -> None:
    answer = ask_json(data_dir, "What did the Cabinet resolve about town centre parking?")
    assert answer["found"], answer
    best = answer["matches"][0]
    assert best["link"] == f"{site.url}mgAi.aspx?ID=40102"
    assert (best["body"], best["meeting_date"]) == ("Cabinet", str(site.meeting(5001).date))
    assert [r["text"] for r in best["resolutions"]][:1] == [
        "That the Town Centre Parking Strategy 2027–2032 be adopted."
    ]


# -- the second run: nothing changed upstream ------------------------------------------------------


def test_second_sync_downloads_nothing_it_has_and_indexes_nothing(second, site) -> None:
    run: Run = second["run"]
    assert run.code == 0, run.stderr
    for row in ("meetings new", "meetings changed", "meetings removed"):
        assert summary_row(run.stdout, row) == "0", row
    for row in ("items new", "items changed", "items removed"):
        assert summary_row(run.stdout, row) == "0", row
    assert summary_row(run.stdout, "meetings unchanged") == "4"
    assert summary_row(run.stdout, "meetings not re-checked") == "1"  # approved, 200 days old
    assert second["after"] == second["before"]
    log = second["log"]
    statuses = {r.key: r.status for r in log}
    # Validators where the site sends them: answered 304, no body sent.
    assert statuses["getcommittees"] == 304
    for meeting in (5001, 5002, 5003, 6001, 6002):  # 6002: no minutes yet, asked every run
        assert statuses[f"getmeeting:{meeting}"] == 304, meeting
    # Approved minutes older than the re-check window are not fetched at all.
    assert "getmeeting:6000" not in statuses
    # No meeting was sent in full: even the malformed one is unchanged (and still fails).
    assert {r.status for r in log if r.page == "getmeeting"} <= {304, 302, HUNG_UP}
    assert statuses["getmeeting:7003"] == 304
    assert summary_row(run.stdout, "failed") == "3"
    # Pages without validators are fetched and compared by content hash: no re-index above.
    assert {r.status for r in log if r.page == "ielistdocuments.aspx"} == {200}


# -- the third run: corrected, removed, approved, new ------------------------------------------------


def test_third_sync_follows_every_upstream_change(third, site, data_dir) -> None:
    run: Run = third["run"]
    assert run.code == 0, run.stderr
    assert summary_row(run.stdout, "meetings new") == "2"  # 5005, and 7001 now it answers
    assert summary_row(run.stdout, "meetings changed") == "1"  # 5002
    assert summary_row(run.stdout, "meetings removed") == "1"  # 5003
    assert summary_row(run.stdout, "items new") == "2"
    assert summary_row(run.stdout, "items changed") == "2"  # corrected; approved
    assert summary_row(run.stdout, "items removed") == "2"  # an item, and a meeting's item
    items = third["items"]
    assert "40203" not in items and "40301" not in items
    leisure_text, leisure = items["40202"]
    assert "6.00 am" in leisure_text and "6.30 am" not in leisure_text
    assert [r.text for r in leisure.resolutions] == [
        "That the Riverside Leisure Centre open at 6.00 am on weekdays from 1 February."
    ]
    assert leisure.minutes_status == MinutesStatus.APPROVED
    assert items["40201"][1].minutes_status == MinutesStatus.APPROVED
    assert items["40501"][1].minutes_status == MinutesStatus.DRAFT
    assert "60101" in items
    # Unchanged items kept their stored IDs; changed ones got new ones.
    before, after = third["before"], stored_ids(data_dir)
    assert after["40102"] == before["40102"]
    assert after["40202"] != before["40202"] and after["40201"] != before["40201"]


def test_ask_after_a_correction_quotes_the_corrected_minute(third, data_dir, site) -> None:
    answer = ask_json(data_dir, "What time will the Riverside Leisure Centre open on weekdays?")
    best = answer["matches"][0]
    assert best["link"] == f"{site.url}mgAi.aspx?ID=40202"
    assert [r["text"] for r in best["resolutions"]] == [
        "That the Riverside Leisure Centre open at 6.00 am on weekdays from 1 February."
    ]
    assert "6.30 am" not in str(answer)
