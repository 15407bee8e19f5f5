"""A direct message to the bot: answer in the DM (in its thread if the DM was threaded)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from minutes_bot.bot.context import earlier_question, is_from_a_person, question_text
from minutes_bot.bot.payloads import Page
from minutes_bot.bot.reply import answer_and_reply, to_thread, working_on
from minutes_bot.bot.services import Services


def register(app: App, services: Services) -> None:
    def answer_dm(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        # Every message event is acked here; only people's new messages in a DM are questions.
        if event.get("channel_type") != "im" or not is_from_a_person(event):
            return
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts")
        earlier = None
        if thread_ts and thread_ts != ts:
            earlier = earlier_question(client, channel, thread_ts, ts, context.bot_user_id)
        page = Page(question_text(event.get("text")), earlier)
        with working_on(client, channel, ts):
            answer_and_reply(services, page, to_thread(client, channel, thread_ts))

    app.event("message")(ack=_ack, lazy=[answer_dm])


def _ack(ack: Ack) -> None:
    ack()
