"""👍/👎 under an answer: record the click with the question and the item IDs shown."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.slack.asking.feedback import DOWN, UP
from bot.slack.listeners.actions.unreadable import log_unreadable, tell_unreadable
from bot.slack.render.blocks import render_text
from bot.slack.render.payloads import BadButtonValue, decode_feedback
from bot.slack.runtime.services import Services
from index.errors import is_unavailable

ACTION_IDS = re.compile(r"^feedback_(up|down)$")
log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    unrecorded: set[str] = set()  # clicks the database refused, so ``thank`` says so instead

    def record(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        # Recorded before the ack returns: a fast local write, and the click is never lost.
        try:
            question, item_ids = decode_feedback(action.get("value"))
        except BadButtonValue as error:
            log_unreadable(action, error)  # ``thank`` tells the clicker
            ack()
            return
        try:
            services.feedback.record(
                UP if action["action_id"] == "feedback_up" else DOWN,
                question,
                item_ids,
                user_id=(body.get("user") or {}).get("id"),
                channel_id=(body.get("channel") or {}).get("id"),
                message_ts=(body.get("container") or {}).get("message_ts"),
            )
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            log.warning("feedback not recorded: %s", " ".join(str(exc).split())[:300])
            unrecorded.add(_click_key(action))
        ack()

    def thank(action: dict[str, Any], respond: Respond) -> None:
        try:
            decode_feedback(action.get("value"))
        except BadButtonValue:
            tell_unreadable(respond)
            return
        if _click_key(action) in unrecorded:
            unrecorded.discard(_click_key(action))
            respond(
                text=render_text("slack/unavailable.txt.j2"),
                response_type="ephemeral",
                replace_original=False,
            )
            return
        vote = UP if action["action_id"] == "feedback_up" else DOWN
        respond(
            text=render_text("slack/feedback_thanks.txt.j2", vote=vote),
            response_type="ephemeral",
            replace_original=False,
        )

    app.action(ACTION_IDS)(ack=record, lazy=[thank])


def _click_key(action: dict[str, Any]) -> str:
    return f"{action.get('action_id')}:{action.get('action_ts')}:{action.get('value')}"
