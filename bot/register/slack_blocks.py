"""A register reply as a Slack message: Block Kit from prompts/slack/actions/, paged.

:data:`PAGE` actions a message, under their owners' names, with a ``Show more`` button for the
rest. The button carries the question itself and the next offset (not a key into memory), so
it works after a restart or on another replica; :func:`decode_more` checks what comes back.
"""

from __future__ import annotations

import json

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, PlainTextObject

from bot.register.questions import RegisterReply
from bot.slack.render import kit
from bot.slack.render.blocks import SlackMessage
from bot.slack.render.limits import MAX_BLOCKS, MAX_BUTTON_TEXT, MAX_VALUE, clip, validate
from bot.slack.render.payloads import BadButtonValue
from prompts import render

PAGE = 10
"""Actions one message lists: each takes two or three blocks, and Slack takes 50 a message."""
MORE_ACTION = "register_more"
MORE_BLOCK = "register_footer"
MAX_ASKED = 1500
"""Characters of the question a ``Show more`` button carries (its value holds 2,000)."""
MAX_OFFSET = 10_000


def message(reply: RegisterReply, asked: str = "", offset: int = 0) -> SlackMessage:
    """The page of ``reply`` from ``offset``; ``asked`` is what its ``Show more`` re-asks."""
    text = str(render("slack/actions/fallback.txt.j2", reply=reply)).strip()
    return SlackMessage(text=text, blocks=validate(blocks(reply, asked, offset)))


def blocks(
    reply: RegisterReply, asked: str = "", offset: int = 0, *, more: bool = True
) -> list[Block]:
    """The heading, then actions ``offset`` … ``offset + PAGE`` under their owners' names (an
    owner whose list goes on from the page before is named again), then ``Show more`` (unless
    ``more`` is False: the caller posts the other pages itself)."""
    if reply.unknown_owner or reply.unknown_body:
        return [kit.section(render("slack/actions/unknown.txt.j2", reply=reply).strip())]
    listed = [(group.owner, entry) for group in reply.groups for entry in group.entries]
    page = listed[offset : offset + PAGE]
    heading = render(
        "slack/actions/heading.txt.j2",
        reply=reply,
        first=offset + 1,
        last=offset + len(page),
        total=len(listed),
    )
    out: list[Block] = [kit.section(heading.strip())]
    owner: object = object()  # no owner yet: even "not stated" gets its heading
    for name, entry in page:
        if name != owner:
            owner = name
            out.append(kit.divider())
            out.append(kit.section(render("slack/actions/owner.txt.j2", owner=name).strip()))
        text = render("slack/actions/entry.txt.j2", e=entry, today=reply.today)
        out += kit.quote_sections(text.strip())
        out.append(kit.context(render("slack/actions/source.txt.j2", e=entry).strip()))
    following = offset + len(page)
    if more and following < len(listed):
        hidden = len(listed) - following
        out = out[: MAX_BLOCKS - 2]
        out.append(kit.context(render("slack/actions/more.txt.j2", hidden=hidden).strip()))
        out.append(ActionsBlock(block_id=MORE_BLOCK, elements=[more_button(asked, following)]))
    return out[:MAX_BLOCKS]


def more_button(asked: str, offset: int) -> ButtonElement:
    label = render("slack/actions/button.txt.j2").strip()
    return ButtonElement(
        text=PlainTextObject(text=clip(label, MAX_BUTTON_TEXT), emoji=True),
        action_id=MORE_ACTION,
        value=encode_more(asked, offset),
    )


def encode_more(asked: str, offset: int) -> str:
    value = json.dumps({"a": asked[:MAX_ASKED], "o": offset}, ensure_ascii=False)
    return value if len(value) <= MAX_VALUE else json.dumps({"a": asked[:300], "o": offset})


def decode_more(value: object) -> tuple[str, int]:
    """The question and offset a ``Show more`` button carries; anything else is refused."""
    if not isinstance(value, str) or len(value) > MAX_VALUE:
        raise BadButtonValue("not a register button value")
    try:
        data = json.loads(value)
    except json.JSONDecodeError as exc:
        raise BadButtonValue(f"value is not JSON ({exc.msg})") from None
    asked = data.get("a") if isinstance(data, dict) else None
    offset = data.get("o") if isinstance(data, dict) else None
    if not isinstance(asked, str):
        raise BadButtonValue("'a' is not text")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise BadButtonValue("'o' is not an offset")
    return asked, offset
