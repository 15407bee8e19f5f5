""" "Share in channel" on an ephemeral answer: post the same cited answer for everyone."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack.asking.reply import answer_and_reply, to_response_url, to_thread
from bot.slack.listeners.actions.unreadable import log_unreadable, tell_unreadable
from bot.slack.render.payloads import BadButtonValue, decode_page
from bot.slack.runtime.services import Services

ACTION_ID = "share_answer"


def register(app: App, services: Services) -> None:
    def share(body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond):
        try:
            page = decode_page(action.get("value"))
        except BadButtonValue as error:
            log_unreadable(action, error)
            tell_unreadable(respond)
            return
        channel = body["channel"]["id"]
        answer_and_reply(
            services,
            page,
            to_thread(client, channel, None),
            shared_by=body["user"]["id"],
            apology=to_response_url(respond),
        )
        respond(delete_original=True)

    app.action(ACTION_ID)(ack=_ack, lazy=[share])


def _ack(ack: Ack) -> None:
    ack()
