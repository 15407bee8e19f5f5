"""Asked whether something was decided ("was the plan approved?", "did the board sign off
…?"), when the closest minutes only note a report, the reply says the minutes record no
decision on it, and shows that item, instead of quoting "noted" as if it answered; asked what
was decided, the noting is the answer (fictional minutes in the shape of a modern.gov item page,
indexed by `minutes-bot index`, asked through `minutes-bot ask`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_json, index_beside_other_business

pytestmark = pytest.mark.slow

MINUTES = """Agenda item

CARE HOMES QUALITY UPDATE

Minutes:

The Head of Commissioning presented the quarterly update on care home quality in Westvale,
including inspection ratings and the new provider forum.

RESOLVED: That the update be noted.

Supporting documents:
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(tmp_path_factory, "noted", {"care-homes.txt": MINUTES})


@pytest.mark.parametrize(
    "question",
    [
        "did the board approve the care home quality improvement plan?",
        "westvale board - was the care home provider forum signed off?",
    ],
)
def test_whether_it_was_decided_is_no_decision_when_the_minutes_only_note_it(
    data_dir: Path, question: str
) -> None:
    answer = ask_json(data_dir, question)
    assert answer["answer"] is None and answer["found"] is False
    refusal = answer["refusal"]
    assert refusal["kind"] == "wrong_type" and refusal["wanted"] == "decision", refusal
    assert [m["item_title"] for m in answer["near_misses"]] == ["CARE HOMES QUALITY UPDATE"]


@pytest.mark.parametrize(
    "question",
    [
        "what did the board decide about the care home quality update?",
        "did the board note the care home quality update?",
    ],
)
def test_what_was_decided_is_answered_by_the_noting(data_dir: Path, question: str) -> None:
    answer = ask_json(data_dir, question)
    assert answer["refusal"] is None, answer["refusal"]
    assert answer["answer"]["quote"].endswith("That the update be noted.")
