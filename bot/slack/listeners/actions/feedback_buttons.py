"""👍/👎 under an answer: record the click with the question and the item IDs shown."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.slack.blocks import render_text
from bot.slack.feedback import DOWN, UP
from bot.slack.listeners.actions.unreadable import log_unreadable, tell_unreadable
from bot.slack.payloads import BadButtonValue, decode_feedback
from bot.slack.services import Services

ACTION_IDS = re.compile(r"^feedback_(up|down)$")


def register(app: App, services: Services) -> None:
    def record(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        # Recorded before the ack returns: a fast local write, and the click is never lost.
        try:
            question, item_ids = decode_feedback(action.get("value"))
        except BadButtonValue as error:
            log_unreadable(action, error)  # ``thank`` tells the clicker
            ack()
            return
        services.feedback.record(
            UP if action["action_id"] == "feedback_up" else DOWN,
            question,
            item_ids,
            user_id=(body.get("user") or {}).get("id"),
            channel_id=(body.get("channel") or {}).get("id"),
            message_ts=(body.get("container") or {}).get("message_ts"),
        )
        ack()

    def thank(action: dict[str, Any], respond: Respond) -> None:
        try:
            decode_feedback(action.get("value"))
        except BadButtonValue:
            tell_unreadable(respond)
            return
        vote = UP if action["action_id"] == "feedback_up" else DOWN
        respond(
            text=render_text("slack/feedback_thanks.txt.j2", vote=vote),
            response_type="ephemeral",
            replace_original=False,
        )

    app.action(ACTION_IDS)(ack=record, lazy=[thank])
