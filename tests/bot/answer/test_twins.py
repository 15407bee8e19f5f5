"""Folding one decision minuted twice (committee, then the council adopting it) into one match:
no model, no Chroma, just the rule on stored metadata."""

from __future__ import annotations

import datetime as dt

from bot.answer.reading import read
from bot.answer.twins import are_twins, fold, title_key
from index.models import Resolution
from index.schema import ItemMeta

DECISION = "That the Civic Administration BE REQUESTED to extend skate park hours to 10:00 PM."


def meta(title: str, body: str, day: int, *resolutions: str, path: str = "") -> ItemMeta:
    return ItemMeta(
        title=title,
        body=body,
        date=dt.date(2025, 3, day),
        source_path=path or f"{body}-{day}.md",
        resolutions=tuple(Resolution(text=r) for r in resolutions),
    )


COMMITTEE = meta("Skate Park Hours", "Riverside Services Committee", 3, DECISION)
COUNCIL = meta("Skate Park Hours (Relates to Bill No. 12)", "Riverside City Council", 18, DECISION)


def test_adoption_marks_are_not_part_of_the_title() -> None:
    assert title_key("(ADDED) Skate  Park Hours (Relates to Bill No. 12)") == "skate park hours"


def test_same_title_and_same_worded_decision_at_two_meetings_are_twins() -> None:
    assert are_twins(COMMITTEE, COUNCIL)


def test_a_recurring_title_with_other_decisions_is_not_a_twin() -> None:
    later = meta(
        "Skate Park Hours", "Riverside Services Committee", 17, DECISION.replace("10", "11")
    )
    assert not are_twins(COMMITTEE, later)


def test_a_short_shared_decision_proves_nothing() -> None:
    noted = "That the report be noted."
    a = meta("Budget Update", "Riverside Services Committee", 3, noted)
    b = meta("Budget Update", "Riverside City Council", 18, noted)
    assert not are_twins(a, b)


def test_the_earliest_minuting_answers_at_the_best_members_place() -> None:
    other = meta("Community Garden Plots", "Riverside Services Committee", 3, "x" * 50)
    ranked = [COUNCIL, other, COMMITTEE]
    folded = fold(ranked, lambda m: m, read("what happened to skate park opening hours?"))
    assert [(first.body, [t.body for t in rest]) for first, rest in folded] == [
        ("Riverside Services Committee", ["Riverside City Council"]),
        ("Riverside Services Committee", []),
    ]
    assert folded[1][0] is other


def test_the_minuting_of_the_body_the_question_names_answers() -> None:
    folded = fold(
        [COMMITTEE, COUNCIL], lambda m: m, read("how did council vote on skate park hours?")
    )
    assert folded[0][0] is COUNCIL and folded[0][1] == [COMMITTEE]
