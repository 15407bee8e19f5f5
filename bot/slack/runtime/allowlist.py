"""``MINUTES_BOT_ALLOWED_TEAMS``: answer only the workspaces the operator named.

One signing secret serves every workspace an app is installed in, so a valid signature does
not say *which* workspace is asking. A request naming a team (or Grid org) outside the list is
acked with 200, so Slack does not retry it, and otherwise ignored, with one info line; so is
a request naming no team at all (``team_id`` absent, empty or null).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse


def request_teams(body: dict[str, Any], context: Any) -> set[str]:
    """Every workspace the request names: the installation Bolt resolved and the body's own."""
    team = body.get("team")
    named = [getattr(context, "team_id", None), body.get("team_id")]
    named.append(team.get("id") if isinstance(team, dict) else team)
    return {t for t in named if isinstance(t, str) and t}


def allowlist_middleware(allowed: Iterable[str], logger: logging.Logger | None = None):
    """Bolt global middleware; with an empty list every request passes."""
    allowed = frozenset(allowed)
    log = logger or logging.getLogger(__name__)

    def middleware(body: dict[str, Any], request: BoltRequest, next: Callable[[], Any]) -> Any:
        enterprise = getattr(request.context, "enterprise_id", None)
        teams = request_teams(body, request.context)
        # A request naming no team at all is not from an allowed one: ignored too.
        if not allowed or (enterprise and enterprise in allowed) or (teams and teams <= allowed):
            return next()
        log.info(
            "ignored %s from team %s (not in MINUTES_BOT_ALLOWED_TEAMS)",
            _kind(body),
            ",".join(sorted(teams - allowed)) or "(none named)",
        )
        return BoltResponse(status=200, body="")

    return middleware


def _kind(body: dict[str, Any]) -> str:
    event = body.get("event")
    if isinstance(event, dict) and event.get("type"):
        return f"{event['type']} event"
    return str(body.get("type") or body.get("command") or "request")
