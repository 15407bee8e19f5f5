"""Portland official minutes raw text (a fictional fixture in the same flattened shape)."""

from __future__ import annotations

from datetime import date

import pytest

from index.formats import parse_document, portland
from index.models import Meeting, ResolutionKind, VoteResult
from index.sources import read_source
from tests.index.helpers import assert_quotes_verbatim
from tests.paths import FIXTURES, SEEDS

FIXTURE = FIXTURES / "portland" / "portland_official_minutes_raw.txt"


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    return parse_document(read_source(FIXTURE))


def test_date_comes_from_the_text(meeting: Meeting) -> None:
    assert meeting.format == "portland"
    assert meeting.date == date(2011, 3, 9)
    assert meeting.body == "Portland City Council"


def test_flattened_list_gives_numbered_items_with_clean_titles(meeting: Meeting) -> None:
    listed = meeting.items[:5]
    assert [(i.number, i.title) for i in listed] == [
        (
            "100",
            "Request of Lee Marsh to address Council regarding tree canopy in Position No. 3 parks"
            " (Communication)",
        ),
        (
            "*101",
            "Accept a grant in the amount of $52,000 from the State for bicycle safety classes (Ordinance)",
        ),
        (
            "102",
            "Authorize a contract with Bright Signs Co. for wayfinding signs in FY 11-12 (Ordinance)",
        ),
        (
            "*103",
            "Amend agreement with Cedar Labs for water testing (Ordinance; amend Contract No. 3000111)",
        ),
        ("S-104", "Adopt the Neighborhood Street Tree Plan (Previous Agenda 90)"),
    ]
    assert_quotes_verbatim(meeting)
    # section headings and page footers between entries stay out of the item text
    assert "Bureau of Water" not in listed[2].text
    assert "2 of 6" not in listed[3].text


def test_dispositions_and_votes(meeting: Meeting) -> None:
    by_number = {i.number: i for i in meeting.items[:5]}
    assert [r.text for r in by_number["100"].resolutions] == ["PLACED ON FILE"]
    # passed by roll call alone: the entry's own words, through the ordinance number
    assert [r.text for r in by_number["*101"].resolutions] == [
        "Accept a grant in the amount of $52,000 from the State for bicycle safety classes  "
        "(Ordinance)  (Y-5) 185001"
    ]
    assert [r.text for r in by_number["102"].resolutions] == [
        "PASSED TO  SECOND READING MARCH 16, 2011 AT 9:30 AM"
    ]
    assert [r.text for r in by_number["*103"].resolutions] == [
        "REFERRED TO COMMISSIONER OF PUBLIC UTILITIES"
    ]
    assert all(
        r.kind == ResolutionKind.DISPOSITION for i in by_number.values() for r in i.resolutions
    )
    (vote,) = by_number["S-104"].votes
    assert (vote.mover, vote.seconder) == ("Commissioner Brook", "Commissioner Cho")
    assert (vote.yea_count, vote.nay_count, vote.result) == (4, 1, VoteResult.CARRIED)
    assert vote.text.startswith("Motion to accept the substitute resolution:")


def test_transcript_discussion_is_a_second_item_with_the_same_number(meeting: Meeting) -> None:
    discussed = meeting.items[5:]
    assert [i.number for i in discussed] == ["100", "102", "S-104"]
    assert discussed[1].title == meeting.items[2].title
    assert "costing $88,500.  That's from the transportation fund." in discussed[1].text
    assert discussed[2].text.endswith("We stand adjourned.")


def test_detect_is_specific() -> None:
    assert portland.FORMAT.detect(FIXTURE.read_text(encoding="utf-8"))
    assert not portland.FORMAT.detect("CITY COUNCIL MINUTES\nItem 1. (Y-5)\n")
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt")):
            assert not portland.FORMAT.detect(read_source(seed).text), seed.name
