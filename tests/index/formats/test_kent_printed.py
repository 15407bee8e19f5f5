"""Kent-style printed minutes (fictional fixtures in the pypdf text shape)."""

from __future__ import annotations

from datetime import date

import pytest

from index.formats import kent_printed, parse_document
from index.models import Meeting, VoteResult
from index.sources import read_source
from tests.index.helpers import assert_quotes_verbatim
from tests.paths import FIXTURES as TEST_FIXTURES
from tests.paths import SEEDS

FIXTURES = TEST_FIXTURES / "kent"


@pytest.fixture(scope="module")
def cabinet() -> Meeting:
    return parse_document(read_source(FIXTURES / "cabinet_printed_minutes.txt"))


@pytest.fixture(scope="module")
def panel() -> Meeting:
    return parse_document(read_source(FIXTURES / "panel_minutes.txt"))


def test_header_gives_body_date_and_format(cabinet: Meeting, panel: Meeting) -> None:
    assert cabinet.format == "kent_printed"
    assert cabinet.body == "Marshford County Council Cabinet"
    assert cabinet.date == date(2025, 3, 6)
    assert panel.body == "Youth Services Panel"
    assert panel.date == date(2024, 11, 12)


def test_minutes_are_numbered_with_agenda_item_kept_in_title(cabinet: Meeting) -> None:
    assert [(i.number, i.title) for i in cabinet.items] == [
        (None, "Election of Vice-Chair"),
        ("41", "Apologies (Item 1)"),
        ("42", "Minutes of the Meeting held on 6 February 2025 (Item 2)"),
        (
            "43",
            "25/00031 - Library Opening Hours and Mobile Library Service Review – Spring 2025"
            " (Item 3)",
        ),
        ("44", "Highways Winter Service Plan (Item 4)"),
    ]


def test_item_text_is_verbatim_without_heading_or_trailing_page_number(cabinet: Meeting) -> None:
    assert_quotes_verbatim(cabinet)
    library = cabinet.items[3]
    assert library.text.startswith("1. Ms Penhallow introduced the report")
    assert "a multi -\nyear contract" in library.text  # PDF line breaks stay as printed
    assert library.text.endswith("timetable.")
    assert cabinet.items[4].text.endswith("all school bus routes.")  # lone "3" dropped


def test_panel_without_minute_numbers_uses_title_lines(panel: Meeting) -> None:
    assert [(i.number, i.title) for i in panel.items] == [
        (None, "Apologies and Substitutes (Item 1)"),
        (None, "Minutes of the meeting held on 10 September 2024 (Item 2)"),
        (None, "Youth Club Grants (Item 3)"),
        (None, "Work programme (Item 4)"),
    ]
    assert panel.items[1].text.endswith("were a correct \nrecord.")  # page number "2" dropped
    assert_quotes_verbatim(panel)


def test_recorded_vote_with_names_counts_and_mover(cabinet: Meeting) -> None:
    (vote,) = cabinet.items[4].votes
    assert vote.result == VoteResult.CARRIED
    assert vote.text.startswith("For (3)") and vote.text.endswith("Motion carried.")
    assert vote.yeas == ("Mr Oduya", "Sir Alan Brook, CBE", "Dr Varga")
    assert vote.nays == ("Mrs Quill", "Ms Penhallow")
    assert vote.abstentions == ("Mr Crow-Bell",)
    assert (vote.yea_count, vote.nay_count, vote.abstain_count) == (3, 2, 1)
    assert (vote.mover, vote.seconder) == ("Mr Oduya", "Dr Varga")


def test_resolutions_come_from_the_uk_resolution_parser(cabinet: Meeting) -> None:
    pytest.importorskip("index.extract.resolutions")
    library = cabinet.items[3]
    assert [r.label for r in library.resolutions] == ["a)", "b)", "c)"]
    assert (
        library.resolutions[0].text
        == "Extend Saturday opening at nine town libraries from 1 May 2025."
    )
    assert any("Ms Penhallow be elected Vice-Chair" in r.text for r in cabinet.items[0].resolutions)


def test_detect_is_specific() -> None:
    assert kent_printed.FORMAT.detect((FIXTURES / "cabinet_printed_minutes.txt").read_text())
    assert not kent_printed.FORMAT.detect("Minutes:\nRESOLVED: That the report be noted.\n")
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt")):
            assert not kent_printed.FORMAT.detect(read_source(seed).text), seed.name
