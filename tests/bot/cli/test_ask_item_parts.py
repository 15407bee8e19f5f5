"""One agenda item printed in two places is one item: Portland's minutes list each entry with
its roll call and ordinance number, then the debate in a transcript; a question that shares
more words with the debate is answered from the roll call (fictional minutes in the shape of
Portland's official minutes, indexed by `minutes-bot index`, asked through `minutes-bot ask`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_json, index_beside_other_business

pytestmark = pytest.mark.slow

HEAD = (
    " CITY OF  PORTLAND, OREGON    OFFICIAL MINUTES  A REGULAR MEETING OF THE COUNCIL OF THE "
    "CITY OF PORTLAND, OREGON WAS HELD THIS 9TH DAY OF MARCH, 2011 AT 9:30 A.M.  THOSE PRESENT "
    "WERE:  Mayor Reyes, Presiding; Commissioners Aldana, Brook, \nCho and Dorsey, 5. \n \n"
)
LIST = (
    "REGULAR AGENDA   Mayor Ana Reyes    Office of Management and Finance   *105 Award a five "
    "year contract with Harbor Parking Co. for Parking Garage Management services  (Ordinance)  "
    "10 minutes requested  (Y-5) 185010  106 Amend Street Vending Regulations Code to add "
    "Regulation of Food Carts  (Second Reading Agenda 7)  (Y-4; N-1) 185011  At 10:05 a.m. "
    "Council adjourned. PAT LUND Auditor of the City of Portland  \n \n"
)
TRANSCRIPT = (
    "For a discussion of agenda items, please consult the following Closed Caption File. \n"
    "March 9, 2011  3 of 6 Closed Caption File of Portland City Council Meeting  Reyes: Good "
    "morning.  Please read item 105.  Item 105.    Reyes: This contract hands the management of "
    "the six city parking garages to Harbor Parking.  The operator collects the garage fees and "
    "maintains the garages, and the city keeps the parking revenue.  Aldana: How were the garage "
    "operators compared?  Lund: Four garage management firms bid for the contract.  Reyes: "
    "Please call the roll.  Item 105 roll.  Aldana: Aye.  Brook: Aye.  Reyes: Please read item "
    "106.  Item 106.    Brook: The food cart rules set where carts may park and the permits they "
    "need.  Cho: Food carts are popular downtown.  We stand adjourned.  \n"
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(
        tmp_path_factory, "item-parts", {"portland-2011-03-09.txt": HEAD + LIST + TRANSCRIPT}
    )


@pytest.mark.parametrize(
    "question",
    [
        "was the vote on the parking garage management contract unanimous?",
        "how did the council vote on the Harbor Parking contract?",
    ],
)
def test_a_vote_printed_apart_from_its_debate_answers(data_dir: Path, question: str) -> None:
    answer = ask_json(data_dir, question)
    assert answer["refusal"] is None, answer["refusal"]
    lead = answer["answer"]
    assert lead["kind"] == "vote" and lead["result"] == "carried" and lead["tally"] == "5-0"
    assert "Harbor Parking Co." in lead["quote"]


def test_a_decision_printed_apart_from_its_debate_answers(data_dir: Path) -> None:
    answer = ask_json(data_dir, "did council pass the food cart rules?")
    assert answer["refusal"] is None, answer["refusal"]
    assert "Regulation of Food Carts" in answer["answer"]["quote"]
    assert "185011" in answer["answer"]["quote"]  # the ordinance number: it passed


@pytest.mark.parametrize(
    "question",
    [
        "how did the vote go on the library opening hours review?",  # no roll call at all
        # the debate mentions the garage fees; the roll call was on the contract, not on fees
        "how did the council vote on raising the garage fees the operator collects?",
    ],
)
def test_a_vote_the_minutes_do_not_record_is_still_refused(data_dir: Path, question: str) -> None:
    answer = ask_json(data_dir, question)
    assert answer["refusal"] is not None, answer["answer"]
