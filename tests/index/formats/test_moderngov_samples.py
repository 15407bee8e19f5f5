"""The fictional demo minutes in samples/minutes parse as a careful reader would read them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.models import Meeting, ResolutionKind
from index.sources import discover
from tests.index.conftest import assert_all_quotes_verbatim, item_numbered, parse_path


@pytest.fixture(scope="module")
def samples(samples_dir: Path) -> dict[str, Meeting]:
    return {path.name: parse_path(path)[1] for path in discover([samples_dir])}


def test_every_sample_parses_with_verbatim_quotes(samples: dict[str, Meeting]) -> None:
    assert len(samples) >= 3
    assert sum(len(meeting.items) for meeting in samples.values()) >= 15
    for meeting in samples.values():
        assert meeting.format == "moderngov"
        assert meeting.items
        assert meeting.body and meeting.date
        assert_all_quotes_verbatim(meeting)


def test_item_pages_link_to_their_sidecar_url_but_one(samples: dict[str, Meeting]) -> None:
    without_url = [name for name, meeting in samples.items() if meeting.url is None]
    assert without_url == ["eca-2024-01-18-item-6-winter-pressures.txt"]
    library = samples["hwb-2024-02-06-item-7-library-opening-hours.txt"]
    assert library.url == "https://democracy.northmoor.example/mgAi.aspx?ID=30417"


def test_the_demo_question_has_its_answer(samples: dict[str, Meeting]) -> None:
    meeting = samples["hwb-2024-02-06-item-7-library-opening-hours.txt"]
    [item] = meeting.items
    assert item.title == "LIBRARY OPENING HOURS REVIEW"
    assert [r.label for r in item.resolutions] == ["1)", "2)", "3)", "4)"]
    action = next(a for a in item.actions if a.owner == "Head of Libraries")
    assert action.text == (
        "That the Head of Libraries is to report back on the library opening hours review in "
        "six months."
    )
    assert action.due == "in six months"
    tagged = next(a for a in item.actions if a.owner == "Helen Marsh/Owen Price")
    assert tagged.text.startswith("The Director of Public Health noted the role of libraries")


def test_whole_meeting_text_page(samples: dict[str, Meeting]) -> None:
    meeting = samples["westvale-psr-executive-2024-03-12.txt"]
    assert meeting.body == "Westvale Public Services Reform Executive"
    assert meeting.date == date(2024, 3, 12)
    assert meeting.time == "2.30 pm"
    assert meeting.venue == "Council Chamber, Westvale Civic Centre"
    assert [item.number for item in meeting.items] == ["12", "12a", "12b", "13", "13a", "14", "15"]
    assert [item.number for item in meeting.items if item.truncated] == ["12b"]
    arising = item_numbered(meeting, "12a")
    assert [(a.owner, a.status) for a in arising.actions] == [
        ("Marcus", None),
        ("Aisha", "cleared"),
        ("Executive", "in progress"),
    ]
    strategy = item_numbered(meeting, "13")
    assert [r.kind for r in strategy.resolutions] == [ResolutionKind.APPROVED]
    assert {a.owner for a in strategy.actions} == {"Owen", "Cllr Okafor"}
    assert item_numbered(meeting, "13a").resolutions[0].kind == ResolutionKind.AGREED


def test_html_meeting_page(samples: dict[str, Meeting]) -> None:
    meeting = samples["hwb-2024-09-10-ieListDocuments.html"]
    assert meeting.body == "Northmoor Health and Wellbeing Board"
    assert meeting.date == date(2024, 9, 10)
    assert meeting.venue == "Room 2, Northmoor House, Market Street"
    assert [item.title for item in meeting.items] == [
        "Apologies for absence",
        "Minutes of the previous meeting",
        "Library Opening Hours Review: outcome of consultation",
        "Loneliness and Isolation Strategy 2024-2029: final version",
        "Any other business",
    ]
    library = item_numbered(meeting, "3")
    assert [r.label for r in library.resolutions] == ["(1)", "(2)", "(3)"]
    assert library.resolutions[1].text.startswith("evening opening until 8 pm")
    assert [(a.owner, a.due) for a in library.actions] == [("Head of Libraries", "March 2025")]


def test_same_topics_recur_months_apart(samples: dict[str, Meeting]) -> None:
    """Decision-history questions need the same subject decided at two meetings."""

    def dates_mentioning(words: str) -> set[date]:
        return {
            meeting.date
            for meeting in samples.values()
            for item in meeting.items
            if words in item.title.lower() and meeting.date is not None
        }

    assert len(dates_mentioning("library opening hours")) == 2
    assert len(dates_mentioning("loneliness and isolation strategy")) == 2
    assert len(dates_mentioning("frailty strategy")) == 2


def test_decision_line_names_the_body_when_the_sidecar_does_not(samples) -> None:
    meeting = samples["eca-2024-06-20-item-3-frailty-progress.txt"]
    assert meeting.body == "Eastbrook Care Alliance"
    [resolution] = meeting.items[0].resolutions
    assert resolution.kind == ResolutionKind.DECISION
    assert (
        resolution.text == "The Alliance noted the progress on the Frailty Strategy delivery plan."
    )
