"""``/minutes <question>``: an answer only the asker sees, with a "Share in channel" button.

``/minutes watch <topic>``, ``/minutes watches`` and ``/minutes unwatch <topic>`` manage the
channel's watches instead (:mod:`bot.slack.watches.replies`).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.register.slack_reply import actions_asked, register_listeners, reply_to_command
from bot.slack.asking.context import question_text
from bot.slack.asking.reply import answer_and_reply, apologise_for, to_response_url
from bot.slack.render.payloads import Page
from bot.slack.runtime.services import Services
from bot.slack.watches.replies import answer, split_command
from bot.slack.watches.topics import Watches

COMMAND = "/minutes"

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    watches = Watches(services.settings.database)  # opens the database (and its tables) now

    def answer_command(command: dict[str, Any], respond: Respond) -> None:
        text = question_text(command.get("text"))
        if actions_asked(text):  # /minutes actions …: the action register (bot.register)
            return reply_to_command(services, text, respond, command)
        verb, topic = split_command(text)
        if verb is None:
            answer_and_reply(services, Page(text), to_response_url(respond), ephemeral=True)
            return
        try:
            reply = answer(
                watches,
                verb,
                topic,
                channel=command["channel_id"],
                user=command["user_id"],
                team=command.get("team_id"),
            )
            respond(**reply.as_response(replace_original=False))
        except Exception as exc:  # the database down gets "unavailable, try again shortly"
            log.exception("could not %s %r", verb, topic[:80])
            apologise_for(exc, to_response_url(respond))

    app.command(COMMAND)(ack=_ack, lazy=[answer_command])
    register_listeners(app, services)  # the register reply's "Show more" (bot.register)


def _ack(ack: Ack) -> None:
    ack()
