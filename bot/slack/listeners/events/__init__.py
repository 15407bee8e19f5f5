from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.events import (
    app_home_opened,
    app_mention,
    direct_message,
    other_events,
)
from bot.slack.runtime.services import Services


def register(app: App, services: Services) -> None:
    app_mention.register(app, services)
    direct_message.register(app, services)
    app_home_opened.register(app, services)


def register_fallback(app: App) -> None:
    """After every other listener: Bolt runs the first listener that matches."""
    other_events.register(app)
