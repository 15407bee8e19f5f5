"""Verbatim passages: the answer that sits in the discussion, not a resolution."""

from __future__ import annotations

from bot.answer.passages import best_passages, segments
from bot.answer.reading import read

MINUTES = (
    "The Head of Libraries introduced the review of opening hours. Members asked\n"
    "about Sunday opening. Ms Okafor agreed to bring a costed option back to the\n"
    "Board in September 2025.\n\n"
    "· The refurbishment was expected to cost £1.2m, funded from reserves.\n"
    "· Councillor J. Patel asked about staffing.\n\n"
    "Motion Passed (8 to 7)\n"
    "RESOLVED: That the review be noted."
)


def test_passages_are_exact_substrings():
    for seg in segments(MINUTES):
        assert MINUTES[seg.start : seg.end].strip() == MINUTES[seg.start : seg.end]
    for question in ("who is bringing back Sunday opening?", "how much will it cost?", "vote?"):
        for passage in best_passages(read(question), MINUTES):
            assert passage in MINUTES


def test_owner_figure_and_vote_come_from_the_discussion():
    owner = best_passages(read("who's bringing a costed option back?"), MINUTES, cues={"person"})
    assert "Ms Okafor agreed to bring a costed option back" in owner[0]
    cost = best_passages(read("how much is the refurbishment costing?"), MINUTES, cues={"amount"})
    assert "£1.2m" in cost[0]
    vote = best_passages(read("how close was the motion vote?"), MINUTES, cues={"vote"})
    assert "Motion Passed (8 to 7)" in vote[0]


def test_initials_do_not_end_a_sentence_and_shown_quotes_are_not_repeated():
    staffing = best_passages(read("who asked about staffing?"), MINUTES)
    assert "Councillor J. Patel asked about staffing." in staffing[0]
    again = best_passages(
        read("review noted"), MINUTES, exclude=["RESOLVED: That the review be noted."]
    )
    assert all("be noted" not in p for p in again)


def test_a_line_that_is_only_a_link_is_never_a_passage():
    # A London item opens with a link to the councillor's submission, named after the topic:
    # it shares the question's words and answers nothing, so it is no passage to quote.
    text = (
        "[2025-04-14 Submission - Marina Rent Arrears – Harbourside Marina-G. Hale]"
        "(<https://example.org/filestream.ashx?DocumentId=4411>)\n\n"
        "That it BE NOTED that the committee received a communication from Councillor G. Hale."
    )
    got = best_passages(read("what about the harbourside marina rent arrears?"), text, k=3)
    assert all("](" not in p and "filestream" not in p for p in got), got
    # a sentence that carries a link among its words is still a passage
    cited = "The marina rent arrears are set out in [the report](<https://example.org/r>) today."
    assert best_passages(read("marina rent arrears?"), cited) == [cited]
