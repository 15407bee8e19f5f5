"""A question that assumes a motion passed, when the minutes record it put to the vote and
lost, is answered "it did not pass" with the vote, never with a date from the item (fictional
minutes in the shape of Kent's printed minutes, indexed and asked through the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_cli as ask
from tests.bot.cli.index_probe import run_index

pytestmark = pytest.mark.slow

MINUTES = """1 \n \nMARSHFORD COUNTY COUNCIL \n \nMINUTES of a meeting of the County Council held in the Council Chamber, Shire
Hall, Marshford on Thursday, 12 December 2024. \n \nPRESENT: Mrs P Quill (Chair), Mr T Oduya, Ms R Penhallow and Dr S Varga \n
UNRESTRICTED ITEMS \n \n \n281. Motions for Time Limited Debate  \n(Item 12) \n \nMotion for Time Limited Debate 1 – Bus Shelters \n
1)      Mr Oduya proposed, and Dr Varga seconded the motion that \n \n“This Council resolves to ask the Cabinet Member for Highways to replace every damaged bus
shelter on the county's rural routes by March 2026.” \n
2)      Following the debate, the Chairman put the motion set out in paragraph 1 to the
vote and the voting was as follows. \n \nFor (30)  \n \nMr Oduya, Dr Varga, Mrs Quill \n \nAgainst (0)  \n \nAbstain (2)  \n
Ms Penhallow, Mr Crow \n \nMotion carried. \n
3)      RESOLVED that the Cabinet Member for Highways be asked to replace every damaged bus
shelter on the county's rural routes by March 2026. \n
Motion for Time Limited Debate 2 – Rivers Protection Bill \n
4)      Ms Penhallow proposed, and Mr Crow seconded the motion that \n
“County Council notes that the Rivers Protection Bill, introduced in Parliament on
3 October 2024, would set legal limits on sewage discharges into chalk streams, that it is
backed by anglers' clubs, wildlife trusts, water companies' own ecologists and forty
councils, that chalk streams are a rare habitat of which most lie in England, and that
the county's rivers failed their last ecological survey on every measured reach.
This Council resolves to write to every Marshford MP urging them to back the Rivers
Protection Bill at its second reading.” \n
5)      Following the debate, the Chairman put the motion set out in paragraph 4 to the
vote and the voting was as follows. \n \nFor (12)  \n \nMs Penhallow, Mr Crow \n \nAgainst (20)  \n
Mr Oduya, Dr Varga, Mrs Quill \n \nAbstain (0)  \nMotion lost. \n \n
282. Date of next meeting \n(Item 13) \n \nRESOLVED that the next meeting be held on 13 February 2025. \n"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("marshford")
    (folder / "County_Council_2024-12-12_minutes.txt").write_text(MINUTES)
    data = tmp_path_factory.mktemp("lost")
    assert run_index(data, folder).exit_code == 0
    return data


def test_when_did_it_pass_a_lost_motion_says_it_did_not(data_dir: Path) -> None:
    question = "When did the council pass its motion backing the Rivers Protection Bill?"
    answer = json.loads(ask(data_dir, question, "--json"))
    assert answer["found"] is False and answer["answer"] is None
    refusal = answer["refusal"]
    assert refusal["kind"] == "motion_lost"
    assert refusal["lost"]["tally"] == "12-20" and refusal["lost"]["result"] == "lost"
    assert "Rivers Protection Bill" in refusal["lost"]["quote"]
    assert refusal["lost"]["quote"] in MINUTES
    assert [m["item_title"] for m in answer["near_misses"]][:1] == [
        "Motions for Time Limited Debate (Item 12)"
    ]
    text = ask(data_dir, question)
    assert text.startswith("It did not pass:"), text
    assert "lost (12 for, 20 against)" in text and "12 December 2024" in text
    # The motion is shown from what it would have resolved, once quoted, bounded.
    shown = next(line for line in text.splitlines() if line.startswith("“"))
    assert shown.startswith("“This Council resolves to write to every Marshford MP"), shown
    assert "““" not in text and len(shown) < 400
    assert refusal["lost"]["shown"] in MINUTES.replace(" \n", "\n")


def test_a_yes_no_question_about_it_is_answered_with_the_lost_vote(data_dir: Path) -> None:
    answer = json.loads(
        ask(data_dir, "Did the council back the Rivers Protection Bill motion?", "--json")
    )
    assert answer["found"] is True
    assert answer["answer"]["kind"] == "vote" and answer["answer"]["result"] == "lost"


def test_when_did_it_pass_a_carried_motion_is_answered(data_dir: Path) -> None:
    answer = json.loads(
        ask(data_dir, "When did the council pass its motion on damaged bus shelters?", "--json")
    )
    assert answer["found"] is True and answer["refusal"] is None
    assert "bus" in answer["answer"]["quote"]
