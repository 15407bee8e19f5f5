"""A Remove button in ``/minutes watches``: stop that watch, refresh the list, tell the channel."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.slack.asking.reply import apologise_for, to_response_url
from bot.slack.listeners.actions.unreadable import log_unreadable, tell_unreadable
from bot.slack.render.payloads import BadButtonValue
from bot.slack.runtime.services import Services
from bot.slack.watches.replies import REMOVE_PREFIX, removed_by_button, watch_list
from bot.slack.watches.topics import Watches

ACTION_IDS = re.compile(rf"^{REMOVE_PREFIX}\d+$")

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    watches = Watches(services.settings.database)

    def remove(body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id"
        )
        user = (body.get("user") or {}).get("id", "")
        try:
            said = removed_by_button(watches, str(channel), action.get("value"), user)
            respond(
                **watch_list(watches.in_channel(str(channel))).as_response(replace_original=True)
            )
            respond(**said.as_response(replace_original=False))
        except BadButtonValue as error:
            log_unreadable(action, error)
            tell_unreadable(respond)
        except Exception as exc:
            log.exception("could not remove a watch in %s", channel)
            apologise_for(exc, to_response_url(respond))

    app.action(ACTION_IDS)(ack=_ack, lazy=[remove])


def _ack(ack: Ack) -> None:
    ack()
