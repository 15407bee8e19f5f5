"""A number is one thing however it is written: a question about a "2nd reading" or "phase 2"
is answered from minutes that say "second reading" and "Phase II", and a figure the minutes
never give still refuses (fictional modern.gov-style minutes, indexed and asked through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.numbers import forms, words_for
from tests.bot.cli.index_probe import ask_json, index_beside_other_business

pytestmark = pytest.mark.slow

BYLAW = """Agenda item

DOG CONTROL BYLAW

Minutes:

The Clerk presented the revised dog control bylaw for the recreation ground.

RESOLVED: That the dog control bylaw be given a second reading and referred to the full
council for adoption.

Supporting documents:
"""

PLAYPARK = """Agenda item

PLAY PARK REFURBISHMENT PHASE II

Minutes:

Members considered the tenders for Phase II of the play park refurbishment.

RESOLVED: That the Phase II play park contract be awarded to Meadow Play Ltd.

Supporting documents:
"""


SETTLEMENT = """Agenda item

PROVISIONAL FINANCE SETTLEMENT 2025-26

Minutes:

The Treasurer summarised the provisional settlement and its effect on next year's budget.

RESOLVED: That the Treasurer finalise the council's response to the provisional settlement
by 15 January.

Supporting documents:
"""

GROUNDS = """Agenda item

GROUNDS MAINTENANCE

Minutes:

Members compared the three tenders received for the maintenance of parks and verges.

RESOLVED: That a five year grounds maintenance contract be awarded to Oakfield Services.

Supporting documents:
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(
        tmp_path_factory,
        "numbers",
        {
            "council-2025-05-12-bylaw.txt": BYLAW,
            "council-2025-05-12-playpark.txt": PLAYPARK,
            "council-2025-01-08-settlement.txt": SETTLEMENT,
            "council-2025-01-08-grounds.txt": GROUNDS,
        },
    )


def test_number_forms() -> None:
    assert {"2", "2nd", "second", "ii"} <= forms("2nd")
    assert forms("2") == forms("2nd")
    assert "xii" in forms("12th")
    assert forms("184360") == {"184360"}  # sums and ordinance numbers are compared as written
    # Years are written short as often as in full: "25/26" is "2025-26".
    assert forms("2024") == {"2024"} and "2025" in forms("25") and "2012" in forms("12")
    assert "five" in forms("5yr") and "20" not in forms("20mph")  # a figure run into its unit
    assert "5" in forms("ltp5")  # a figure ending a name
    assert words_for("3rd") == ["third"] and words_for("9") == []


@pytest.mark.parametrize(
    ("question", "quote"),
    [
        ("did the dog bylaw get its 2nd reading?", "given a second reading"),
        ("who got the phase 2 play park contract?", "Phase II play park contract be awarded"),
        ("who is finalising our reply to the 25/26 settlement?", "That the Treasurer finalise"),
        ("who won the 5yr grounds maintenance contract?", "awarded to Oakfield Services"),
    ],
)
def test_a_number_written_another_way_is_answered(data_dir: Path, question: str, quote: str):
    answer = ask_json(data_dir, question)
    assert answer["answer"] is not None, answer["refusal"]
    assert quote in answer["answer"]["quote"]


@pytest.mark.parametrize(
    "question",
    [
        "did the dog bylaw get its 4th reading?",
        "who is finalising our reply to the 19/20 settlement?",
    ],
)
def test_a_figure_the_minutes_never_give_still_refuses(data_dir: Path, question: str) -> None:
    answer = ask_json(data_dir, question)
    assert answer["answer"] is None
    assert answer["refusal"]["kind"] in ("wrong_type", "not_found")
