"""A decision a committee made and the council then adopted in the same words is one answer,
led by the committee's minuting, with the council's named beside it; asked about the
council's vote, the council's minuting leads (fictional Riverside minutes, both formats real:
written in the shape of City of London (Ontario) minutes, indexed by `minutes-bot index`,
asked through `minutes-bot ask`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.bot.cli.index_probe import ask_json, run_index

pytestmark = pytest.mark.slow


DECISION = (
    "That the Civic Administration BE REQUESTED to extend the opening hours of the "
    "Riverside skate park to 10:00 PM from May 1, 2025."
)

COMMITTEE = f"""---
title: 4th Meeting of the Riverside Services Committee
date: 2025-03-03
---
March 3, 2025, at  4:00 PM

# 2.&nbsp;&nbsp;&nbsp;Consent

## 2.1&nbsp;&nbsp;&nbsp;Skate Park Hours

> Moved by G. Hale

> Seconded by J. Ives

{DECISION}

> **Motion Passed**

****

## 2.2&nbsp;&nbsp;&nbsp;Community Garden Plots

> Moved by A. Birch

> Seconded by C. Dunmore

That the staff report on community garden plots BE RECEIVED for information.

> **Motion Passed**

****
"""

COUNCIL = f"""---
title: 5th Meeting of City Council
date: 2025-03-18
---
March 18, 2025, at  1:00 PM

# 8.&nbsp;&nbsp;&nbsp;Reports

## 8.1&nbsp;&nbsp;&nbsp;4th Report of the Riverside Services Committee

### 8.1.1&nbsp;&nbsp;&nbsp;(2.1) Skate Park Hours (Relates to Bill No. 12)

> Motion made by G. Hale

{DECISION}

> [!abstract]- Vote:
> |Yeas:|Nays:|
> |-|-|
> |G. Hale|A. Birch|
> |E. Fenwick|C. Dunmore|
> |J. Ives||

> **Motion Passed (3 to 2)**

****
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("riverside")
    (folder / "2025-03-03 4th Meeting of the Riverside Services Committee.md").write_text(COMMITTEE)
    (folder / "2025-03-18 5th Meeting of City Council.md").write_text(COUNCIL)
    data = tmp_path_factory.mktemp("twins")
    assert run_index(data, folder).exit_code == 0
    return data


def skate_matches(answer: dict) -> list[dict]:
    return [m for m in answer["matches"] if "Skate Park Hours" in m["item_title"]]


def test_the_committee_decision_and_its_adoption_are_one_match(data_dir: Path) -> None:
    answer = ask_json(data_dir, "what was decided about extending the skate park hours?")
    (match,) = skate_matches(answer)
    assert match["body"].endswith("Riverside Services Committee")
    assert match["meeting_date"] == "2025-03-03"
    assert [a["meeting_date"] for a in match["also"]] == ["2025-03-18"]
    assert "Council" in match["also"][0]["body"]
    assert answer["answer"]["quote"] == DECISION

    terminal = CliRunner().invoke(
        app,
        [
            "ask",
            "--data-dir",
            str(data_dir),
            "what was decided about extending the skate park hours?",
        ],
    )
    assert terminal.exit_code == 0, terminal.output
    assert "Also minuted in the same words:" in terminal.output
    assert "18 March 2025" in terminal.output


def test_asked_about_the_councils_vote_the_council_minuting_answers(data_dir: Path) -> None:
    answer = ask_json(data_dir, "how did council vote on extending the skate park hours?")
    (match,) = skate_matches(answer)
    assert match["meeting_date"] == "2025-03-18"
    assert answer["answer"]["kind"] == "vote"
    assert answer["answer"]["tally"]
    assert answer["answer"]["meeting_date"] == "2025-03-18"
