"""Seed 002: a Kent item page with numbered paragraphs, lettered notes and `5. RESOLVED to:`."""

from __future__ import annotations

from index.models import ResolutionKind
from tests.index.conftest import assert_all_quotes_verbatim


def test_item_title_and_text(seed) -> None:
    _, meeting = seed("002")
    [item] = meeting.items
    assert item.title.startswith("Draft Kent and Medway Integrated Care Strategy")
    assert item.text.startswith("1.")
    assert "Dr Ghosh introduced the report" in item.text
    assert_all_quotes_verbatim(meeting)


def test_resolved_to_gives_four_lettered_resolutions(seed) -> None:
    _, meeting = seed("002")
    resolutions = meeting.items[0].resolutions
    assert [r.label for r in resolutions] == ["(a)", "(b)", "(c)", "(d)"]
    assert {r.kind for r in resolutions} == {ResolutionKind.RESOLVED}
    texts = [r.text for r in resolutions]
    assert texts[0] == (
        "Note the progress and proposed work in developing a Shared Delivery Plan for the "
        "Integrated Care Strategy"
    )
    assert texts[1].startswith("Consider their role as partners")
    assert texts[2].startswith("Support the continued development of the Shared Delivery Plan")
    assert texts[2].endswith("delivery of the Integrated Care Strategy")  # "; and" left out
    assert texts[3] == (
        "Agree that a positive statement from the Health and Wellbeing Board be included "
        "within the Shared Delivery Plan"
    )


def test_the_discussion_notes_are_not_resolutions(seed) -> None:
    _, meeting = seed("002")
    for resolution in meeting.items[0].resolutions:
        assert "Varshney" not in resolution.text
        assert "Gogarty" not in resolution.text


def test_two_actions_owned_by_ms_varshney(seed) -> None:
    _, meeting = seed("002")
    varshney = [a for a in meeting.items[0].actions if a.owner == "Ms Varshney"]
    assert [a.text for a in varshney] == [
        "Ms Varshney agreed to deliver on an action and ensure Mr Gogarty was acquainted with "
        "the Director of Primary Care.",
        "Ms Varshney agreed to deliver on the action to share the Delivery Plan with the "
        "provider collaboratives.",
    ]
