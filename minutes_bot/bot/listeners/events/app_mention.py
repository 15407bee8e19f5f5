"""``@minutes-bot what was resolved about …?`` in a channel: answer in the message's thread.

A mention inside an existing thread is a follow-up: the thread's earlier question is context.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from minutes_bot.bot.context import earlier_question, is_from_a_person, question_text
from minutes_bot.bot.payloads import Page
from minutes_bot.bot.reply import answer_and_reply, to_thread, working_on
from minutes_bot.bot.services import Services


def register(app: App, services: Services) -> None:
    def answer_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if not is_from_a_person(event):
            return
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts")
        earlier = None
        if thread_ts and thread_ts != ts:
            earlier = earlier_question(client, channel, thread_ts, ts, context.bot_user_id)
        page = Page(question_text(event.get("text")), earlier)
        with working_on(client, channel, ts):
            answer_and_reply(services, page, to_thread(client, channel, thread_ts or ts))

    app.event("app_mention")(ack=_ack, lazy=[answer_mention])


def _ack(ack: Ack) -> None:
    ack()
