"""Publishing the App Home view (what is indexed, and when each synced site was last synced)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.register.slack_home import with_followed_actions
from bot.slack.render.home import home_view
from bot.slack.runtime.services import Services


def publish_home(client: WebClient, user_id: str, services: Services) -> None:
    view = home_view(services.stats(), services.syncs())
    view = with_followed_actions(view, services, user_id)  # the owners they follow (bot.register)
    client.views_publish(user_id=user_id, view=view)
