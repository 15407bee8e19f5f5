"""Every event type we have no listener for: ack with 200 and move on.

Without this Bolt answers 404, and Slack retries the delivery three times and, if failures
pile up, disables the event subscription. Registered last, so it only sees what no other
listener took.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App

log = logging.getLogger(__name__)

ANY_TYPE = re.compile(r".")


def register(app: App) -> None:
    def ignore(ack: Ack, event: dict[str, Any]) -> None:
        ack()
        log.debug("ignored %s event: no listener for it", event.get("type"))

    app.event(ANY_TYPE)(ignore)
