"""Reading posted Block Kit the way a person reads the message.

Blocks come as Slack receives them (dicts, from the fake Slack) or as the slack_sdk objects the
bot builds; both are read as the JSON Slack would get.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from prompts.mrkdwn import unescape

Blocks = Sequence[Block | dict[str, Any]] | None


def as_json(blocks: Blocks) -> list[dict[str, Any]]:
    """The blocks as the JSON Slack receives."""
    return [b.to_dict() if isinstance(b, Block) else b for b in blocks or []]


def view_json(view: View | dict[str, Any]) -> dict[str, Any]:
    return view.to_dict() if isinstance(view, View) else view


def raw_texts(blocks: Blocks) -> list[str]:
    """Every mrkdwn/plain text string in the blocks, as sent (still escaped)."""
    out = []
    for block in as_json(blocks):
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), str):
                out.append(element["text"])
            elif isinstance(element.get("text"), dict):
                out.append(element["text"]["text"])
    return out


def texts(blocks: Blocks) -> list[str]:
    """What a reader sees: the texts with Slack's escaping undone."""
    return [unescape(t) for t in raw_texts(blocks)]


def source_urls(blocks: Blocks) -> list[str]:
    return [b["accessory"]["url"] for b in as_json(blocks) if "url" in b.get("accessory", {})]


def button(blocks: Blocks, action_id: str) -> dict[str, Any] | None:
    for block in as_json(blocks):
        for element in [block.get("accessory") or {}, *block.get("elements", [])]:
            if element.get("action_id") == action_id:
                return element
    return None


def quoted(text: str, blocks: Blocks) -> bool:
    """``text`` appears whole, inside one block, between curly quotes."""
    return any(f"“{text}”" in t for t in texts(blocks))
