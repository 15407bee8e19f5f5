"""Rules A and B of issue 11 on fictional minutes: a decision keeps its marker in a quotable
span, and decision lists broken by intros and group headings are read entry by entry."""

from __future__ import annotations

import pytest

from index.extract.actions import extract_actions, item_actions
from index.extract.resolutions import extract_resolutions
from index.models import Action, Resolution
from tests.paths import FIXTURES as TEST_FIXTURES

FIXTURES = TEST_FIXTURES / "kent"  # printed-minutes shapes, trailing spaces as pypdf gives them


def resolutions(text: str) -> list[Resolution]:
    """Every resolution of ``text``, checked verbatim: ``text`` and ``quote`` are slices."""
    found = extract_resolutions(text)
    for resolution in found:
        assert resolution.text in text
        if resolution.quote is not None:
            assert resolution.quote in text
            assert resolution.quote.endswith(resolution.text)
    return found


def actions(text: str) -> list[Action]:
    found = item_actions(text)
    for action in found:
        assert action.text in text
        assert action.quote is None or action.quote in text
    return found


# ----------------------------------------------------------------------------- A: marker kept


@pytest.mark.parametrize(
    "text, quote",
    [
        (
            "4. RESOLVED to adopt the Harbour Lighting Plan 2026-2031.  \n \n",
            "RESOLVED to adopt the Harbour Lighting Plan 2026-2031.",
        ),
        (
            "2.      RESOLVED that Mrs Pell be elected to Chair the meeting. \n",
            "RESOLVED that Mrs Pell be elected to Chair the meeting.",
        ),
        (
            "Resolved – That the hedgerow policy be adopted.\n\nSupporting documents:",
            "Resolved – That the hedgerow policy be adopted.",
        ),
        (
            "Decision – The Panel agreed to defer the moorings review to March.\n",
            "Decision – The Panel agreed to defer the moorings review to March.",
        ),
        (
            "AGREED: That the allotment grant be awarded.",
            "AGREED: That the allotment grant be awarded.",
        ),
        (
            "Members debated the depot. It was RESOLVED that the depot lease be renewed.\n",
            "RESOLVED that the depot lease be renewed.",
        ),
        (
            "3) RESOLVED that the County Council approves the Coastal Access\n"
            "Plan 2: Shore to Shore. \n  \n",
            "RESOLVED that the County Council approves the Coastal Access\nPlan 2: Shore to Shore.",
        ),
        (  # one line break between the marker and the decision: still one quote
            "RESOLVED:\nThat the quarterly report be noted.\n",
            "RESOLVED:\nThat the quarterly report be noted.",
        ),
    ],
)
def test_a_decision_its_marker_introduces_is_quotable_from_the_marker(
    text: str, quote: str
) -> None:
    [resolution] = resolutions(text)
    assert resolution.quote == quote
    assert not resolution.text.startswith(("RESOLVED", "Resolved", "Decision", "AGREED"))


def test_list_entries_and_plain_sentences_have_no_marker_quote() -> None:
    listed = resolutions("RESOLVED:\n\n1) That the report be noted.\n\n2) That the plan be agreed.")
    assert [r.quote for r in listed] == [None, None]
    [sentence] = resolutions("The Board noted the quarterly figures for the depot.")
    assert sentence.quote is None
    far = resolutions("AGREED\n\n\n\nThat the grant be awarded.\n")
    assert [r.quote for r in far] == [None]  # blank lines apart: not one line to quote


def test_numbered_inline_decisions_are_quoted_without_the_marker() -> None:
    found = resolutions("Resolved: that (1) the fees be frozen; (2) the Treasurer report back.")
    assert [r.label for r in found] == ["(1)", "(2)"]
    assert [r.quote for r in found] == [None, None]


def test_an_action_line_is_quotable_with_its_marker() -> None:
    text = (
        "Members discussed the ferry timetable.\n\n"
        "Action – Dr Dr Amberley to bring the timetable back to the Executive in October.\n\n"
        "Update – in progress.\n"
    )
    [action] = actions(text)
    assert action.text.startswith("Dr Dr Amberley to bring")
    assert action.quote == (
        "Action – Dr Dr Amberley to bring the timetable back to the Executive in October."
    )
    assert action.owner == "Dr Amberley"


def test_an_action_from_a_marked_resolution_keeps_the_resolution_quote() -> None:
    text = "RESOLVED that the Head of Libraries is to report back on opening hours in June.\n"
    [action] = actions(text)
    assert action.owner == "Head of Libraries"
    assert action.quote == text.strip()


def test_a_quote_outside_the_item_is_dropped_not_shown() -> None:
    """item_actions guards the quote as it guards the text: an item cut from a larger page
    may hold a resolution whose marker lies outside it."""
    resolution = Resolution(
        text="that the Clerk is to write to the Ferry Company.",
        quote="RESOLVED that the Clerk is to write to the Ferry Company.",
    )
    body = "Members agreed that the Clerk is to write to the Ferry Company."
    [action] = item_actions(body, [resolution])
    assert action.quote is None and action.text in body


# ----------------------------------------------------------------------------- B: broken lists

BUDGET = (FIXTURES / "budget_list_with_headings.txt").read_text(encoding="utf-8")


def test_group_headings_do_not_end_a_decision_list() -> None:
    found = resolutions(BUDGET)
    labels = [r.label for r in found]
    assert labels == [None, "(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    intro, *entries = found
    assert intro.text.startswith("Shire Council, having given due regard")
    assert intro.text.endswith("to agree the following:")
    assert entries[2].text == "The net revenue budget requirement of £611.2m for 2026-27."
    assert entries[3].text.startswith("Note the transition") and entries[3].text.endswith(
        "May 2025"
    )
    assert entries[5].text == "Recommend that the council reviews the reserves policy in 2027."
    assert not any("Capital Programme  " in r.text or "In addition" in r.text for r in found)
    assert not any("Chairman" in r.text for r in found)


def test_a_delegation_in_a_broken_list_names_its_owner() -> None:
    owners = [a.owner for a in actions(BUDGET)]
    assert "Director of Resources" in owners


def test_a_delegation_to_the_chief_executive_names_the_officer() -> None:
    text = (
        "RESOLVED to:\n(a) Agree the pay award.\n"
        "(b) Delegate authority to the Chief Executive, in consultation with the Leader, to "
        "conclude the negotiations.\n"
    )
    assert [a.owner for a in extract_actions(text)] == ["Chief Executive"]


def test_a_wrapped_last_line_is_not_a_heading() -> None:
    text = (
        "RESOLVED to:\n(a) Approve the refurbishment of the\n"
        "Marine Parade Shelters\n(b) Note the timetable.\n"
    )
    found = resolutions(text)
    assert [r.label for r in found] == ["(a)", "(b)"]
    assert found[0].text.endswith("Marine Parade Shelters")


def test_a_heading_needs_the_next_label_in_sequence() -> None:
    text = (
        "RESOLVED to:\n(a) Approve the plan.\n(b) Note the risks.\n\n"
        "Parking Review\n(d) Not part of this list.\n"
    )
    assert [r.label for r in resolutions(text)] == ["(a)", "(b)"]


MOTION = (FIXTURES / "motion_in_two_lists.txt").read_text(encoding="utf-8")


def test_a_second_intro_after_and_opens_a_second_list() -> None:
    found = resolutions(MOTION)
    assert [r.label for r in found] == [None, "a)", "b)", None, "a)", "b)"]
    assert found[3].text.startswith("This Council agrees to call on the Cabinet Member")
    assert found[3].text.endswith("to:")
    assert found[5].text == "Promote recycling on the seafront."


def test_a_labelled_entry_ending_in_a_colon_still_owns_its_sub_list() -> None:
    text = (
        "RESOLVED:\n1) That the following fees be set:\n(a) parking £2;\n(b) permits £40.\n"
        "2) That the fees be reviewed in a year."
    )
    found = resolutions(text)
    assert [r.label for r in found] == ["1)", "2)"]
    assert found[0].text.endswith("(b) permits £40.")


def test_an_intro_to_a_list_keeps_no_marker_quote() -> None:
    text = "RESOLVED that:\n\nThe Council agrees the following:\n(a) The budget.\n(b) The plan.\n"
    intro, *entries = resolutions(text)
    assert intro.text == "The Council agrees the following:"
    assert intro.quote is None and [e.quote for e in entries] == [None, None]
