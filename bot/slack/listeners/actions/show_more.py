""" "Show more": the next page of matches, where the answer was (thread or ephemeral)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack.asking.reply import answer_and_reply, to_response_url, to_thread
from bot.slack.listeners.actions.unreadable import log_unreadable, tell_unreadable
from bot.slack.render.payloads import BadButtonValue, decode_page
from bot.slack.runtime.services import Services

ACTION_ID = "show_more"


def register(app: App, services: Services) -> None:
    def show_more(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ):
        try:
            page = decode_page(action.get("value"))
        except BadButtonValue as error:
            log_unreadable(action, error)
            tell_unreadable(respond)
            return
        container = body.get("container") or {}
        if container.get("is_ephemeral"):
            answer_and_reply(services, page, to_response_url(respond), ephemeral=True)
            return
        # Where the answer was: its thread, or top level for an unthreaded DM answer.
        thread_ts = (body.get("message") or {}).get("thread_ts") or container.get("thread_ts")
        answer_and_reply(services, page, to_thread(client, container["channel_id"], thread_ts))

    app.action(ACTION_ID)(ack=_ack, lazy=[show_more])


def _ack(ack: Ack) -> None:
    ack()
