""" "Whose call is it?" asks who may decide: minutes record that as delegated authority, a phrase
the question never uses. The answer names the delegate, not the owner of a task about the same
plan (fictional modern.gov-style minutes, indexed and asked through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_json, index_beside_other_business

pytestmark = pytest.mark.slow

TASK = """Agenda item

PLAY STRATEGY DELIVERY PLAN

Minutes:

The Board discussed the play strategy delivery plan and the play areas in each ward.

Action – Ms Okafor to share the play strategy delivery plan with ward members.

Supporting documents:
"""

DELEGATION = """Agenda item

PLAY STRATEGY 2025-2030

Minutes:

The Cabinet Member for Leisure introduced the play strategy.

RESOLVED:

1)    That the Play Strategy 2025-2030 be adopted.

2)    That authority be delegated to the Director of Parks, in consultation with the Cabinet
Member for Leisure, to make non-substantial revisions to the Play Strategy during its lifetime.

Supporting documents:
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return index_beside_other_business(
        tmp_path_factory,
        "authority",
        {"board-2025-02-04.txt": TASK, "cabinet-2025-03-11.txt": DELEGATION},
    )


@pytest.mark.parametrize(
    "question",
    [
        "if the play strategy needs tweaking later on, whose call is that?",
        "who gets to decide on changes to the play strategy?",
    ],
)
def test_whose_call_is_answered_by_the_delegation(data_dir: Path, question: str) -> None:
    answer = ask_json(data_dir, question)
    assert answer["answer"] is not None, answer["refusal"]
    assert "Director of Parks" in (answer["answer"]["owner"] or answer["answer"]["quote"])
    assert answer["matches"][0]["item_title"] == "PLAY STRATEGY 2025-2030"
