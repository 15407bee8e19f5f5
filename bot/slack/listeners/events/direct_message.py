"""A direct message to the bot: answer in the DM (in its thread if the DM was threaded)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.asking.context import is_from_a_person
from bot.slack.asking.reply import answer_message
from bot.slack.runtime.services import Services


def register(app: App, services: Services) -> None:
    def answer_dm(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        # Every message event is acked here; only people's new messages in a DM are questions.
        if event.get("channel_type") != "im" or not is_from_a_person(event):
            return
        answer_message(services, client, event, context.bot_user_id, reply_in_thread=False)

    app.event("message")(ack=_ack, lazy=[answer_dm])


def _ack(ack: Ack) -> None:
    ack()
