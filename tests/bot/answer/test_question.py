"""Question understanding: intent, body and date filters, as a user would phrase them."""

from __future__ import annotations

from datetime import date

from bot.answer.meeting_dates import impossible_dates
from bot.answer.models import Intent
from bot.answer.question import understand

BODIES = [
    "Westvale Town Council",
    "Northmoor Health and Wellbeing Board",
    "Eastbrook Infrastructure and Corporate Services Committee",
    "Eastbrook Municipal Council",
]
TODAY = date(2025, 8, 1)


def ask(question: str):
    return understand(question, BODIES, TODAY)


def test_intents():
    assert ask("Who is to report back on the library opening hours review?").intent == Intent.OWNER
    assert ask("When is the consultation on the bus lanes due to close?").intent == Intent.WHEN
    assert ask("Which actions are still outstanding on the flood plan?").intent == (
        Intent.OUTSTANDING
    )
    assert ask("What has the board decided about parking over time?").intent == Intent.HISTORY
    assert ask("What did the council decide about the skate park?").intent == Intent.DECISION


def test_whether_it_was_unanimous_or_anyone_objected_is_a_vote_question():
    for question in (
        "was the bus lane grant unanimous?",
        "did anyone vote against the skate park?",
        "did any councillors oppose the parking charges?",
        "what was the vote on the harbour parking contract?",
        "vote result for the skate park?",
        "did everyone vote for the bus lane grant?",
        "did the skate park report get through committee or get voted down?",
        "bus lane grant - passed or failed?",
        "the ferry fares - was the vote unanimus?",
    ):
        assert ask(question).intent == Intent.VOTE, question
    # a decision asked about in vote words is still a decision question
    assert ask("did council vote to adopt the skate park plan?").intent == Intent.DECISION


def test_whether_a_matter_came_up_before_is_a_history_question():
    for question in (
        "has the skate park come up before?",
        "have we discussed the wading pools before?",
        "any previous decisions on bike lanes?",
        "was the bus lane funding raised at an earlier meeting?",
        "has council looked at encampments in the past?",
        "has the board considered loneliness previously?",
        "was the ferry grant on an earlier council agenda?",
        "had the pier lighting been on a full council agenda before the march mtg?",
        "has the skate park been considered before the vote in june?",
    ):
        assert ask(question).intent == Intent.HISTORY, question
    # "before" with a date, or the last meeting, asks something else
    assert ask("was it decided before March?").intent == Intent.DECISION
    assert ask("what was decided at the previous meeting?").intent == Intent.DECISION
    assert ask("who is to report back before the next meeting?").intent == Intent.OWNER


def test_body_by_name_possessive_and_initials():
    assert ask("What did Westvale Town Council decide on allotments?").bodies == (
        "Westvale Town Council",
    )
    assert ask("What did the Northmoor board agree on obesity?").bodies == (
        "Northmoor Health and Wellbeing Board",
    )
    assert ask("How did ICSC vote on the road contract?").bodies == (
        "Eastbrook Infrastructure and Corporate Services Committee",
    )
    q = ask("Did Eastbrook council back the transit plan?")
    assert q.bodies == ("Eastbrook Municipal Council",)
    assert "Eastbrook" not in q.text and "transit plan" in q.text


def test_place_inside_a_topic_is_not_a_body_filter():
    assert ask("when is the westvale and northmoor joint transport strategy due?").bodies == ()
    # An unknown place's acronym must not pick a known body with the same initials.
    assert ask("what did Southby's HWB conclude on the locality plan?").bodies == ()
    # A held place with a type none of its bodies has names no body of it: "westvale hwb" is
    # not Westvale Town Council, whose minutes a filter would search instead of the board's.
    assert ask("westvale hwb - who is sharing the delivery plan?").bodies == ()
    assert ask("did the westvale panel agree the plan?").bodies == ()
    assert ask("did the westvale council agree the plan?").bodies == ("Westvale Town Council",)
    northmoor = ask("northmoor hwb - who is sharing the delivery plan?")  # the board's initials
    assert northmoor.bodies == ("Northmoor Health and Wellbeing Board",)
    assert "northmoor" not in northmoor.text.lower()


def test_dates_that_date_the_meeting():
    q = ask("What did the board decide in 2023?")
    assert (q.date_from, q.date_to) == (date(2023, 1, 1), date(2023, 12, 31))
    q = ask("What has Westvale decided since March 2024?")
    assert (q.date_from, q.date_to) == (date(2024, 3, 1), None)
    q = ask("what was agreed in July 2016 about the depot?")
    assert (q.date_from, q.date_to) == (date(2016, 7, 1), date(2016, 7, 31))
    q = ask("What did they decide at the meeting on 3rd May 2023?")
    assert q.date_from == q.date_to == date(2023, 5, 3)
    q = ask("What did the council decide at its December 2024 meeting on parking?")
    assert (q.date_from, q.date_to) == (date(2024, 12, 1), date(2024, 12, 31))
    assert "December" not in q.text and "parking" in q.text
    q = ask("decisions between January 2024 and March 2024 on housing")
    assert (q.date_from, q.date_to) == (date(2024, 1, 1), date(2024, 3, 31))
    assert ask("what came up since january?").date_from == date(2025, 1, 1)
    assert ask("what actions came out of the last meeting?").last_meeting


def test_dates_that_are_part_of_the_topic_are_left_alone():
    for question in (
        "did KPMG's plan for checking the 2024 books get signed off?",
        "How did the budget committee vote on excluding pools from the 2026 update?",
        "who's coming back in september with the costed-up scheme?",
        "how much did we give to keep the beds open through the end of March 2025?",
        "Who was elected chair for 2025-26?",
        "When is the deadline? It was due by 30 June 2024.",
    ):
        q = ask(question)
        assert (q.date_from, q.date_to) == (None, None), question


def test_where_clause_combines_body_and_dates():
    q = ask("What did Westvale Town Council decide in May 2025?")
    assert q.where() == {
        "$and": [
            {"body": "Westvale Town Council"},
            {"date_num": {"$gte": 20250501}},
            {"date_num": {"$lte": 20250531}},
        ]
    }
    assert ask("what about the skate park?").where() is None


def test_cues_for_answers_in_the_discussion():
    assert "vote" in ask("how close was the vote on the bridge?").cues
    assert "amount" in ask("how much is the roof repair costing?").cues
    assert "date" in ask("when does the consultation close?").cues


def test_dates_at_the_edge_of_the_calendar_parse_without_overflow():
    """Issue 8 item 5: "after 31 December 9999" is a range no meeting falls in, and the day
    after the calendar's last day is not an OverflowError."""
    q = ask("what was decided after 31 December 9999?")
    assert q.date_from == date.max and q.date_to is None
    q = ask("what was decided before 1 January 0001?")
    assert q.date_to == date.min
    assert impossible_dates("what was decided after 31 December 9999?") == ()


def test_days_no_calendar_has_are_named_as_written():
    assert impossible_dates("What did the board decide on 31 February 2024?") == (
        "31 February 2024",
    )
    assert impossible_dates("decided on 29 February 2023 or 30 Feb?") == (
        "29 February 2023",
        "30 Feb",
    )
    assert impossible_dates("What was agreed on 29 February 2024?") == ()  # a leap day
    assert impossible_dates("it may 2 things") == ()  # "may" as a verb is no month
    # an impossible day sets no filter (it would silently match nothing)
    q = ask("What did the board decide on 31 February 2024?")
    assert (q.date_from, q.date_to) == (None, None)


def test_who_may_decide_is_searched_as_delegated_authority():
    for question in (
        "if the delivery plan needs tweaking later on, whose call is that?",
        "who gets to decide on changes to the play strategy?",
        "who has the final say on the parking charges?",
        "who can amend the timetable?",
    ):
        q = understand(question, BODIES, TODAY)
        assert q.expansion == "delegated authority", question
        assert q.search_text.endswith("delegated authority") and q.text == question
    for question in (
        "who is reporting back on the library review?",
        "what did they decide about the play park?",
    ):
        q = understand(question, BODIES, TODAY)
        assert q.expansion == "" and q.search_text == q.text, question
