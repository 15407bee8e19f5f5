"""A question asking whether something "got through or got voted down" is a vote question: it
is answered with the recorded vote on that motion, never with the link to the submission that
opens the item (fictional Riverside minutes in the shape of City of London (Ontario) minutes:
a councillor's submission noted, then a motion under "Additional Votes" that failed; indexed by
`minutes-bot index`, asked through `minutes-bot ask`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_json, run_index

pytestmark = pytest.mark.slow

MOTION = (
    "That the Civic Administration BE DIRECTED to prepare an information report summarizing "
    "the rent arrears owed by the Harbourside Marina operator and the steps taken to collect them."
)
LINK = (
    "[2025-04-14 Submission - Marina Rent Arrears – Harbourside Marina-G. Hale]"
    "(<https://example.org/filestream.ashx?DocumentId=4411>)"
)

MINUTES = f"""---
title: 6th Meeting of the Riverside Services Committee
date: 2025-04-14
---
April 14, 2025, at  4:00 PM

# 4.&nbsp;&nbsp;&nbsp;Items for Direction

## 4.1&nbsp;&nbsp;&nbsp;Marina Rent Arrears - Harbourside Marina - Councillor G. Hale

{LINK}

That it BE NOTED that the Riverside Services Committee received a communication dated April 2, 2025 from Councillor G. Hale with respect to this matter.

Additional Votes:

> Moved by J. Ives

> Seconded by G. Hale

{MOTION}

> [!abstract]- Vote:
> |Yeas:|Nays:|
> |-|-|
> |G. Hale|A. Birch|
> ||C. Dunmore|
> ||J. Ives|

> **Motion Failed (1 to 3)**

****

## 4.2&nbsp;&nbsp;&nbsp;Community Garden Plots

> Moved by A. Birch

> Seconded by C. Dunmore

That the staff report on community garden plots BE RECEIVED for information.

> **Motion Passed (4 to 0)**

****
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("riverside-minutes")
    (folder / "2025-04-14 6th Meeting of the Riverside Services Committee.md").write_text(MINUTES)
    data = tmp_path_factory.mktemp("vote-outcome")
    assert run_index(data, folder).exit_code == 0
    return data


@pytest.mark.parametrize(
    "question",
    [
        "Hale wanted staff to report on what the marina operator owes us - did that get "
        "through committee or get voted down?",
        "the report on harbourside marina rent arrears: passed or failed?",
    ],
)
def test_whether_it_was_voted_down_is_answered_with_the_vote(data_dir: Path, question: str) -> None:
    answer = ask_json(data_dir, question)
    assert answer["refusal"] is None, answer["refusal"]
    lead = answer["answer"]
    assert lead["kind"] == "vote", lead
    assert lead["result"] == "lost" and lead["tally"] == "1-3"
    assert MOTION.startswith(lead["quote"].rstrip(".")) or lead["quote"] in MOTION
    assert "](" not in lead["quote"] and "filestream" not in lead["quote"]
