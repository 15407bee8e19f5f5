"""The register's evaluation (bot/eval/actions.py) over the register fixtures: precision and
recall of the listed actions, an action listed twice counted against precision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.eval.actions import main

pytestmark = pytest.mark.slow

CASES = [
    {
        "id": "t-1",
        "question": "what is still outstanding from the Kestrel Vale executive?",
        "expected": [
            {"owner": "Cllr Bradshaw", "any": ["Cllr Bradshaw to write to the county council"]},
            {"owner": "Tomasz", "any": ["Tomasz to share the warm spaces evaluation"]},
        ],
    },
    {
        "id": "t-2",
        "question": "which actions from the Kestrel Vale executive have been done?",
        "expected": [{"owner": "Priya", "any": ["Priya to circulate"]}],
    },
    {
        "id": "t-3",
        "question": "what does Tomasz owe the executive?",
        "expected": [{"owner": "Tomasz", "any": ["Tomasz to share the warm spaces evaluation"]}],
    },
    {   # expects one of the DPH's three outstanding actions: two listed are not expected
        "id": "t-4",
        "question": "what actions does the DPH have outstanding?",
        "today": "2024-10-01",
        "expected": [{"owner": "DPH", "any": ["DPH to share the school nursing data"]}],
    },
]  # fmt: skip


def test_precision_and_recall_of_listed_actions(register_index: Path, tmp_path: Path, capsys):
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in CASES) + "\n", encoding="utf-8")
    assert main([str(cases), "--data-dir", str(register_index), "--today", "2024-10-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("t-1  listed   2  expected   2  matched   2")
    assert out[1].startswith("t-2  listed   1  expected   1  matched   1")
    assert out[2].startswith("t-3  listed   1  expected   1  matched   1")
    assert out[3].startswith("t-4  listed   3  expected   1  matched   1")
    assert out[-1] == "precision 0.71  recall 1.00  (4 questions)"  # 5 of 7 listed were expected
