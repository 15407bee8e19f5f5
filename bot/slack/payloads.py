"""What our buttons carry in ``value`` (at most 2,000 characters, Slack's limit).

Buttons hold the question itself rather than a key into server memory, so "Show more",
"Share in channel" and feedback still work after a restart or on another replica.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

MAX_VALUE = 2000
_TEXT_BUDGET = 1800


@dataclass(frozen=True)
class Page:
    """A question, its thread context and which matches to show from."""

    question: str
    context: str | None = None
    offset: int = 0


def encode_page(page: Page) -> str:
    budget = _TEXT_BUDGET // (2 if page.context else 1)
    data = {"q": page.question[:budget], "c": (page.context or "")[:budget], "o": page.offset}
    return _dump(data)


def decode_page(value: str) -> Page:
    data = json.loads(value)
    return Page(question=str(data["q"]), context=data.get("c") or None, offset=int(data["o"]))


def encode_feedback(question: str, item_ids: Sequence[str]) -> str:
    ids = list(item_ids)
    room = MAX_VALUE - len(_dump({"q": "", "ids": ids})) - 50
    return _dump({"q": question[: max(room, 0)], "ids": ids})


def decode_feedback(value: str) -> tuple[str, list[str]]:
    data = json.loads(value)
    return str(data["q"]), [str(i) for i in data.get("ids", [])]


def _dump(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_VALUE:
        raise ValueError(f"button value of {len(text)} characters exceeds {MAX_VALUE}")
    return text
