"""An item about the right thing is still no answer without the unit the question asks for:
a recorded vote, an appointment, a decision about the topic, the year asked about."""

from __future__ import annotations

from datetime import date

from bot.answer.asked import Wanted, asked, missing
from bot.answer.models import Intent
from bot.answer.question import understand
from index.models import Action, Resolution, Vote, VoteResult
from index.schema import ItemMeta, StoredItem

BODIES = ["Eastbrook Municipal Council", "Eastbrook Cabinet"]


def query(question: str):
    return understand(question, BODIES, date(2025, 8, 1))


def item(text: str, **meta) -> StoredItem:
    defaults = {"title": "Item", "body": "Eastbrook Municipal Council", "date": date(2025, 3, 4)}
    return StoredItem("x", text, ItemMeta(**(defaults | meta)))


def gap(question: str, it: StoredItem) -> str | None:
    q = query(question)
    return missing(asked(q), q.asked, it, lambda _t: 1.0)


PARKING = item(
    "Members discussed raising the parking garage rates downtown. The contract with Central "
    "Parking was awarded for five years.",
    title="Award a five year contract with Central Parking",
    resolutions=(Resolution("The contract with Central Parking was awarded for five years."),),
)
PARKING_VOTE = item(
    PARKING.text + " Motion carried 5 to 2.",
    title=PARKING.meta.title,
    resolutions=PARKING.meta.resolutions,
    votes=(Vote("Motion carried 5 to 2.", VoteResult.CARRIED, yea_count=5, nay_count=2),),
)


def test_how_they_voted_needs_a_recorded_vote():
    q = query("How did council vote on raising the downtown parking garage rates?")
    assert q.intent == Intent.VOTE
    assert gap(q.question, PARKING) == Wanted.VOTE
    assert gap(q.question, PARKING_VOTE) is None
    assert query("who backed the parking contract?").intent == Intent.VOTE
    assert query("how close was the vote on the parking contract?").intent == Intent.VOTE


def test_who_was_hired_needs_an_appointment_not_a_plan_to_recruit():
    recruiting = item(
        "The Clerk was directed to recruit a permanent integrity commissioner.",
        resolutions=(
            Resolution("The Clerk was directed to recruit a permanent integrity commissioner."),
        ),
    )
    appointed = item(
        "Jane Roe BE APPOINTED as the permanent integrity commissioner.",
        resolutions=(Resolution("Jane Roe BE APPOINTED as the permanent integrity commissioner."),),
    )
    question = "Who did the council hire as its permanent integrity commissioner?"
    assert gap(question, recruiting) == Wanted.APPOINTMENT
    assert gap(question, appointed) is None


def test_who_is_finding_a_new_chair_asks_for_a_task_owner_not_an_appointee():
    # "chair" is then what someone is tasked with: the Clerk directed to recruit answers
    for question in (
        "who is finding a new chair for the harbour board?",
        "who is recruiting the new harbour board chair?",
    ):
        wants = asked(query(question))
        assert wants.owner and not wants.appointment, question
    for question in (
        "who chaired the meeting?",
        "who was elected chair?",
        "who will chair the harbour board?",
        "who is the chair of the harbour board?",
        "who won the harbour scholarship?",
    ):
        assert asked(query(question)).appointment, question


def test_did_they_approve_x_needs_a_decision_about_x():
    noted = item(
        "The update covered funding for the neighbourhood collaboratives and their leads. "
        "The Board noted the update provided.",
        title="Update on the work programme",
        resolutions=(Resolution("The Board noted the update provided."),),
    )
    funded = item(
        noted.text,
        title="Funding for neighbourhood collaboratives",
        resolutions=(Resolution("The Board noted the update provided."),),
    )
    question = "Did the council approve funding for the neighbourhood collaboratives?"
    assert gap(question, noted) == Wanted.DECISION  # the topic only in the discussion
    assert gap(question, funded) is None  # the item is about it: its decision is about it
    nothing_decided = item(noted.text, title="Funding for neighbourhood collaboratives")
    assert gap(question, nothing_decided) == Wanted.DECISION
    # Asking what was said, not whether it was decided, needs no decision.
    assert gap("What was said about neighbourhood collaboratives funding?", noted) is None


def test_numbers_in_the_question_must_be_in_the_item():
    chair = item(
        "RESOLVED that Mr Cooke be elected to Chair the meeting.",
        resolutions=(Resolution("that Mr Cooke be elected to Chair the meeting."),),
    )
    assert gap("Who was elected chair for 2025-26?", chair) == Wanted.NUMBER
    yearly = item(
        chair.text + " The Chair for 2025-26 will be elected in May.",
        resolutions=chair.meta.resolutions,
    )
    assert gap("Who was elected chair for 2025-26?", yearly) is None


def test_who_needs_someone_named_and_when_needs_a_date():
    chat = item("Members talked about the depot at length.")
    owned = item(
        "Ms Adeyemi to seek three quotes for the depot roof.",
        actions=(
            Action("Ms Adeyemi to seek three quotes for the depot roof.", owner="Ms Adeyemi"),
        ),
    )
    assert gap("Who is getting quotes for the depot roof?", chat) == Wanted.OWNER
    assert gap("Who is getting quotes for the depot roof?", owned) is None
    undated = item("Members talked about the depot at length.", date=None)
    assert gap("When will the depot roof be fixed?", undated) == Wanted.DATE
    assert gap("When will the depot roof be fixed?", item("Repairs are due by June 2026.")) is None
