"""Seed 000: a Wiltshire item page that starts with its title and ends with a Decision line."""

from __future__ import annotations

from index.models import ResolutionKind
from tests.index.conftest import assert_all_quotes_verbatim


def test_one_item_titled_by_its_first_line(seed) -> None:
    _, meeting = seed("000")
    assert meeting.format == "moderngov"
    assert [item.title for item in meeting.items] == [
        "To receive an update on the ICA Work Programme."
    ]
    item = meeting.items[0]
    assert item.number is None and not item.truncated
    assert item.text.startswith("Clare O’Farrell, Deputy Chief Operating Officer")
    assert item.text.endswith("i) The Board noted the update provided.")
    assert "Supporting documents" not in item.text
    assert_all_quotes_verbatim(meeting)


def test_decision_is_the_noted_update(seed) -> None:
    _, meeting = seed("000")
    [resolution] = meeting.items[0].resolutions
    assert resolution.text == "The Board noted the update provided."
    assert resolution.label == "i)"
    assert resolution.kind == ResolutionKind.DECISION


def test_body_comes_from_the_decision_line(seed) -> None:
    _, meeting = seed("000")
    assert meeting.body == "Wiltshire Health and Wellbeing Board"
    assert meeting.date is None  # the page does not say; a sidecar would


def test_discussion_bullets_are_not_actions(seed) -> None:
    _, meeting = seed("000")
    assert meeting.items[0].actions == []
