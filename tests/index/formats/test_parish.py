"""Parish council minutes: the worked example of docs/extending.md, parsed and then asked
through the CLI the way a user would (a fictional meeting, real index, real model)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app
from index.formats import parish, parse_document
from index.models import AgendaItem, Meeting, ResolutionKind, VoteResult
from index.sources import read_source
from tests.index.helpers import assert_quotes_verbatim
from tests.paths import FIXTURES, SEEDS

FIXTURE = FIXTURES / "parish" / "ashcombe_parish_council_2025-03-04.txt"
TALLY = "(For 5, Against 1, Abstain 0)"


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    return parse_document(read_source(FIXTURE))


def item(meeting: Meeting, number: str) -> AgendaItem:
    return next(i for i in meeting.items if i.number == number)


def test_the_header_and_the_minute_references(meeting: Meeting) -> None:
    assert meeting.format == "parish"
    assert meeting.body == "Ashcombe Parish Council"
    assert meeting.date == date(2025, 3, 4)
    assert meeting.title == "Ashcombe Parish Council – 4 March 2025"
    assert [(i.number, i.title) for i in meeting.items] == [
        ("25/031", "Apologies for Absence"),
        ("25/032", "Minutes of the Previous Meeting"),
        ("25/033", "Playground Resurfacing"),
        ("25/034", "Village Hall Car Park Lighting"),
        ("25/035", "Date of Next Meeting"),
    ]
    assert_quotes_verbatim(meeting)


def test_a_carried_motion_is_the_decision_and_a_lost_one_is_not(meeting: Meeting) -> None:
    [decision] = item(meeting, "25/033").resolutions
    assert decision.kind == ResolutionKind.RESOLVED
    assert decision.text.startswith("That the Council accepts the quotation of £18,400")
    assert decision.text.endswith("with wet-pour rubber.")
    assert decision.quote == "Motion carried: " + decision.text
    assert item(meeting, "25/034").resolutions == []


def test_the_tallies_are_the_votes(meeting: Meeting) -> None:
    [carried] = item(meeting, "25/033").votes
    assert (carried.result, carried.yea_count, carried.nay_count, carried.abstain_count) == (
        VoteResult.CARRIED,
        5,
        1,
        0,
    )
    assert carried.text.startswith("Motion carried: That") and carried.text.endswith(TALLY)
    assert carried.motion == item(meeting, "25/033").resolutions[0].text
    [lost] = item(meeting, "25/034").votes
    assert (lost.result, lost.yea_count, lost.nay_count) == (VoteResult.LOST, 2, 4)


def test_action_log_sentences_are_actions_with_owner_and_date(meeting: Meeting) -> None:
    [order] = item(meeting, "25/033").actions
    assert order.text == "Cllr Hale to place the order by 31 March 2025."
    assert (order.owner, order.due) == ("Cllr Hale", "by 31 March 2025")
    [ask] = item(meeting, "25/034").actions
    assert ask.owner == "the Clerk" and ask.text.startswith("The Clerk to ask")


def test_the_dated_sentence_does_not_take_the_tally_above_it(meeting: Meeting) -> None:
    [dated] = item(meeting, "25/033").dated
    assert dated.text == "Cllr Hale to place the order by 31 March 2025."
    assert dated.when == "by 31 March 2025"


def test_detect_refuses_the_seeds() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    assert not any(parish.FORMAT.detect(read_source(path).text) for path in seeds)


# ----------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("parish-index")
    result = CliRunner().invoke(
        app,
        ["index", "--no-progress", "--data-dir", str(data), str(FIXTURE.parent)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return data


def ask(data_dir: Path, question: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        app, ["ask", "--json", "--data-dir", str(data_dir), question], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["found"] is True, answer
    return dict(answer["answer"])


@pytest.mark.slow
def test_asked_what_was_decided_the_carried_motion_answers(data_dir: Path) -> None:
    answer = ask(data_dir, "What did the parish council decide about the playground resurfacing?")
    assert answer["item_number"] == "25/033"
    assert answer["quote"].startswith("Motion carried: That the Council accepts the quotation")
    assert answer["body"] == "Ashcombe Parish Council" and answer["meeting_date"] == "2025-03-04"


@pytest.mark.slow
def test_asked_who_is_to_place_the_order_the_owner_and_date_answer(data_dir: Path) -> None:
    answer = ask(data_dir, "Who is to place the playground resurfacing order?")
    assert answer["kind"] == "action"
    assert (answer["owner"], answer["due"]) == ("Cllr Hale", "by 31 March 2025")
    assert answer["quote"] == "Cllr Hale to place the order by 31 March 2025."
    assert TALLY not in answer["quote"]


@pytest.mark.slow
def test_asked_how_the_vote_went_the_tally_answers(data_dir: Path) -> None:
    answer = ask(data_dir, "How did the vote go on the playground resurfacing?")
    assert answer["kind"] == "vote"
    assert (answer["result"], answer["tally"]) == ("carried", "5-1")
    assert answer["quote"].startswith("That the Council accepts the quotation of £18,400")
