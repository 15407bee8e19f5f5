"""The shared extractors read with a format's vocabulary (fictional text): its decision
lead-ins, its stop lines and its action sentence shapes; and a bracketed tally is never glued
onto the sentence beside it."""

from __future__ import annotations

import re

from index.extract.actions import extract_actions
from index.extract.dates import extract_dated
from index.extract.resolutions import extract_resolutions
from index.extract.text import split_lines, standalone_asides
from index.extract.vocabulary import DEFAULT, OWNER_TO_DO, LeadIn
from index.models import ResolutionKind

CARRIED = LeadIn(r"Motion carried", ResolutionKind.RESOLVED)
TALLY_STOP = re.compile(r"[ \t]*\(For[ \t]+\d")

MINUTES = """The Clerk reported on the state of the churchyard wall.
Motion carried: That the Council repairs the churchyard wall
at a cost of no more than £2,000
(For 4, Against 0, Abstain 1)
Cllr Moss to instruct the contractor by 30 April 2025.
"""


def test_a_lead_in_that_looks_like_a_stop_line_opens_the_decision() -> None:
    """ "Motion carried" ends a Kent decision (a stop line); a format whose decisions open
    with it reads them, up to its own stop line (the tally), whatever the wrapping."""
    assert extract_resolutions(MINUTES) == []  # the default vocabulary has no such lead-in
    vocabulary = DEFAULT.with_lead_ins(CARRIED).with_stops(TALLY_STOP)
    [decision] = extract_resolutions(MINUTES, vocabulary)
    assert decision.kind == ResolutionKind.RESOLVED
    assert decision.text == (
        "That the Council repairs the churchyard wall\nat a cost of no more than £2,000"
    )
    assert decision.quote == "Motion carried: " + decision.text


def test_the_default_lead_ins_still_read_after_adding_one() -> None:
    vocabulary = DEFAULT.with_lead_ins(CARRIED)
    [decision] = extract_resolutions("RESOLVED: That the report be noted.\n", vocabulary)
    assert decision.text == "That the report be noted." and decision.kind == "resolved"


def test_an_action_log_sentence_is_read_only_with_the_pattern_that_names_it() -> None:
    assert not any(a.owner == "Cllr Moss" for a in extract_actions(MINUTES))
    vocabulary = DEFAULT.with_action_patterns(OWNER_TO_DO)
    [action] = [a for a in extract_actions(MINUTES, vocabulary=vocabulary) if a.owner]
    assert action.text == "Cllr Moss to instruct the contractor by 30 April 2025."
    assert (action.owner, action.due) == ("Cllr Moss", "by 30 April 2025")


def test_the_owner_of_an_action_log_sentence_must_be_a_person_or_a_post() -> None:
    vocabulary = DEFAULT.with_action_patterns(OWNER_TO_DO)
    text = "The Council to consider the matter again in June.\nThe Clerk to write to the owner.\n"
    owners = [a.owner for a in extract_actions(text, vocabulary=vocabulary)]
    assert owners == ["the Clerk"]


def test_a_tally_line_is_not_glued_to_the_dated_sentence_under_it() -> None:
    [dated] = extract_dated(MINUTES)
    assert dated.text == "Cllr Moss to instruct the contractor by 30 April 2025."
    assert dated.when == "by 30 April 2025"


def test_a_bracketed_line_going_on_in_lower_case_stays_in_its_sentence() -> None:
    text = "The resurfacing works will start\n(weather permitting)\nby 1 May 2025 at the latest.\n"
    [dated] = extract_dated(text)
    assert dated.text == text.strip()
    lines = split_lines(MINUTES + text)
    assert [lines[i].stripped for i in sorted(standalone_asides(lines))] == [
        "(For 4, Against 0, Abstain 1)"
    ]
