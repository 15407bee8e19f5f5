from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.actions import (
    feedback_buttons,
    open_source,
    remove_watch,
    share_answer,
    show_more,
)
from bot.slack.runtime.services import Services


def register(app: App, services: Services) -> None:
    share_answer.register(app, services)
    show_more.register(app, services)
    feedback_buttons.register(app, services)
    open_source.register(app)
    remove_watch.register(app, services)
