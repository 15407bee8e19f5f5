"""The "Open minutes" link buttons: Slack opens the URL, but still sends us the click to ack."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

ACTION_IDS = re.compile(r"^open_source_\d+$")


def register(app: App) -> None:
    app.action(ACTION_IDS)(_ack)


def _ack(ack: Ack) -> None:
    ack()
