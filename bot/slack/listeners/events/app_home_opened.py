"""The App Home tab: show what is indexed each time someone opens it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.listeners.views.home import publish_home
from bot.slack.runtime.services import Services


def register(app: App, services: Services) -> None:
    def show_home(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") == "home":
            publish_home(client, event["user"], services)

    app.event("app_home_opened")(ack=_ack, lazy=[show_home])


def _ack(ack: Ack) -> None:
    ack()
