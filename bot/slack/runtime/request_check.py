"""Check a request to ``/slack/events`` before Bolt sees it: signature first, then body shape.

Bolt parses the body before it checks the signature, so unsigned junk used to reach its JSON
parser and come back as a 500 with a traceback. Here an unsigned, stale or badly signed
request is a 401 whatever its body, and a signed body that Bolt could not parse is a 400; each
is one log line that never includes the body. Bolt's own signature check still runs after
ours.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

MAX_BODY = 1024 * 1024  # Slack's payloads are kilobytes; this bounds what one request can cost
MAX_AGE_S = 5 * 60  # Slack's replay window


@dataclass(frozen=True)
class Rejection:
    status: str  # "401 Unauthorized" …
    reason: str  # for the log line and the response body; never the request body


UNSIGNED = Rejection("401 Unauthorized", "unsigned request")
BAD_SIGNATURE = Rejection("401 Unauthorized", "bad signature")
STALE = Rejection("401 Unauthorized", "stale or malformed timestamp")
TOO_LARGE = Rejection("413 Content Too Large", f"body over {MAX_BODY} bytes")
BAD_LENGTH = Rejection("400 Bad Request", "bad Content-Length")


def body_length(environ: dict[str, Any]) -> int | Rejection:
    """The declared length, checked before reading anything."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return BAD_LENGTH
    if length < 0:
        return BAD_LENGTH
    return TOO_LARGE if length > MAX_BODY else length


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's ``v0=`` HMAC-SHA256 over ``v0:<timestamp>:<body>``, on the raw bytes.

    (slack_sdk's ``SignatureVerifier`` decodes the body as UTF-8 first, so junk that is not
    UTF-8 would raise instead of failing the check.)
    """
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def check_signature(
    secret: str,
    environ: dict[str, Any],
    body: bytes,
    now: Callable[[], float] = time.time,
) -> Rejection | None:
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    given = environ.get("HTTP_X_SLACK_SIGNATURE")
    if not timestamp or not given:
        return UNSIGNED
    if not (timestamp.isascii() and timestamp.isdigit()) or abs(now() - int(timestamp)) > MAX_AGE_S:
        return STALE
    if not hmac.compare_digest(signature(secret, timestamp, body), given):
        return BAD_SIGNATURE
    return None


def check_body(body: bytes, content_type: str | None) -> Rejection | None:
    """Would Bolt's ``parse_body`` read this as a JSON object or a form? Mirrors its rules:
    JSON when the type says so or the body starts with ``{``; else a form whose ``payload``
    field, if any, is JSON."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Rejection("400 Bad Request", "body is not UTF-8")
    if not text:
        return None
    if content_type == "application/json" or text.startswith("{"):
        return _json_object(text, "JSON body")
    if "payload" in text:
        payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
        if payload is not None:
            return _json_object(payload, "form payload")
    return None


def _json_object(text: str, what: str) -> Rejection | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejection("400 Bad Request", f"{what} is not JSON ({exc.msg})")
    except (ValueError, RecursionError):  # e.g. nested ten thousand deep
        return Rejection("400 Bad Request", f"{what} is not JSON we can read")
    if not isinstance(data, dict):
        return Rejection("400 Bad Request", f"{what} is a JSON {type(data).__name__}")
    wrong = wrongly_typed(data)
    return Rejection("400 Bad Request", f"{what}: {wrong}") if wrong else None


_ID = (str, type(None))
_OBJECT_OR_ID = (dict, str, type(None))
_TOP: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "team_id": _ID,
    "enterprise_id": _ID,
    "api_app_id": _ID,
    "event_id": _ID,
    "team": _OBJECT_OR_ID,
    "enterprise": _OBJECT_OR_ID,
    "user": _OBJECT_OR_ID,
    "channel": _OBJECT_OR_ID,
    "event": (dict,),
    "view": (dict,),
    "actions": (list,),
    "authorizations": (list,),
    "container": (dict, type(None)),
    "message": (dict, type(None)),
    "response_url": _ID,
    "trigger_id": _ID,
}
_EVENT: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "text": (str,),
    "user": _OBJECT_OR_ID,
    "channel": _OBJECT_OR_ID,
    "ts": _ID,
    "thread_ts": _ID,
    "event_ts": _ID,
    "team": _ID,
    "subtype": _ID,
    "bot_id": _ID,
    "reaction": _ID,
    "item": (dict, type(None)),
}


def wrongly_typed(data: dict[str, Any]) -> str | None:
    """The first field of a Slack payload whose JSON type Slack never sends (``"event":
    "str"``, ``"text": null``, ``team_id`` an object, a view without a ``type``): Bolt and the
    listeners index into these unchecked, so such a body would be a 500 with a traceback."""
    wrong = _fields(data, _TOP, "")
    if wrong:
        return wrong
    event = data.get("event")
    if isinstance(event, dict):
        wrong = _fields(event, _EVENT, "event.")
        if wrong:
            return wrong
    view = data.get("view")
    if isinstance(view, dict) and not isinstance(view.get("type"), str):
        return "view.type is missing or not text"
    for name in ("actions", "authorizations"):
        entries = data.get(name)
        if isinstance(entries, list) and not all(isinstance(e, dict) for e in entries):
            return f"{name} holds something other than objects"
    return None


def _fields(data: dict[str, Any], expected: dict[str, tuple[type, ...]], prefix: str) -> str | None:
    for key, types in expected.items():
        if key in data and not isinstance(data[key], types):
            return f"{prefix}{key} is a JSON {_kind(data[key])}"
    return None


def _kind(value: object) -> str:
    return {dict: "object", list: "list", str: "string", type(None): "null", bool: "boolean"}.get(
        type(value), "number"
    )
