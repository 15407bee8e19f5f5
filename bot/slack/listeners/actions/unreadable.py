"""A click whose button value we cannot read: a line in the log, a short note to the clicker.

Values come back to us in the request, so an old or tampered button must not become an HTTP
500 (Slack shows the user a warning sign) or a click that silently does nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond

from bot.slack.render.payloads import BadButtonValue
from prompts import render

log = logging.getLogger(__name__)

TEMPLATE = "slack/bad_button.txt.j2"


def log_unreadable(action: dict[str, Any], error: BadButtonValue) -> None:
    log.warning("%s click with an unreadable value: %s", action.get("action_id"), error)


def tell_unreadable(respond: Respond) -> None:
    """Only the person who clicked sees it; the message with the button stays as it was."""
    respond(text=render(TEMPLATE).strip(), response_type="ephemeral", replace_original=False)
