"""Questions that cannot be answered as asked get a short, helpful reply from `minutes-bot ask`,
never a traceback: nothing asked, only punctuation or emoji, far too long, an impossible date,
a date past the end of the calendar, a place or a meeting the index has no minutes of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def northmoor(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("northmoor")
    result = runner.invoke(
        app,
        ["index", "--data-dir", str(data_dir), str(samples_dir / "northmoor")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stdout
    return data_dir


def ask(data_dir: Path, question: str, *, as_json: bool = False) -> str:
    args = ["ask", "--data-dir", str(data_dir), question]
    result = runner.invoke(app, args[:1] + (["--json"] if as_json else []) + args[1:])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


@pytest.mark.parametrize("question", ["", "   ", "?!…", "🙂🙂 👍", "***"])
def test_nothing_to_search_for_gets_an_example_question(northmoor: Path, question: str):
    reply = ask(northmoor, question)
    assert reply.startswith("Ask me about what a council body decided")
    assert len(reply) < 200


def test_a_ten_thousand_character_question_is_asked_to_be_shorter(northmoor: Path):
    reply = ask(northmoor, "library opening hours " * 455)
    assert "10,010 characters" in reply and "under 1,000" in reply
    assert len(reply) < 200
    answer = json.loads(ask(northmoor, "x" * 10_000, as_json=True))
    assert answer["found"] is False
    assert answer["refusal"]["kind"] == "too_long"


def test_an_impossible_date_is_named(northmoor: Path):
    reply = ask(northmoor, "What did the board decide on 31 February?")
    assert reply.startswith("“31 February” is not a date")
    reply = ask(northmoor, "What did the Northmoor board decide on 30 Feb 2024 about libraries?")
    assert "“30 Feb 2024” is not a date" in reply
    answer = json.loads(ask(northmoor, "what was decided on 31 February 2024?", as_json=True))
    assert answer["found"] is False and answer["answer"] is None
    assert answer["refusal"] == {
        **answer["refusal"],
        "kind": "bad_date",
        "name": "31 February 2024",
    }


def test_a_date_past_the_calendar_has_no_meeting(northmoor: Path):
    reply = ask(northmoor, "what was decided after 31 December 9999?")
    assert reply.startswith("No meeting after 31 December 9999 is indexed")
    assert "the nearest are 6 February 2024, 10 September 2024" in reply
    assert "I have: Northmoor Health and Wellbeing Board (2 meetings, 2024)." in reply


def test_a_meeting_that_is_not_indexed_names_the_nearest(northmoor: Path):
    reply = ask(northmoor, "What did the Northmoor board decide at its 7 March 2024 meeting?")
    assert reply.startswith(
        "No Northmoor Health and Wellbeing Board meeting on 7 March 2024 is indexed; "
        "the nearest are 6 February 2024, 10 September 2024."
    )


def test_a_place_with_no_minutes_is_named_with_what_is_held(northmoor: Path):
    reply = ask(northmoor, "What did Plymouth decide about library opening hours?")
    assert reply.splitlines()[:2] == [
        "I have no minutes from Plymouth.",
        "I have: Northmoor Health and Wellbeing Board (2 meetings, 2024).",
    ]
    answer = json.loads(ask(northmoor, "Did Plymouth approve its library strategy?", as_json=True))
    assert answer["found"] is False and answer["answer"] is None
    assert answer["refusal"]["kind"] == "unknown_place"
    assert answer["refusal"]["name"] == "Plymouth"


@pytest.mark.parametrize(
    "question",
    [
        "the and of",  # stop words only
        "what was it about then?",  # asking words only, no thread to take a topic from
        "What did the Northmoor Health and Wellbeing Board decide?",  # a body and no topic
        "HWB?",  # a single acronym
    ],
)
def test_a_question_with_nothing_to_look_for_says_what_can_be_asked(northmoor: Path, question: str):
    reply = ask(northmoor, question)
    first, held = reply.splitlines()[:2]
    assert first.endswith(
        "does not say what to look for. Ask about a topic, for example "
        "“What did the cabinet decide about library opening hours?” or "
        "“Who is to report back on the parking review?”"
    )
    assert held == "I have: Northmoor Health and Wellbeing Board (2 meetings, 2024)."
    assert "Closest items" not in reply and "“That" not in reply  # nothing quoted
    answer = json.loads(ask(northmoor, question, as_json=True))
    assert answer["found"] is False and answer["refusal"]["kind"] == "no_topic"


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué decidió el consejo sobre el horario de las bibliotecas?",
        "Qu'est-ce que le conseil a décidé sur les horaires de la bibliothèque ?",
        "Beth benderfynodd y bwrdd am oriau agor y llyfrgell?",
        "董事会对图书馆开放时间做了什么决定？",
    ],
)
def test_a_question_in_another_language_is_asked_in_english(northmoor: Path, question: str):
    reply = ask(northmoor, question)
    assert reply.splitlines()[:2] == [
        "I can only read questions in English, the language of the minutes I hold. Please ask "
        "in English, for example “What did the cabinet decide about library opening hours?”",
        "I have: Northmoor Health and Wellbeing Board (2 meetings, 2024).",
    ]
    assert "Closest items" not in reply
    answer = json.loads(ask(northmoor, question, as_json=True))
    assert answer["refusal"]["kind"] == "foreign"


@pytest.mark.parametrize(
    "question",
    [
        "wat did the hwb decid abt libary hours",  # typos and abbreviations stay English
        "library opening hours?",  # a topic in three words
        "hwb minutes feb 2024 library hours sign off?",  # notes, not sentences
        "what did the Northmoor board decide on 6 February 2024?",  # a meeting, its topic
    ],
)
def test_short_informal_questions_are_still_searched(northmoor: Path, question: str):
    answer = json.loads(ask(northmoor, question, as_json=True))
    assert answer["refusal"] is None or answer["refusal"]["kind"] not in ("no_topic", "foreign")


def test_a_topic_of_three_words_is_answered(northmoor: Path):
    answer = json.loads(ask(northmoor, "library opening hours?", as_json=True))
    assert answer["found"] is True
    assert "library opening hours" in answer["answer"]["quote"].lower()
