"""Remember which deliveries we have answered, so a retried or duplicated event is answered once.

Slack retries an event it thinks we missed (``X-Slack-Retry-Num``), may deliver the same
``event_id`` twice, and sends both ``app_mention`` and ``message.im`` for one DM that names the
bot. Each of these must produce one reply, so we key on the event ID *and* on the message
(channel + ts). The memory is :mod:`bot.slack.runtime.shared_state`'s: Redis shared by every replica when
configured, else bounded in this process (the oldest keys go first, which is safe because Slack
stops retrying after about five minutes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.runtime.shared_state import DEFAULT_CAPACITY, DeliveryMemory, LocalDeliveries

__all__ = ["DEFAULT_CAPACITY", "Dedupe", "dedupe_middleware", "message_key", "retry_num"]

Dedupe = LocalDeliveries
"""This process's memory; replicas share :class:`bot.slack.runtime.shared_state.RedisDeliveries`."""


def retry_num(headers: dict[str, Any]) -> int:
    """``X-Slack-Retry-Num`` as a number (Bolt gives header values as lists; Socket Mode sends "0")."""
    values = headers.get("x-slack-retry-num") or ["0"]
    value = values[0] if isinstance(values, list | tuple) else values
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def message_key(event: dict[str, Any]) -> str | None:
    """One key per message, whichever event type (app_mention, message.im) delivered it."""
    channel, ts = event.get("channel"), event.get("ts")
    return f"msg:{channel}:{ts}" if channel and ts else None


def dedupe_middleware(dedupe: DeliveryMemory, logger: logging.Logger | None = None):
    """Bolt global middleware: ack duplicates with 200 (so Slack stops retrying) and stop there.

    It runs after Bolt's signature check, so an unsigned request cannot fill the memory.
    """
    log = logger or logging.getLogger(__name__)

    def middleware(body: dict[str, Any], request: BoltRequest, next: Callable[[], Any]) -> Any:
        if body.get("type") != "event_callback":
            return next()
        event = body.get("event") or {}
        event_id = body.get("event_id")
        retry = retry_num(request.headers)
        fresh = dedupe.first_time(f"event:{event_id}" if event_id else None, message_key(event))
        if fresh and retry and getattr(dedupe, "degraded", False):
            # Redis is down, so replicas cannot agree: the first delivery reached a replica
            # (Slack retries only what it sent), which answers or apologises; a retry here
            # would be a second reply.
            log.info("dropped retry %d of %s while Redis is down", retry, event_id)
            return BoltResponse(status=200, body="")
        if not fresh:
            log.info(
                "dropped duplicate %s %s (retry %d)",
                event.get("type"),
                event_id,
                retry,
            )
            return BoltResponse(status=200, body="")
        return next()

    return middleware
