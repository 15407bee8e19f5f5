"""Answers as terminal text and JSON (Slack blocks live in bot.slack)."""

from __future__ import annotations

import json

from bot.answer.models import Answer
from prompts import render


def answer_text(answer: Answer) -> str:
    return render("terminal/answer.txt.j2", answer=answer).rstrip() + "\n"


def answer_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), indent=2, ensure_ascii=False)
