"""Every listener, wired in one place (the layout of Slack's bolt-python templates)."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events
from bot.slack.runtime.services import Services


def register_listeners(app: App, services: Services) -> None:
    events.register(app, services)
    commands.register(app, services)
    actions.register(app, services)
    events.register_fallback(app)
