"""Answers → Slack messages: Block Kit rendered from templates in prompts/slack/, validated,
and split to fit Slack's limits without ever cutting a quote.

Templates render each match as its own list of blocks with one quote per block, so splitting
happens only between blocks. Slack's limits: 3,000 characters a section, 50 blocks a message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from bot.answer.models import Answer
from bot.slack.payloads import Page, encode_feedback, encode_page
from prompts import environment

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON_TEXT = 75
MAX_VALUE = 2000
MAX_URL = 3000
MAX_HEADER = 150
BLOCK_TYPES = {"section", "context", "divider", "actions", "header"}

Block = dict[str, Any]


class BlockKitError(ValueError):
    """A rendered message breaks a Block Kit rule: a template bug, caught before Slack sees it."""


@dataclass
class SlackMessage:
    """One message: ``text`` is the plain-text fallback (notifications, screen readers)."""

    text: str
    blocks: list[Block] = field(default_factory=list)


def render_text(name: str, **context: Any) -> str:
    """A named plain-text template (``slack/apology.txt.j2`` …), rendered with escaping on."""
    return slack_environment().get_template(name).render(**context).strip()


def text_message(name: str, **context: Any) -> SlackMessage:
    return SlackMessage(text=render_text(name, **context))


def answer_messages(
    answer: Answer,
    page: Page,
    *,
    more: bool = False,
    ephemeral: bool = False,
    shared_by: str | None = None,
) -> list[SlackMessage]:
    """The reply to one question, as one or more messages (the buttons ride on the last)."""
    shown = answer.matches if answer.found else answer.near_misses
    ids = [m.item_id for m in shown] if answer.found else []
    values = {
        "more_value": encode_page(Page(page.question, page.context, page.offset + len(shown)))
        if more
        else None,
        "share_value": encode_page(page) if ephemeral else None,
        "feedback_up": encode_feedback(answer.question, ids),
        "feedback_down": encode_feedback(answer.question, ids),
    }
    if not answer.found and page.offset:
        return [text_message("slack/no_more.txt.j2", question=answer.question)]
    template = "slack/answer.json.j2" if answer.found else "slack/no_match.json.j2"
    parts = _render_json(
        template,
        answer=answer,
        matches=answer.matches,
        offset=page.offset,
        show_question=ephemeral,
        shared_by=shared_by,
        with_footer=not shared_by,
        **values,
    )
    fallback = render_text("slack/fallback.txt.j2", answer=answer, matches=answer.matches)
    continued = render_text("slack/continued.txt.j2", question=answer.question)
    pages = pack(parts["intro"], parts["matches"], parts["footer"])
    return [
        SlackMessage(text=fallback if i == 0 else continued, blocks=validate(blocks))
        for i, blocks in enumerate(pages)
    ]


def home_view(stats: Any) -> dict[str, Any]:
    view = _render_json("slack/home.json.j2", stats=stats)
    validate(view["blocks"])
    return view


def pack(
    intro: list[Block], groups: list[list[Block]], footer: list[Block], limit: int = MAX_BLOCKS
) -> list[list[Block]]:
    """Fill messages with whole matches; a match too big for one message splits between quotes."""
    room = limit - len(footer)
    messages: list[list[Block]] = [list(intro)]
    for group in groups:
        blocks = split_long_sections(group)
        if len(messages[-1]) + len(blocks) > room and len(blocks) <= room:
            messages.append([])
        for block in blocks:
            if len(messages[-1]) >= room:
                messages.append([])
            messages[-1].append(block)
    messages[-1].extend(footer)
    return [m for m in messages if m]


def split_long_sections(blocks: list[Block]) -> list[Block]:
    """A single quote longer than a section holds continues in the next section, split at a space.

    Each section holds one quote, so this is the only case where a quote spans blocks; the
    pieces stay in order and in the same message.
    """
    out: list[Block] = []
    for block in blocks:
        text = block.get("text", {}).get("text", "") if block["type"] == "section" else ""
        if len(text) <= MAX_SECTION_TEXT or "accessory" in block:
            out.append(block)
            continue
        for piece in _split_at_spaces(text, MAX_SECTION_TEXT):
            out.append({"type": "section", "text": {"type": "mrkdwn", "text": piece}})
    return out


def _split_at_spaces(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind(" ", 0, limit), text.rfind("\n", 0, limit))
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def validate(blocks: list[Block]) -> list[Block]:
    """Check the Block Kit rules Slack would reject us for (``invalid_blocks``)."""
    if len(blocks) > MAX_BLOCKS:
        raise BlockKitError(f"{len(blocks)} blocks; Slack allows {MAX_BLOCKS}")
    action_ids: set[str] = set()
    for block in blocks:
        kind = block.get("type")
        if kind not in BLOCK_TYPES:
            raise BlockKitError(f"unknown block type {kind!r}")
        if kind == "section":
            _check_text(block["text"], MAX_SECTION_TEXT)
            if "accessory" in block:
                _check_button(block["accessory"], action_ids)
        elif kind == "header":
            _check_text(block["text"], MAX_HEADER, plain=True)
        elif kind == "context":
            if not 0 < len(block["elements"]) <= MAX_CONTEXT_ELEMENTS:
                raise BlockKitError("a context block holds 1 to 10 elements")
            for element in block["elements"]:
                _check_text(element, MAX_SECTION_TEXT)
        elif kind == "actions":
            if not 0 < len(block["elements"]) <= 25:
                raise BlockKitError("an actions block holds 1 to 25 elements")
            for element in block["elements"]:
                _check_button(element, action_ids)
    return blocks


def _check_text(obj: dict[str, Any], limit: int, plain: bool = False) -> None:
    if obj.get("type") not in ({"plain_text"} if plain else {"plain_text", "mrkdwn"}):
        raise BlockKitError(f"bad text object type {obj.get('type')!r}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BlockKitError("empty text")
    if len(text) > limit:
        raise BlockKitError(f"text of {len(text)} characters exceeds {limit}")


def _check_button(button: dict[str, Any], action_ids: set[str]) -> None:
    if button.get("type") != "button":
        raise BlockKitError(f"unexpected element {button.get('type')!r}")
    _check_text(button["text"], MAX_BUTTON_TEXT, plain=True)
    action_id = button.get("action_id", "")
    if not action_id or len(action_id) > 255 or action_id in action_ids:
        raise BlockKitError(f"missing, long or repeated action_id {action_id!r}")
    action_ids.add(action_id)
    if len(button.get("value", "")) > MAX_VALUE:
        raise BlockKitError("button value over 2,000 characters")
    url = button.get("url")
    if url is not None and (len(url) > MAX_URL or not url.startswith(("http://", "https://"))):
        raise BlockKitError(f"button url must be http(s) and at most {MAX_URL} characters")


def _render_json(name: str, **context: Any) -> Any:
    text = slack_environment().get_template(name).render(**context)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BlockKitError(f"{name} rendered invalid JSON: {exc}") from exc


def slack_environment() -> Environment:
    """The shared prompts environment; its ``mrkdwn`` filter is :func:`prompts.mrkdwn.escape`."""
    return environment()
