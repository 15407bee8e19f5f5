"""``/minutes actions [owner, body or question]``: the register's answer in Slack.

The same question the terminal asks (:func:`bot.register.questions.ask_register`), rendered as
Block Kit from prompts/slack/actions/ and shown only to the asker, :data:`PAGE` actions a
message with a ``Show more`` button for the rest. The button carries the question itself and
the next offset (not a key into memory), so it works after a restart or on another replica.
The register is rebuilt only when the index changes (the store's generation), so repeated
questions cost one read.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, PlainTextObject

from bot.register.questions import (
    RegisterQuestion,
    RegisterReply,
    ask_register,
    find_body,
    read_question,
)
from bot.register.register import Register, load_register
from bot.slack import kit
from bot.slack.limits import MAX_BLOCKS, MAX_BUTTON_TEXT, MAX_VALUE, clip
from bot.slack.listeners.actions.unreadable import log_unreadable, tell_unreadable
from bot.slack.payloads import BadButtonValue
from bot.slack.reply import apologise_for, to_response_url
from bot.slack.services import Services
from index.store import MinutesStore, open_store
from prompts import render

VERB = "actions"
PAGE = 10
"""Actions one message lists: each takes two or three blocks, and Slack takes 50 a message."""
MORE_ACTION = "register_more"
MORE_BLOCK = "register_footer"
MAX_ASKED = 1500
"""Characters of the question a ``Show more`` button carries (its value holds 2,000)."""

log = logging.getLogger(__name__)


def actions_asked(text: str) -> bool:
    """Whether a ``/minutes`` command is ``actions …`` rather than a question or a watch."""
    return text.strip().split(" ", 1)[0].lower() == VERB


@dataclass
class Registers:
    """The register of one store, rebuilt when the store's generation changes."""

    store: MinutesStore
    _held: tuple[str, Register] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self) -> Register:
        generation = self.store.generation()
        with self._lock:
            if self._held is None or self._held[0] != generation or not generation:
                self._held = (generation, load_register(self.store))
            return self._held[1]


_registers: dict[int, Registers] = {}
_registers_lock = threading.Lock()


def current_register(services: Services) -> Register:
    """The register of the store the bot answers from (opened from settings if it has none)."""
    store = getattr(services.answerer, "store", None) or open_store(services.settings)
    with _registers_lock:
        registers = _registers.setdefault(id(store), Registers(store))
    return registers.current()


def register_listeners(app: App, services: Services) -> None:
    """The ``Show more`` button of a register reply (the command itself is ``/minutes``'s)."""

    def show_more(body: dict[str, Any], action: dict[str, Any], respond: Any) -> None:
        try:
            asked, offset = decode_more(action.get("value"))
        except BadButtonValue as error:
            log_unreadable(action, error)
            tell_unreadable(respond)
            return
        reply_with_actions(services, f"{VERB} {asked}", respond, offset=offset)

    app.action(MORE_ACTION)(ack=_ack, lazy=[show_more])


def reply_with_actions(services: Services, text: str, respond: Any, *, offset: int = 0) -> None:
    """Answer ``/minutes actions …`` privately; a failure gets the usual apology."""
    try:
        register = current_register(services)
        asked = text.strip()[len(VERB) :].strip()
        reply = ask_register(register, question_for(register, asked))
        respond(**response(reply, asked, offset))
    except Exception as exc:
        log.exception("could not answer /minutes actions")
        apologise_for(exc, to_response_url(respond))


def question_for(register: Register, asked: str, today: dt.date | None = None) -> RegisterQuestion:
    """A body's name asks for its actions, an owner's for theirs; anything else is read as a
    question ("what's overdue for DPH?"), and what still names nothing as an unknown owner."""
    on = today or dt.date.today()
    if not asked:
        return RegisterQuestion(today=on)
    if find_body(register, asked) is not None:
        return RegisterQuestion(body=asked, today=on)
    if register.owners.find(asked) is not None:
        return RegisterQuestion(owner=asked, today=on)
    read = read_question(asked, register, on)
    if read.owner or read.body or read.overdue or read.done_since:
        return read
    return RegisterQuestion(owner=asked, today=on)


def response(reply: RegisterReply, asked: str = "", offset: int = 0) -> dict[str, Any]:
    """Keyword arguments for Bolt's ``respond``: the reply only the asker sees."""
    return {
        "text": str(render("slack/actions/fallback.txt.j2", reply=reply)).strip(),
        "blocks": blocks(reply, asked, offset),
        "response_type": "ephemeral",
        "replace_original": False,
    }


def blocks(reply: RegisterReply, asked: str = "", offset: int = 0) -> list[Block]:
    """The heading, then actions ``offset`` … ``offset + PAGE`` under their owners' names (an
    owner whose list goes on from the page before is named again), then ``Show more``."""
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
    if following < len(listed):
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
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= 10_000:
        raise BadButtonValue("'o' is not an offset")
    return asked, offset


def _ack(ack: Ack) -> None:
    ack()
