"""Which item a history answer leads with (no model, no store): where the matter stands, or
where it started when the question asks for the back story."""

from __future__ import annotations

from bot.answer.lead import history_order, month_years
from bot.answer.models import ItemMatch
from index.models import Resolution, Vote, VoteResult


def item(item_id: str, day: str, *resolutions: str, votes: tuple[Vote, ...] = ()) -> ItemMatch:
    return ItemMatch(
        item_id=item_id,
        source_path=f"/minutes/{day}.txt",
        item_title="Town Centre Plan",
        link=f"https://example.org/{item_id}",
        score=0.5,
        meeting_date=day,
        resolutions=[Resolution(r) for r in resolutions],
        votes=list(votes),
    )


REFERRED = item("a", "2025-01-10", "Members agreed to refer the decision to full Council.")
ADOPTED = item("b", "2025-03-05", "That the Town Centre Plan be adopted.")
RECEIVED = item(
    "c",
    "2025-06-02",
    "That the Town Centre Plan progress report BE RECEIVED for information.",
    votes=(Vote("Carried.", VoteResult.CARRIED, motion="That the report BE RECEIVED."),),
)
UNDATED = ItemMatch("d", "/minutes/x.txt", "Town Centre Plan", "https://example.org/d", 0.9)
SILENT = item("e", "2025-07-01")  # discussed, nothing decided


def ids(matches: list[ItemMatch]) -> list[str]:
    return [m.item_id for m in matches]


def test_where_it_ended_up_is_the_newest_decision_of_substance():
    matches = [RECEIVED, REFERRED, ADOPTED, UNDATED, SILENT]
    # a later report merely received says nothing new: it comes after the adoption
    assert ids(history_order("where has the town centre plan got to?", matches)) == [
        "b",
        "c",
        "a",
    ]
    assert ids(history_order("what came of the town centre plan?", [REFERRED, ADOPTED])) == [
        "b",
        "a",
    ]


def test_the_back_story_starts_with_the_first_item_that_recorded_anything():
    matches = [RECEIVED, ADOPTED, REFERRED, SILENT]
    for question in (
        "what's the back story on the town centre plan?",
        "how did the town centre plan start?",
        "Where did it come from, the town centre plan?",
    ):
        assert ids(history_order(question, matches)) == ["a", "b", "c"], question


def test_dates_are_read_to_the_month_for_matching_a_period():
    assert month_years("open through the end of March 2025?") == {(2025, 3)}
    # two dates that merely mention March and 2025 are not March 2025
    assert month_years("for the period of April 1, 2025 to March 31, 2026") == {
        (2025, 4),
        (2026, 3),
    }
    assert month_years("on 31st March 2025, and in Jan. 2024") == {(2025, 3), (2024, 1)}
    assert month_years("the 2025 budget") == set()


def test_a_matter_stays_within_the_council_of_the_best_match():
    # Another council's newer item, alike in words, is no part of this matter's history.
    def council(match: ItemMatch, body: str | None) -> ItemMatch:
        return ItemMatch(**{**match.__dict__, "body": body})

    own = council(ADOPTED, "Eastbrook County Council")
    cabinet = council(REFERRED, "Eastbrook County Council Cabinet")
    other = council(RECEIVED, "City of Northmoor Municipal Council")
    newer = council(item("f", "2025-08-01", "That the Town Centre Plan be amended."), other.body)
    got = ids(
        history_order("had the town centre plan been to cabinet before?", [own, newer, cabinet])
    )
    assert got == ["b", "a"]
    # minutes that name no body keep to themselves
    assert ids(history_order("where has it got to?", [council(ADOPTED, None), newer])) == ["b"]
