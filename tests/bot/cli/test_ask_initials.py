"""Asked in initials the minutes never write ("the LCWIP"), the bot reads them from the index's
own titles ("Local Cycling and Walking Infrastructure Plan"), finds the item and answers it;
initials no title spells out are still refused (fictional minutes, through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_json, index_beside_other_business

pytestmark = pytest.mark.slow

CYCLING = """Agenda item

LOCAL CYCLING AND WALKING INFRASTRUCTURE PLAN

Minutes:

The Cabinet Member for Highways introduced the draft plan and the routes it proposes.

RESOLVED:

1)    That the draft plan be approved for a six week public consultation starting in May.

Supporting documents:
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(
        tmp_path_factory, "initials", {"cabinet-2025-03-11.txt": CYCLING}
    )


@pytest.mark.parametrize(
    "question",
    ["what did they decide on the LCWIP?", "any news on the LCWIP consultation?"],
)
def test_initials_the_minutes_spell_out_in_a_title_are_answered(
    data_dir: Path, question: str
) -> None:
    answer = ask_json(data_dir, question)
    assert answer["answer"] is not None, answer["refusal"]
    assert "approved for a six week public consultation" in answer["answer"]["quote"]
    assert answer["matches"][0]["item_title"] == "LOCAL CYCLING AND WALKING INFRASTRUCTURE PLAN"


def test_initials_no_title_spells_out_are_refused(data_dir: Path) -> None:
    answer = ask_json(data_dir, "what did they decide on the QXRB?")
    assert answer["answer"] is None and answer["refusal"] is not None
