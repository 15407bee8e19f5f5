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


RENT = """Agenda item

COMMUNITY AND PROTECTIVE SERVICES RENT SUPPLEMENT

Minutes:

The Director of Housing set out how the rent supplement had been used this year.

RESOLVED:

1)    That $40,000 of the rent supplement budget be directed to the Harbour Housing Trust for
tenants leaving care.

Supporting documents:
"""


TRANSPORT = """Agenda item

LOCAL TRANSPORT PLAN

Minutes:

The Cabinet Member for Highways presented the fifth plan and the responses to its consultation.

RESOLVED:

1)    That the Council approves and adopts Local Transport Plan 5: Moving Together.

Supporting documents:
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(
        tmp_path_factory,
        "initials",
        {
            "cabinet-2025-03-11.txt": CYCLING,
            "cabinet-2025-06-10.txt": RENT,
            "council-2025-07-08.txt": TRANSPORT,
        },
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


@pytest.mark.parametrize(
    "question",
    [
        "what did CPS decide in june about the rent supplement money?",
        "is any of the rent supplement going from CPS to the Harbour Housing Trust?",
    ],
)
def test_initials_of_a_title_are_no_council_the_index_lacks(data_dir: Path, question: str) -> None:
    """ "Did CPS decide …", "from CPS": initials a title spells out are what the minutes are
    about, not a council whose minutes are missing ("I have no minutes from CPS")."""
    answer = ask_json(data_dir, question)
    assert answer["answer"] is not None, answer["refusal"]
    assert "directed to the Harbour Housing Trust" in answer["answer"]["quote"]


@pytest.mark.parametrize(
    "question", ["did they sign off LTP5 in july?", "LTP5 adoption at council - what was agreed?"]
)
def test_numbered_initials_are_the_numbered_thing_the_title_spells(
    data_dir: Path, question: str
) -> None:
    """ "LTP5" is the fifth Local Transport Plan: found through the title's words and covered by
    an item that gives the number, also when it opens the question."""
    answer = ask_json(data_dir, question)
    assert answer["answer"] is not None, answer["refusal"]
    assert "adopts Local Transport Plan 5" in answer["answer"]["quote"]


def test_initials_no_title_spells_out_are_refused(data_dir: Path) -> None:
    answer = ask_json(data_dir, "what did they decide on the QXRB?")
    assert answer["answer"] is None and answer["refusal"] is not None
