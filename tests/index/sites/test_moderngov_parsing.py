"""modern.gov responses as real sites send them (saved fixtures), read into site facts and then
into the pipeline's Meeting, with every quote verbatim. No network, no model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.errors import ConfigError
from index.models import MinutesStatus, RelatedKind, ResolutionKind
from index.sites import moderngov_pages as pages
from index.sites import moderngov_xml as xml
from index.sites.base import normalise_site_url
from index.sites.errors import MalformedResponseError
from index.sites.meeting import item_minutes_text, to_meeting
from index.sites.models import Committee, MeetingStub, SiteMeeting
from tests.index.conftest import assert_all_quotes_verbatim

RESPONSES = Path(__file__).parent / "fixtures" / "responses"
SITE = "https://democracy.fenwick.example/"
AUDIT = Committee("144", "Audit & Governance Committee")


def saved(name: str) -> bytes:
    return (RESPONSES / name).read_bytes()


def test_committees_are_stripped_and_their_titles_decoded_twice() -> None:
    found = xml.committees(saved("GetCommittees.xml"), "GetCommittees")
    assert [(c.id, c.title, c.expired, c.deleted) for c in found] == [
        ("312", "Appointment Sub Committee (Director of Place)", True, False),
        ("144", "Audit & Governance Committee", False, False),
        ("163", "Chair's Advisory Group", False, False),
        ("170", "Old Board", False, True),
    ]


def test_meetings_of_one_committee_with_dd_mm_yyyy_dates() -> None:
    stubs = xml.meeting_stubs(saved("GetMeetings.xml"), "GetMeetings", AUDIT)
    assert [(s.id, s.date, s.status, s.time) for s in stubs] == [
        ("4966", dt.date(2026, 1, 13), "Cancelled", "10.00 am"),
        ("4967", dt.date(2026, 2, 10), "Confirmed", "10.00 am"),
        ("4968", None, "Confirmed", None),  # whitespace-only values are empty
    ]  # 5100 belongs to another committee (an lCommitteeId=0 answer) and is left out
    assert xml.meeting_stubs(saved("GetMeetings-empty.xml"), "GetMeetings", AUDIT) == []


def test_a_meeting_keeps_only_public_published_items_with_their_minute_numbers() -> None:
    meeting = xml.MeetingXml(saved("GetMeeting.xml"), "GetMeeting")
    assert (meeting.date, meeting.time, meeting.venue) == (
        dt.date(2026, 2, 10),
        "10.00 am",
        "Committee Room 2, Fenwick House",
    )
    assert meeting.minutes_published
    items = meeting.items(SITE + "mgAi.aspx?ID={id}")
    assert [(i.id, i.number, i.title) for i in items] == [
        ("18831", "38", "Chair's Announcements"),
        ("18832", "38a", "Internal Audit Plan 2026/27"),
        ("18835", "5", "Treasury Management Strategy"),
    ]  # no heading (18830), no exempt item (18833), no unpublished minutes (18834)
    assert items[0].url == SITE + "mgAi.aspx?ID=18831"


def test_word_html_becomes_the_text_a_browser_shows() -> None:
    items = xml.MeetingXml(saved("GetMeeting.xml"), "GetMeeting").items("{id}")
    assert item_minutes_text(items[0]) == (
        "The Chair welcomed the new Head of Internal Audit to the Committee’s first meeting of "
        "the year."
    )
    plan = item_minutes_text(items[1])
    assert "The Head of Internal Audit presented the plan, which covered 42 audits." in plan
    assert "·\u00a0\u00a0\u00a0\u00a0 cyber security would be audited twice;" in plan
    assert "RESOLVED: That the Internal Audit Plan 2026/27 be approved." in plan
    assert item_minutes_text(items[2]) == (
        "Decision:\n\nRESOLVED: That the Treasury Management Strategy be recommended to "
        "Council.\n\nMinutes:\n\nThe Director of Finance introduced the strategy."
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (saved("GetMeeting.xml")[:900], r"malformed XML \(.+\)"),
        (b"<!DOCTYPE html><html><body>Server Error</body></html>", r"malformed XML|expected"),
        (b"<html><body><h1>Sorry</h1></body></html>", r"expected <meeting>, got <html>"),
        (b"", r"malformed XML"),
    ],
)
def test_a_response_that_is_not_the_xml_asked_for_is_one_named_error(content, reason) -> None:
    with pytest.raises(MalformedResponseError, match=reason) as raised:
        xml.MeetingXml(content, "https://x.example/GetMeeting?lMeetingId=1")
    assert "\n" not in raised.value.reason
    assert raised.value.url == "https://x.example/GetMeeting?lMeetingId=1"


def test_entities_in_a_response_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY e SYSTEM "file://{secret}">]>'
        "<committees><committee><committeeid>1</committeeid>"
        "<committeetitle>A &e; B</committeetitle></committee></committees>"
    ).encode()
    (committee,) = xml.committees(hostile, "GetCommittees")
    assert "TOP SECRET" not in committee.title


def test_the_meeting_page_gives_status_header_printed_minutes_and_items() -> None:
    url = SITE + "ieListDocuments.aspx?CId=144&MId=4967"
    page = pages.documents_page(saved("ieListDocuments.html").decode(), url)
    assert (page.published, page.status) == (True, MinutesStatus.DRAFT)
    assert (page.body, page.date, page.time) == (
        "Audit & Governance Committee",
        dt.date(2026, 2, 10),
        "10.00 am",
    )
    assert page.venue == "Committee Room 2, Fenwick House"
    # Literal spaces and a line break in the href: removed or encoded, ?T=1 kept.
    assert page.printed_minutes_url == (
        SITE + "documents/g4967/Printed%20minutes%20Tuesday%2010-Feb-2026%2010.00%20Audit"
        "%20%20Governance%20Committee.pdf?T=1"
    )
    assert [(i.id, i.number, i.title, i.complete) for i in page.items] == [
        ("18831", "38", "Chair's Announcements", True),
        ("18832", "38a", "Internal Audit Plan 2026/27", False),  # cut short
        ("18834", "39", "Work Programme", False),  # only a link to the minutes
        ("18835", "40", "Treasury Management Strategy", True),
    ]
    assert "recommended to Council" in page.items[3].decision_html


@pytest.mark.parametrize(
    ("heading", "status", "published"),
    [
        ("Agenda and minutes", MinutesStatus.APPROVED, True),
        ("Agenda, decisions and draft minutes", MinutesStatus.DRAFT, True),
        ("Agenda", None, False),
    ],
)
def test_the_heading_says_whether_minutes_are_draft_or_approved(heading, status, published):
    text = saved("ieListDocuments.html").decode().replace("Agenda and draft minutes", heading)
    page = pages.documents_page(text, SITE)
    assert (page.status, page.published) == (status, published)


def test_the_item_page_has_the_whole_minutes() -> None:
    minutes, decision = pages.item_page_minutes(saved("mgAi.html").decode(), SITE + "mgAi.aspx")
    assert "which covered 42 audits" in minutes and decision == ""
    with pytest.raises(MalformedResponseError, match="no minutes on the item page"):
        pages.item_page_minutes("<html><body><h1>Agenda item</h1></body></html>", SITE)


def test_listing_pages_give_committees_and_dated_meetings() -> None:
    found = pages.committees(saved("mgListCommittees.html").decode(), SITE)
    assert [(c.id, c.title) for c in found] == [
        ("144", "Audit & Governance Committee"),
        ("163", "Chair's Advisory Group"),
    ]
    stubs = pages.meeting_stubs(saved("ieListMeetings.html").decode(), AUDIT)
    assert [(s.id, s.date, s.time, s.status) for s in stubs] == [
        ("4968", dt.date(2026, 3, 10), "10.00 am", None),
        ("4967", dt.date(2026, 2, 10), "10.00 am", None),
        ("4966", dt.date(2026, 1, 13), "10.00 am", "Cancelled"),
    ]
    with pytest.raises(MalformedResponseError, match="no committees"):
        pages.committees("<html><body>Maintenance</body></html>", SITE)


def test_a_site_meeting_becomes_a_meeting_whose_quotes_are_slices_of_its_text() -> None:
    parsed = xml.MeetingXml(saved("GetMeeting.xml"), "GetMeeting")
    stub = MeetingStub("4967", AUDIT, dt.date(2026, 2, 10), "10.00 am")
    fetched = SiteMeeting(
        stub=stub,
        documents_url=SITE + "ieListDocuments.aspx?CId=144&MId=4967",
        items=parsed.items(SITE + "mgAi.aspx?ID={id}"),
        minutes_status=MinutesStatus.DRAFT,
        time="10.00 am",
        venue=parsed.venue,
        printed_minutes_url=SITE + "documents/g4967/Printed%20minutes.pdf?T=1",
        printed_minutes_title="Printed minutes PDF 210 KB",
    )
    meeting = to_meeting(SITE, fetched)
    assert_all_quotes_verbatim(meeting)
    assert meeting.title == "Audit & Governance Committee - Tuesday 10 February 2026 10.00 am"
    assert (meeting.body, meeting.date, meeting.site, meeting.meeting_id) == (
        "Audit & Governance Committee",
        dt.date(2026, 2, 10),
        SITE,
        "4967",
    )
    assert meeting.source_path == meeting.url == fetched.documents_url
    assert [(i.number, i.url, i.source_id) for i in meeting.items] == [
        ("38", SITE + "mgAi.aspx?ID=18831", "18831"),
        ("38a", SITE + "mgAi.aspx?ID=18832", "18832"),
        ("5", SITE + "mgAi.aspx?ID=18835", "18835"),
    ]
    plan = meeting.items[1]
    assert [(r.text, r.kind) for r in plan.resolutions] == [
        ("That the Internal Audit Plan 2026/27 be approved.", ResolutionKind.RESOLVED)
    ]
    treasury = meeting.items[2]
    assert [r.text for r in treasury.resolutions] == [
        "That the Treasury Management Strategy be recommended to Council."
    ]
    assert [(link.kind, link.url) for link in meeting.related] == [
        (RelatedKind.DOCUMENTS, fetched.documents_url),
        (RelatedKind.PRINTED_MINUTES, fetched.printed_minutes_url),
    ]


@pytest.mark.parametrize(
    ("pasted", "site"),
    [
        ("https://democracy.fenwick.example", "https://democracy.fenwick.example/"),
        ("https://x.example/moderngov/mgListCommittees.aspx?XXR=0", "https://x.example/moderngov/"),
        (
            "http://x.example/democracy/mgWebService.asmx/GetCommittees",
            "http://x.example/democracy/",
        ),
        ("  https://x.example/committee-services  ", "https://x.example/committee-services/"),
    ],
)
def test_a_pasted_site_url_becomes_the_sites_folder(pasted: str, site: str) -> None:
    assert normalise_site_url(pasted) == site


@pytest.mark.parametrize("bad", ["democracy.example.gov.uk", "ftp://x.example/", "https://"])
def test_a_site_url_that_is_not_one_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(ConfigError, match="not a site URL"):
        normalise_site_url(bad)
