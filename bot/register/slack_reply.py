"""``/minutes actions [owner, body or question]`` and its ``Show more`` button.

The same question the terminal asks (:func:`bot.register.questions.ask_register`), as the
message :mod:`.slack_blocks` builds: to the asker only for the command; for a click, where the
paged reply was (privately, or in its thread when a mention or DM was answered from the
register by :mod:`.slack_ask`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.register.current import current_register
from bot.register.follows import MAX_FOLLOWS, Follows, TooManyFollows
from bot.register.owners import owner_key
from bot.register.questions import RegisterQuestion, ask_register, find_body, read_question
from bot.register.register import Register
from bot.register.routing import register_question
from bot.register.slack_blocks import MORE_ACTION, decode_more, message
from bot.slack.asking.reply import Deliver, apologise_for, to_response_url, to_thread
from bot.slack.listeners.actions.unreadable import log_unreadable, tell_unreadable
from bot.slack.render.blocks import SlackMessage, text_message
from bot.slack.render.payloads import BadButtonValue
from bot.slack.runtime.services import Services

VERB = "actions"
FOLLOW_VERBS = ("follow", "unfollow")

log = logging.getLogger(__name__)


def actions_asked(text: str) -> bool:
    """Whether a ``/minutes`` command is ``actions …`` rather than a question or a watch."""
    return text.strip().split(" ", 1)[0].lower() == VERB


def register_listeners(app: App, services: Services) -> None:
    """The ``Show more`` button of a register reply (the command itself is ``/minutes``'s)."""

    def show_more(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Any
    ) -> None:
        try:
            asked, offset = decode_more(action.get("value"))
        except BadButtonValue as error:
            log_unreadable(action, error)
            tell_unreadable(respond)
            return
        container = body.get("container") or {}
        deliver = to_response_url(respond)
        if not container.get("is_ephemeral") and container.get("channel_id"):
            thread_ts = (body.get("message") or {}).get("thread_ts") or container.get("thread_ts")
            deliver = to_thread(client, container["channel_id"], thread_ts)
        reply_with_actions(services, asked, deliver, offset=offset)

    app.action(MORE_ACTION)(ack=_ack, lazy=[show_more])


def reply_to_command(
    services: Services, text: str, respond: Any, command: dict[str, Any] | None = None
) -> None:
    """``/minutes actions …``: the reply only the asker sees. ``actions follow <owner>`` and
    ``actions unfollow <owner>`` choose whose actions the asker's Home tab shows; a bare
    ``follow`` or ``unfollow`` gets how to name the owner (it is not an owner called "follow")."""
    asked = text.strip()[len(VERB) :].strip()
    verb, _, owner = asked.partition(" ")
    user = (command or {}).get("user_id")
    deliver = to_response_url(respond)
    if verb.lower() in FOLLOW_VERBS and not owner.strip():
        deliver(_text("follow_usage", verb=verb.lower()))
        return
    if verb.lower() in FOLLOW_VERBS and owner.strip() and user:
        try:
            follow(services, verb.lower(), owner.strip(), user, deliver, command or {})
        except Exception as exc:
            log.exception("could not %s an owner", verb.lower())
            apologise_for(exc, deliver)
        return
    reply_with_actions(services, asked, deliver)


def follow(
    services: Services,
    verb: str,
    owner: str,
    user: str,
    deliver: Deliver,
    command: dict[str, Any],
) -> None:
    """Follow an owner the register knows (an unknown one gets the closest known names), or
    stop following one however it was spelt when followed."""
    register = current_register(services)
    follows = Follows(services.settings.database)
    group = register.owners.find(owner)
    if verb == "unfollow":
        mine = follows.of(user)
        gone = [
            f
            for f in mine
            if owner_key(f) == owner_key(owner) or (group and register.owners.find(f) == group)
        ]
        for name in gone:
            follows.remove(user, name)
        following = [f for f in mine if f not in gone]
        shown = register.owners.name(group) if group and gone else owner
        deliver(_text("unfollowed", removed=bool(gone), owner=shown, following=following))
        return
    if group is None:
        reply = ask_register(register, RegisterQuestion(owner=owner))
        deliver(message(reply, owner))
        return
    try:
        new = follows.add(user, owner, team_id=command.get("team_id"))
    except TooManyFollows:
        deliver(_text("too_many", limit=MAX_FOLLOWS))
        return
    deliver(_text("followed", new=new, owner=register.owners.name(group)))


def _text(name: str, **context: Any) -> SlackMessage:
    return text_message(f"slack/actions/{name}.txt.j2", **context)


def reply_with_actions(
    services: Services, asked: str, deliver: Deliver, *, offset: int = 0
) -> None:
    """The page of the register's reply to ``asked`` from ``offset``; a failure gets the usual
    apology."""
    try:
        register = current_register(services)
        reply = ask_register(register, question_for(register, asked))
        deliver(message(reply, asked, offset))
    except Exception as exc:
        log.exception("could not answer /minutes actions")
        apologise_for(exc, deliver)


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
    read = register_question(asked, register, on) or read_question(asked, register, on)
    if read.owner or read.body or read.overdue or read.done_since:
        return read
    return RegisterQuestion(owner=asked, today=on)


def _ack(ack: Ack) -> None:
    ack()
