"""Slack's Block Kit limits: fitting text into them, and checking a message keeps them.

Text is fitted after escaping, because Slack counts the escaped characters (``&amp;`` is five).
Two ways to fit: :func:`clip` for text whose gist survives a cut (titles, headings, labels), with
an ellipsis; :func:`split` for quotes, which are never cut but continue in the next section.

:func:`validate` is the last check before Slack sees a message: slack_sdk's own validators
(``to_dict``) check each block's fields, and this adds the rules they leave out (50 blocks a
message, one use of each action_id, non-empty text, web-only link buttons).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

from prompts.mrkdwn import ENTITY

MAX_BLOCKS = 50  # a message
MAX_SECTION_TEXT = 3000  # a section's text
MAX_TEXT = 3000  # any other text object (a context element)
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_VALUE = 2000  # a button's value
MAX_URL = 3000  # a button's url
MAX_ACTION_ID = 255
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
BLOCK_TYPES = {"section", "context", "divider", "actions", "header"}

ELLIPSIS = "…"


class BlockKitError(ValueError):
    """A message breaks a Block Kit rule: a bug in building it, caught before Slack sees it."""


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis if it was cut.

    Never inside an escape (``&am…``), which Slack would show as stray characters.
    """
    if len(text) <= limit:
        return text
    cut = _safe_cut(text, limit - len(ELLIPSIS))
    return text[:cut].rstrip() + ELLIPSIS


def split(text: str, limit: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters, broken at a line break or
    space where there is one and never inside an escape; joined, the pieces are ``text``."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > 0 else _safe_cut(text, limit)
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _safe_cut(text: str, at: int) -> int:
    """``at``, or the start of the escape that ``at`` would cut in two."""
    amp = text.rfind("&", max(0, at - 4), at)
    if amp >= 0:
        entity = ENTITY.match(text, amp)
        if entity and entity.end() > at:
            return amp
    return at


def validate(blocks: Sequence[Block | dict[str, Any]]) -> list[Block]:
    """The blocks as slack_sdk objects, if Slack would accept them as one message."""
    if len(blocks) > MAX_BLOCKS:
        raise BlockKitError(f"{len(blocks)} blocks; Slack allows {MAX_BLOCKS}")
    parsed = [_parse(block) for block in blocks]
    action_ids: set[str] = set()
    for block in parsed:
        try:
            data = block.to_dict()
        except SlackObjectFormationError as exc:
            raise BlockKitError(f"{block.type} block: {exc}") from exc
        for text in _texts(data):
            if not isinstance(text, str) or not text.strip():
                raise BlockKitError(f"empty text in a {block.type} block")
            if len(text) > MAX_TEXT:
                raise BlockKitError(f"text of {len(text)} characters exceeds {MAX_TEXT}")
        for button in _buttons(data):
            _check_button(button, action_ids)
    return parsed


def _parse(block: Block | dict[str, Any]) -> Block:
    kind = block.type if isinstance(block, Block) else block.get("type")
    if kind not in BLOCK_TYPES:
        raise BlockKitError(f"unexpected block type {kind!r}")
    if isinstance(block, Block):
        return block
    try:
        parsed = Block.parse(block)
    except (TypeError, SlackObjectFormationError) as exc:
        raise BlockKitError(f"malformed {kind} block: {exc}") from exc
    assert parsed is not None  # a known type always parses
    return parsed


def _texts(data: dict[str, Any]) -> Iterable[Any]:
    """The text of the block, of its accessory and of each element."""
    for part in [data, data.get("accessory") or {}, *data.get("elements", [])]:
        if "text" in part:
            yield part["text"]["text"] if isinstance(part["text"], dict) else part["text"]


def _buttons(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for element in [data.get("accessory") or {}, *data.get("elements", [])]:
        if element.get("type") == "button":
            yield element
        elif "action_id" in element:
            raise BlockKitError(f"unexpected element {element.get('type')!r}")


def _check_button(button: dict[str, Any], action_ids: set[str]) -> None:
    action_id = button.get("action_id", "")
    if not action_id or action_id in action_ids:
        raise BlockKitError(f"missing or repeated action_id {action_id!r}")
    action_ids.add(action_id)
    url = button.get("url")
    if url is not None and not url.startswith(("http://", "https://")):
        raise BlockKitError("a link button must open an http(s) URL")
