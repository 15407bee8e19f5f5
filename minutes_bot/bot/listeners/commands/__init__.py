from __future__ import annotations

from slack_bolt import App

from minutes_bot.bot.listeners.commands import minutes_command
from minutes_bot.bot.services import Services


def register(app: App, services: Services) -> None:
    minutes_command.register(app, services)
