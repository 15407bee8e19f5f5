"""``/minutes actions [owner, body or question]``: the register's answer in Slack.

The same question the terminal asks (:func:`bot.register.questions.ask_register`), rendered as
Block Kit from prompts/slack/actions/ and shown only to the asker. The register is rebuilt only
when the index changes (the store's generation), so repeated questions cost one read.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import Block

from bot.register.questions import (
    RegisterQuestion,
    RegisterReply,
    ask_register,
    find_body,
    read_question,
)
from bot.register.register import Register, load_register
from bot.slack import kit
from bot.slack.limits import MAX_BLOCKS
from bot.slack.reply import apologise_for, to_response_url
from bot.slack.services import Services
from index.store import MinutesStore, open_store
from prompts import render

VERB = "actions"
MAX_SHOWN = 10
"""Actions one reply lists: each takes two blocks, and Slack takes 50 a message."""

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


def reply_with_actions(services: Services, text: str, respond: Any) -> None:
    """Answer ``/minutes actions …`` privately; a failure gets the usual apology."""
    try:
        store = getattr(services.answerer, "store", None) or open_store(services.settings)
        registers = _registers.setdefault(id(store), Registers(store))
        asked = text.strip()[len(VERB) :].strip()
        reply = ask_register(registers.current(), question_for(registers.current(), asked))
        respond(**response(reply))
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
    if read.owner or read.body:
        return read
    return RegisterQuestion(owner=asked, today=on)


def response(reply: RegisterReply) -> dict[str, Any]:
    """Keyword arguments for Bolt's ``respond``: the reply only the asker sees."""
    return {
        "text": str(render("slack/actions/fallback.txt.j2", reply=reply)).strip(),
        "blocks": blocks(reply),
        "response_type": "ephemeral",
        "replace_original": False,
    }


def blocks(reply: RegisterReply) -> list[Block]:
    if reply.unknown_owner or reply.unknown_body:
        return [kit.section(render("slack/actions/unknown.txt.j2", reply=reply).strip())]
    out: list[Block] = [kit.section(render("slack/actions/heading.txt.j2", reply=reply).strip())]
    shown = 0
    for group in reply.groups:
        if shown >= MAX_SHOWN:
            break
        out.append(kit.divider())
        out.append(kit.section(render("slack/actions/owner.txt.j2", owner=group.owner).strip()))
        for entry in group.entries[: MAX_SHOWN - shown]:
            text = render("slack/actions/entry.txt.j2", e=entry, today=reply.today)
            out += kit.quote_sections(text.strip())
            out.append(kit.context(render("slack/actions/source.txt.j2", e=entry).strip()))
            shown += 1
    hidden = len(reply.entries) - shown
    if hidden > 0:
        out.append(kit.context(render("slack/actions/more.txt.j2", hidden=hidden).strip()))
    return out[:MAX_BLOCKS]
