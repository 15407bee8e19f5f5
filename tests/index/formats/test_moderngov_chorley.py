"""Seed 004: Chorley's whole-meeting "Agenda and draft minutes" page."""

from __future__ import annotations

from datetime import date

from index.models import ResolutionKind
from tests.index.conftest import assert_all_quotes_verbatim, item_numbered


def test_header_gives_body_date_time_venue(seed) -> None:
    _, meeting = seed("004")
    assert meeting.format == "moderngov"
    assert meeting.body == "Chorley Public Services Reform Executive"
    assert meeting.date == date(2016, 7, 19)
    assert meeting.time == "4.00 pm"
    assert meeting.venue == "Committee Room 1, Town Hall"


def test_items_numbers_and_titles(seed) -> None:
    _, meeting = seed("004")
    assert [(item.number, item.title) for item in meeting.items] == [
        ("38", "Welcome and apologies for absence"),
        ("38a", "Minutes and Matters arising from Executive meeting on 17.05.16"),
        ("38b", "Year 1 Programme Update and headline findings"),
        ("39", "Sustainability and Transformation Plans"),
        ("40", "Updates on Lancashire County Council Developments"),
        ("41", "Any other business"),
        ("42", "Date of next meeting"),
    ]
    assert_all_quotes_verbatim(meeting)


def test_item_texts_are_their_own_minutes(seed) -> None:
    _, meeting = seed("004")
    welcome = item_numbered(meeting, "38")
    assert welcome.text == (
        "Members were welcomed to the meeting, introductions made and apologies noted."
    )
    next_meeting = item_numbered(meeting, "42")
    assert next_meeting.text.startswith("Agreement of bi-monthly meetings remains")
    assert next_meeting.text.endswith("22nd November 2016 at 16.00, Chorley Town Hall")
    for item in meeting.items:
        assert "Minutes:" not in item.text
        assert "pdf icon" not in item.text


def test_truncated_item(seed) -> None:
    _, meeting = seed("004")
    truncated = [item.number for item in meeting.items if item.truncated]
    assert truncated == ["38b"]
    item = item_numbered(meeting, "38b")
    assert item.text.startswith("Vicky Willett provided an update")
    assert item.text.endswith("Involvement of education provider early on")
    assert "view the full minutes text" not in item.text


def test_matters_arising_actions_with_updates(seed) -> None:
    _, meeting = seed("004")
    item = item_numbered(meeting, "38a")
    [resolution] = item.resolutions
    assert resolution.kind == ResolutionKind.AGREED
    assert resolution.text.startswith("Minutes agreed as correct record")
    actions = {action.owner: action for action in item.actions}
    assert list(actions) == ["Vicky", "Steve", "Executive", "Cllr Bradley"]
    assert actions["Vicky"].text == "Vicky to contact LCC regarding Child Protection Order concern"
    assert actions["Vicky"].update.startswith("issue raised with Safeguarding Team (LCC)")
    assert actions["Vicky"].status is None
    assert actions["Steve"].update.startswith("cleared as contact received")
    assert actions["Steve"].status == "cleared"
    assert actions["Executive"].text.startswith("Executive to consider the changes proposed")
    assert actions["Executive"].update == "cleared as responses received from Executive"
    assert actions["Executive"].status == "cleared"
    assert actions["Cllr Bradley"].status == "in progress"
    assert actions["Cllr Bradley"].update.endswith("consultation closes 14th August.")


def test_any_other_business_approval_and_action(seed) -> None:
    _, meeting = seed("004")
    item = item_numbered(meeting, "41")
    [resolution] = item.resolutions
    assert resolution.kind == ResolutionKind.APPROVED
    assert resolution.text.startswith("The Executive approved the proposal in principle, but")
    assert "Governance and fit with primary care strategy" in resolution.text
    assert "Action" not in resolution.text
    [action] = item.actions
    assert action.owner == "Dr Khandavalli"
    assert action.due == "September"
    assert action.text.startswith("Dr Dr Khandavalli to bring the proposal back")


def test_items_without_decisions_have_none(seed) -> None:
    _, meeting = seed("004")
    for number in ("38", "38b", "39", "40", "42"):
        item = item_numbered(meeting, number)
        assert item.resolutions == [], number
        assert item.actions == [], number
