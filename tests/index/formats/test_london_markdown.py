"""London (Ontario) eScribe markdown minutes (fictional fixtures in the same shape)."""

from __future__ import annotations

from datetime import date

import pytest

from index.formats import london_markdown, parse_document
from index.models import Meeting, ResolutionKind, VoteResult
from index.sources import read_source
from tests.index.helpers import assert_quotes_verbatim, find_item
from tests.paths import FIXTURES as TEST_FIXTURES
from tests.paths import SEEDS

FIXTURES = TEST_FIXTURES / "london"


@pytest.fixture(scope="module")
def committee() -> Meeting:
    path = FIXTURES / "2025-03-03 4th Meeting of the Riverside Services Committee.md"
    return parse_document(read_source(path))


@pytest.fixture(scope="module")
def council() -> Meeting:
    return parse_document(read_source(FIXTURES / "2025-03-18 5th Meeting of City Council.md"))


def test_front_matter_gives_title_body_date(committee: Meeting, council: Meeting) -> None:
    assert committee.format == "london_markdown"
    assert committee.title == "4th Meeting of the Riverside Services Committee"
    assert committee.body == "City of London Riverside Services Committee"
    assert committee.date == date(2025, 3, 3)
    assert (
        committee.url
        == "https://example.invalid/Meeting.aspx?Id=fixture&Agenda=PostMinutes&lang=English"
    )
    assert council.body == "City of London Municipal Council"


def test_items_in_document_order_without_nbsp(committee: Meeting) -> None:
    assert [(i.number, i.title) for i in committee.items] == [
        ("1", "Disclosures of Pecuniary Interest"),
        ("2", "Consent"),
        ("2.1", "Riverbank Trail Lighting Contract"),
        ("2.3", "Community Garden Plots"),
        ("2.2", "Skate Park Hours"),
        ("3.1", "Appointment to the Heritage Board (Requires 1 Member)"),
        ("3.2", "Dog Park Fencing - Councillor G. Hale"),
        ("4", "Adjournment"),
    ]
    assert_quotes_verbatim(committee)


def test_council_keeps_committee_number_from_link(council: Meeting) -> None:
    assert [(i.number, i.title) for i in council.items] == [
        ("8.1.3 (2.2)", "Skate Park Hours"),
        ("8.1.2 (2.1)", "Riverbank Trail Lighting Contract"),
    ]
    assert find_item(council, "8.1.3 (2.2) Skate Park…") is council.items[0]
    vote = council.items[0].votes[0]
    assert (vote.mover, vote.seconder) == ("G. Hale", None)
    assert vote.yeas == ("G. Hale", "E. Fenwick", "J. Ives")
    assert vote.nays == ("A. Birch", "C. Dunmore")
    assert (vote.yea_count, vote.nay_count, vote.result) == (3, 2, VoteResult.CARRIED)


def test_lettered_motion_clauses_with_typos(committee: Meeting) -> None:
    trail = committee.items[2]
    assert [(r.label, r.kind) for r in trail.resolutions] == [
        ("a)", ResolutionKind.MOTION),
        ("b)", ResolutionKind.MOTION),
    ]
    assert trail.resolutions[1].text == (
        "the Civic Administration BE DIRECTRED to report back on energy savings by June 30, 2026."
    )


def test_side_by_side_vote_columns_are_read_per_column(committee: Meeting) -> None:
    consent = committee.items[1].votes[0]
    assert consent.yeas == ("A. Birch", "C. Dunmore", "E. Fenwick", "G. Hale")
    assert consent.absent == ("J. Ives",)
    assert consent.nays == ()
    assert (consent.mover, consent.seconder) == ("A. Birch", "C. Dunmore")


def test_tie_fails_and_failed_motion_is_not_a_decision(committee: Meeting) -> None:
    skate = committee.items[4]
    failed, referral = skate.votes
    assert failed.result == VoteResult.LOST
    assert (failed.yea_count, failed.nay_count) == (2, 2)
    assert failed.yeas == ("G. Hale", "E. Fenwick") and failed.nays == ("A. Birch", "C. Dunmore")
    assert failed.motion == (
        "That the Civic Administration BE REQUESTED to extend skate park hours to 10:00 PM."
    )
    assert referral.result == VoteResult.CARRIED
    assert referral.abstentions == ("E. Fenwick",)  # the Recuse column
    assert [r.text for r in skate.resolutions] == [
        "That the matter of skate park hours BE REFERRRED to the Parks Advisory Committee."
    ]


def test_ballot_and_inline_counts(committee: Meeting) -> None:
    ballot, appointment = committee.items[5].votes
    assert ballot.result == VoteResult.UNKNOWN
    assert ballot.yeas == () and ballot.absent == ("J. Ives",)
    assert appointment.text.endswith("Nays: (1) G. Hale")
    assert appointment.yeas == ("E. Fenwick", "A. Birch", "C. Dunmore")
    assert (appointment.yea_count, appointment.nay_count) == (3, 1)


def test_detect_is_specific() -> None:
    path = FIXTURES / "2025-03-03 4th Meeting of the Riverside Services Committee.md"
    assert london_markdown.FORMAT.detect(path.read_text(encoding="utf-8"))
    assert not london_markdown.FORMAT.detect("# Minutes\n\nThat the report BE RECEIVED.\n")
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt")):
            assert not london_markdown.FORMAT.detect(read_source(seed).text), seed.name


def test_noted_communication_survives_a_failed_additional_vote(committee: Meeting) -> None:
    fencing = committee.items[6]
    assert [r.text for r in fencing.resolutions] == [
        "That it BE NOTED that the Committee received a communication from Councillor G. Hale."
    ]
    (vote,) = fencing.votes
    assert vote.result == VoteResult.LOST
    assert (
        vote.motion == "That the Civic Administration BE DIRECTED to fence the Elm Street dog park."
    )
    assert vote.yeas == ("G. Hale",) and vote.nays == ("A. Birch", "C. Dunmore", "E. Fenwick")
