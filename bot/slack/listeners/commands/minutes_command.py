"""``/minutes <question>``: an answer only the asker sees, with a "Share in channel" button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.slack.context import question_text
from bot.slack.payloads import Page
from bot.slack.reply import answer_and_reply, to_response_url
from bot.slack.services import Services

COMMAND = "/minutes"


def register(app: App, services: Services) -> None:
    def answer_command(command: dict[str, Any], respond: Respond) -> None:
        page = Page(question_text(command.get("text")))
        answer_and_reply(services, page, to_response_url(respond), ephemeral=True)

    app.command(COMMAND)(ack=_ack, lazy=[answer_command])


def _ack(ack: Ack) -> None:
    ack()
