"""``@minutes-bot what was resolved about …?`` in a channel: answer in the message's thread.

A mention inside an existing thread is a follow-up: the thread's earlier question is context.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.asking.context import is_from_a_person
from bot.slack.asking.reply import answer_message
from bot.slack.runtime.services import Services


def register(app: App, services: Services) -> None:
    def answer_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if not is_from_a_person(event):
            return
        answer_message(services, client, event, context.bot_user_id, reply_in_thread=True)

    app.event("app_mention")(ack=_ack, lazy=[answer_mention])


def _ack(ack: Ack) -> None:
    ack()
