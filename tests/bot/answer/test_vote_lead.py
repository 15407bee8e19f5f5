"""Which recorded vote answers a vote question (:mod:`bot.answer.vote_lead`), on fictional
votes: the motion the question is about, the motion itself before a procedural step, the step
when the question names it, and whether the question asks who voted against."""

from __future__ import annotations

import pytest

from bot.answer.question import Query
from bot.answer.vote_lead import AGAINST_ASKED, MOVER_ASKED, best_vote, tally
from index.models import Vote, VoteKind, VoteResult

RECESS = Vote(
    "> **Motion Passed (13 to 2)**",
    motion="That the Council recess at this time, for 10 minutes.",
    yea_count=13,
    nay_count=2,
    kind=VoteKind.RECESS,
    procedural=True,
)
AMENDMENT = Vote(
    "> **Motion Failed (3 to 12)**",
    result=VoteResult.LOST,
    motion="That the motion BE AMENDED to cap the ferry fare rise at 2 per cent.",
    yea_count=3,
    nay_count=12,
    kind=VoteKind.AMENDMENT,
    procedural=True,
)
FARES = Vote(
    "> **Motion Passed (11 to 4)**",
    motion="That the 2025 ferry fares schedule BE APPROVED.",
    yea_count=11,
    nay_count=4,
    nays=("A. Reed", "B. Stone", "C. Tull", "D. Vance"),
)
PIERS = Vote(
    "> **Motion Passed (15 to 0)**",
    motion="That the pier lighting contract BE AWARDED to Lumen Ltd.",
    yea_count=15,
    nay_count=0,
)


def choose(question: str, *votes: Vote) -> Vote:
    return best_vote(Query(question=question, text=question), votes, lambda _: 1.0, set())


def test_the_motion_asked_about_not_the_first_tally() -> None:
    question = "How did the vote on the ferry fares schedule go?"
    assert choose(question, RECESS, PIERS, AMENDMENT, FARES) is FARES


def test_of_votes_equally_about_the_question_the_motion_itself_wins() -> None:
    assert choose("was it unanimous?", RECESS, AMENDMENT, FARES) is FARES


def test_how_many_asks_for_the_count_not_about_many() -> None:
    more = Vote(
        "> **Motion Failed (4 to 11)**",
        result=VoteResult.LOST,
        motion="That the motion BE AMENDED so that many more ferry fares are discounted.",
        kind=VoteKind.AMENDMENT,
        procedural=True,
    )
    assert choose("how many voted for the ferry fares?", more, FARES) is FARES


def test_in_other_words_the_motion_closest_in_meaning_wins() -> None:
    # no word of the question is in either motion: word overlap alone falls back to the first
    question = "How did the vote on the boat tickets go?"
    assert choose(question, PIERS, FARES) is PIERS
    close = {id(PIERS): 0.21, id(FARES): 0.58}  # dense closeness of each motion's resolution
    picked = best_vote(
        Query(question=question, text=question),
        (PIERS, FARES),
        lambda _: 1.0,
        set(),
        closeness=lambda vote: close[id(vote)],
    )
    assert picked is FARES


def test_a_question_naming_the_step_gets_that_step() -> None:
    question = "How did the vote on the ferry fares amendment go?"
    assert choose(question, FARES, AMENDMENT) is AMENDMENT
    assert choose("Did they vote to recess?", FARES, RECESS) is RECESS


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("and who voted against?", True),
        ("Who voted against the ferry fares?", True),
        ("who opposed it?", True),
        ("Which councillors were against the pier contract?", True),
        ("did anyone vote against the ferry fares?", True),
        ("did any councillors object to the pier contract?", True),
        ("How did the vote on the ferry fares go?", False),
        ("Who backed the ferry fares?", False),
    ],
)
def test_who_voted_against_is_recognised(question: str, asked: bool) -> None:
    assert bool(AGAINST_ASKED.search(question)) is asked


def test_tally_from_counts_or_names() -> None:
    assert tally(FARES) == "11-4"
    assert tally(Vote("x", yeas=("A", "B"), nays=("C",), abstentions=("D",))) == "2-1-1"
    assert tally(Vote("> **Motion Passed**")) is None


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("who moved the motion on the ferry fares?", True),
        ("and who seconded it?", True),
        ("who proposed the amendment?", True),
        ("who is moving the ferry office?", False),
        ("How did the vote on the ferry fares go?", False),
    ],
)
def test_who_moved_or_seconded_is_recognised(question: str, asked: bool) -> None:
    assert bool(MOVER_ASKED.search(question)) is asked
