from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.commands import minutes_command
from bot.slack.runtime.services import Services


def register(app: App, services: Services) -> None:
    minutes_command.register(app, services)
