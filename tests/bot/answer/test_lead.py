"""The answer leads with the one unit that answers, verbatim, and keeps weak items apart:
an action and its owner for "who", a vote and its tally for "how did they vote", a decision
otherwise; a question outside what the minutes record is refused with the reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.answer.models import LeadKind, RefusalKind
from bot.answer.service import Answerer
from bot.search.base import Ranked
from bot.search.pipeline import Pipeline, Weighted
from bot.settings import Settings
from index.models import Action, Resolution, Vote, VoteKind, VoteResult
from index.schema import (
    ItemMeta,
    UnitKind,
    UnitRef,
    unit_id,
)
from tests.bot.answer.test_answer_from_records import FakeStore, chunk_table, stored

BODY = "Eastbrook Parish Council"
PARK_TEXT = (
    "Members discussed the play park refurbishment at Brook Lane. "
    "RESOLVED: That the play park refurbishment be approved at a cost of £48,000. "
    "RESOLVED: That the paddling pool be reopened in May. "
    "Ms Adeyemi to seek three quotes for the play park surfacing. "
    "The motion was carried 5 to 2."
)
PARK = ItemMeta(
    doc_id="d1",
    source_path="/minutes/eastbrook-2025-03-04.txt",
    title="Play Park Refurbishment",
    link="https://example.org/eastbrook#item-3",
    resolutions=(
        Resolution("That the play park refurbishment be approved at a cost of £48,000."),
        Resolution("That the paddling pool be reopened in May."),
    ),
    actions=(
        Action("Ms Adeyemi to seek three quotes for the play park surfacing.", owner="Ms Adeyemi"),
    ),
    votes=(
        Vote(
            "The motion was carried 5 to 2.",
            VoteResult.CARRIED,
            motion="That the play park refurbishment be approved at a cost of £48,000.",
            yea_count=5,
            nay_count=2,
        ),
    ),
    number="3",
    body=BODY,
    date=date(2025, 3, 4),
)
BINS_TEXT = "The Clerk reported on bin collections in Mill Road; missed rounds had fallen."
BINS = ItemMeta(
    doc_id="d2",
    source_path="/minutes/eastbrook-2025-04-01.txt",
    title="Bin Collections",
    link="https://example.org/eastbrook#item-4",
    body=BODY,
    date=date(2025, 4, 1),
)
HALL_TEXT = "The Clerk noted the village hall roof needs attention, like the play park."
HALL = ItemMeta(
    doc_id="d3",
    source_path="/minutes/eastbrook-2025-04-01.txt",
    title="Village Hall",
    link="https://example.org/eastbrook#item-5",
    resolutions=(
        Resolution("The Clerk noted the village hall roof needs attention, like the play park."),
    ),
    body=BODY,
    date=date(2025, 4, 1),
)


def units(item_id: str, **scores: float) -> dict[str, float]:
    """Unit scores by kind letter and ordinal: ``r1=0.8`` is the item's second resolution,
    ``d0`` its decisions together (where a vote stands whose motion no resolution holds)."""
    kinds = {
        "r": UnitKind.RESOLUTION,
        "a": UnitKind.ACTION,
        "c": UnitKind.CHUNK,
        "d": UnitKind.DECISION,
    }
    return {unit_id(UnitRef(item_id, kinds[k[0]], int(k[1:]))): v for k, v in scores.items()}


class Dense:
    """A dense signal that scores each unit, as the exact rescoring does."""

    name = "dense"

    def __init__(self, ranked: list[Ranked]) -> None:
        self.ranked = ranked

    def search(self, text, k, where=None) -> list[Ranked]:
        return self.ranked


@pytest.fixture
def parts(tmp_path: Path):
    items = {
        "park": stored("park", PARK_TEXT, PARK),
        "bins": stored("bins", BINS_TEXT, BINS),
        "hall": stored("hall", HALL_TEXT, HALL),
    }
    return Settings(data_dir=tmp_path / "data"), FakeStore(items), chunk_table(items)


def ask(parts, ranked: list[Ranked], question: str):
    settings, store, lexical = parts
    bot = Answerer(
        settings,
        store,
        pipeline=Pipeline("test", [Weighted(Dense(ranked))]),
        lexical=lexical,
        today=date(2025, 5, 1),
    )
    return bot.ask(question, limit=3)


PARK_UNITS = units("park", r0=0.78, r1=0.55, a0=0.60, c0=0.70)


def test_a_who_question_leads_with_the_action_and_its_owner(parts):
    answer = ask(
        parts,
        [Ranked("park", 0.78, PARK_UNITS)],
        "Who is getting quotes for the play park surfacing?",
    )
    assert answer.lead is not None and answer.lead.kind == LeadKind.ACTION
    assert answer.lead.owner == "Ms Adeyemi"
    assert answer.lead.quote == "Ms Adeyemi to seek three quotes for the play park surfacing."
    assert (answer.lead.item_id, answer.lead.link) == ("park", PARK.link)
    assert answer.to_dict()["answer"]["owner"] == "Ms Adeyemi"


def test_a_decision_question_leads_with_the_closest_resolution(parts):
    answer = ask(
        parts,
        [Ranked("park", 0.78, PARK_UNITS)],
        "What was decided about the play park refurbishment?",
    )
    assert answer.lead is not None and answer.lead.kind == LeadKind.RESOLUTION
    assert answer.lead.quote == PARK.resolutions[0].text
    assert answer.lead.quote in PARK_TEXT
    assert answer.lead.meeting_date == "2025-03-04"
    # The unit's own similarity decides between two resolutions of the item.
    pool = units("park", r0=0.50, r1=0.81, a0=0.40)
    answer = ask(parts, [Ranked("park", 0.81, pool)], "What was decided about the paddling pool?")
    assert answer.lead is not None and answer.lead.quote == PARK.resolutions[1].text


def test_a_vote_question_leads_with_the_vote_its_tally_and_the_motion_it_decided(parts):
    answer = ask(
        parts,
        [Ranked("park", 0.74, PARK_UNITS)],
        "How did the council vote on the play park refurbishment?",
    )
    assert answer.found and answer.lead is not None
    assert (answer.lead.kind, answer.lead.result, answer.lead.tally) == (
        LeadKind.VOTE,
        VoteResult.CARRIED,
        "5-2",
    )
    assert answer.lead.quote == PARK.votes[0].motion


def test_minutes_without_the_asked_for_unit_are_no_answer(parts):
    answer = ask(
        parts,
        [Ranked("bins", 0.80, units("bins", c0=0.80))],
        "How did the council vote on bin collections in Mill Road?",
    )
    assert not answer.found and answer.lead is None
    assert answer.refusal is not None
    assert (answer.refusal.kind, answer.refusal.wanted) == (RefusalKind.WRONG_TYPE, "vote")
    assert [m.item_id for m in answer.near_misses] == ["bins"]


def test_items_far_below_the_best_are_related_not_answers(parts):
    answer = ask(
        parts,
        [
            Ranked("park", 0.80, PARK_UNITS),
            Ranked("hall", 0.50, units("hall", r0=0.50)),  # it passes, but far below
        ],
        "What was decided about the play park refurbishment?",
    )
    assert [m.item_id for m in answer.matches] == ["park"]
    assert [m.item_id for m in answer.related] == ["hall"]
    assert answer.to_dict()["related"][0]["item_id"] == "hall"


CHAIR_AMENDMENT = (
    "Council is asked to: 1. Thank the members of the Constitution Working Group 2. Approve the "
    "revised terms of reference 3. Debate and decide whether the Chair of the Audit Committee "
    "should be drawn from outside the administration."
)
CHAIR_TEXT = (
    "Mr Oduya proposed the motion. Ms Penhallow proposed the following amendment: "
    f"“{CHAIR_AMENDMENT}” Amendment carried. Substantive motion carried. "
    "RESOLVED that Council: 1. Notes the report of the Constitution Working Group. "
    "2. Agrees that the Chair of the Audit Committee should be drawn from outside the "
    "administration."
)
CHAIR = ItemMeta(
    doc_id="d4",
    source_path="/minutes/eastbrook-2025-03-13.txt",
    title="Constitution Working Group Report",
    link="https://example.org/eastbrook#item-8",
    resolutions=(
        Resolution("Notes the report of the Constitution Working Group."),
        Resolution(
            "Agrees that the Chair of the Audit Committee should be drawn from outside the "
            "administration."
        ),
    ),
    votes=(
        Vote(
            "Amendment carried.",
            VoteResult.CARRIED,
            motion=f"“{CHAIR_AMENDMENT}”",
            kind=VoteKind.AMENDMENT,
            procedural=True,
        ),
    ),
    number="8",
    body=BODY,
    date=date(2025, 3, 13),
)


def test_a_decision_question_leads_with_the_resolution_not_a_motion_put_as_a_request(
    tmp_path: Path,
):
    # "Council is asked to: … decide whether …" is what was put to the vote (here an
    # amendment restating the report's recommendations); the resolution says what the council
    # decided, and answers a question about the decision.
    items = {"chair": stored("chair", CHAIR_TEXT, CHAIR)}
    parts = Settings(data_dir=tmp_path / "data"), FakeStore(items), chunk_table(items)
    ranked = [Ranked("chair", 0.7, units("chair", r0=0.45, r1=0.62, c0=0.66, d0=0.68))]
    question = "is the audit committee chair now required to come from outside the administration?"
    answer = ask(parts, ranked, question)
    assert answer.lead is not None and answer.lead.kind == LeadKind.RESOLUTION, answer.lead
    assert answer.lead.quote.startswith("Agrees that the Chair of the Audit Committee")
    vote = ask(parts, ranked, "how did the vote on the audit committee chair amendment go?")
    assert vote.lead is not None and vote.lead.kind == LeadKind.VOTE
