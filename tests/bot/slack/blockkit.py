"""Reading posted Block Kit the way a person reads the message."""

from __future__ import annotations

from typing import Any

from prompts.mrkdwn import unescape


def raw_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every mrkdwn/plain text string in the blocks, as sent (still escaped)."""
    out = []
    for block in blocks or []:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), str):
                out.append(element["text"])
            elif isinstance(element.get("text"), dict):
                out.append(element["text"]["text"])
    return out


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    """What a reader sees: the texts with Slack's escaping undone."""
    return [unescape(t) for t in raw_texts(blocks)]


def source_urls(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["accessory"]["url"] for b in blocks or [] if "url" in b.get("accessory", {})]


def button(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any] | None:
    for block in blocks or []:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element
    return None


def quoted(text: str, blocks: list[dict[str, Any]]) -> bool:
    """``text`` appears whole, inside one block, between curly quotes."""
    return any(f"“{text}”" in t for t in texts(blocks))
