"""Asked in plain words ("who's lobbying Whitehall for cash …?"), the bot finds and answers the
decision the minutes wrote formally ("requested to advocate to the Government for additional
funds"), and still refuses a plain-worded question the minutes do not answer (fictional
modern.gov-style minutes, indexed and asked through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_json, index_beside_other_business

pytestmark = pytest.mark.slow

ADVOCACY = """Agenda item

HIGHWAY MAINTENANCE FUNDING

Minutes:

Members discussed the state of rural roads after the winter and the backlog of repairs.

RESOLVED:

1)    That the Leader of the Council be requested to advocate to the Government for
additional funds for pothole repairs on rural roads.

Supporting documents:
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(
        tmp_path_factory, "plain", {"cabinet-2025-03-11.txt": ADVOCACY}
    )


def test_a_plain_worded_question_finds_the_formal_decision(data_dir: Path) -> None:
    answer = ask_json(data_dir, "who's lobbying whitehall for cash to fix potholes?")
    assert answer["answer"] is not None, answer["refusal"]
    assert "advocate to the Government" in answer["answer"]["quote"]
    assert answer["matches"][0]["item_title"] == "HIGHWAY MAINTENANCE FUNDING"


def test_plain_words_do_not_answer_what_the_minutes_do_not_hold(data_dir: Path) -> None:
    answer = ask_json(data_dir, "who's lobbying holyrood for cash for a new ferry terminal?")
    assert answer["answer"] is None and answer["refusal"]["kind"] == "not_found"
