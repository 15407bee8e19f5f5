"""A small fake of Slack's Web API on 127.0.0.1 that records every call.

The bot's WebClient points its base_url here (SLACK_API_URL), so tests see exactly what the
bot would have sent to Slack: method, arguments, token. ``response_url`` requests from slash
commands and buttons land on ``/response/<id>``. A test can make a method answer 429 with
``Retry-After`` to exercise the rate-limit retry, and preload threads for
``conversations.replies``. Every call made with ``REVOKED_TOKEN`` answers ``invalid_auth``.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

BOT_USER_ID = "UMINUTESBOT"
BOT_ID = "BMINUTESBOT"
TEAM_ID = "TCOUNCIL01"
REVOKED_TOKEN = "xoxb-9999-revoked-notarealtoken"  # auth.test answers invalid_auth


class _BurstServer(ThreadingHTTPServer):
    """Slack takes a burst of calls at once; the default listen backlog of 5 drops connections
    in one (the client then waits out SYN retries), which real Slack never does."""

    daemon_threads = True
    request_queue_size = 128


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float = field(default_factory=time.monotonic)
    status: int = 200


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.socket_url: str | None = None
        self._rate_limits: list[tuple[str, str | None, int]] = []
        self._failures: list[tuple[str, str | None, str]] = []
        self._lock = threading.Condition()
        self._ts = itertools.count(1)
        self._server = _BurstServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}/response/{name}"

    # -- test controls ---------------------------------------------------------------------
    def rate_limit(self, method: str, channel: str | None = None, retry_after: int = 1) -> None:
        """The next call to ``method`` (in ``channel``) answers 429 with ``Retry-After``."""
        with self._lock:
            self._rate_limits.append((method, channel, retry_after))

    def fail(self, method: str, channel: str | None = None, error: str = "invalid_blocks") -> None:
        """The next call to ``method`` (in ``channel``) answers ``ok: false`` with ``error``."""
        with self._lock:
            self._failures.append((method, channel, error))

    def find(self, method: str, predicate: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._lock:
            return self._matching(method, predicate)

    def in_channel(self, method: str, channel: str) -> list[Call]:
        return self.find(method, lambda c: c.args.get("channel") == channel)

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and c.status == 200 and (predicate is None or predicate(c))
        ]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 30.0,
    ) -> list[Call]:
        """Block until ``count`` successful calls match; fail with what was seen instead."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = self._matching(method, predicate)
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.status) for c in self.calls[-10:]]
                    raise AssertionError(
                        f"expected {count} {method} call(s), got {len(found)}; last: {seen}"
                    )
                self._lock.wait(left)

    # -- the API ---------------------------------------------------------------------------
    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://council.example.slack.com/",
                "team": "Council",
                "user": "minutes-bot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method == "chat.postMessage":
            ts = self._next_ts()
            message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
            message.update({k: args[k] for k in ("text", "blocks", "thread_ts") if k in args})
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in ("reactions.add", "reactions.remove", "views.publish"):
            return {"ok": True}
        if method == "conversations.replies":
            key = (str(args.get("channel")), str(args.get("ts")))
            if key not in self.threads:
                return {"ok": False, "error": "thread_not_found"}
            return {"ok": True, "messages": self.threads[key], "has_more": False}
        if method == "apps.connections.open":
            if not self.socket_url:
                return {"ok": False, "error": "not_allowed"}
            return {"ok": True, "url": self.socket_url}
        return {"ok": False, "error": "unknown_method"}

    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()

    def _take(self, pending: list[tuple[str, str | None, Any]], method: str, args: dict) -> Any:
        with self._lock:
            for i, (name, channel, value) in enumerate(pending):
                if name == method and channel in (None, args.get("channel")):
                    del pending[i]
                    return value
            return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                args = _parse_body(raw, self.headers.get("Content-Type", ""))
                path = urlparse(self.path).path
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ") or None
                if path.startswith("/response/"):
                    fake._record(Call("response_url", {**args, "_name": path[10:]}, token))
                    self._send(200, b"ok", "text/plain")
                    return
                method = path.removeprefix("/api/")
                retry_after = fake._take(fake._rate_limits, method, args)
                if retry_after is not None:
                    fake._record(Call(method, args, token, status=429))
                    body = json.dumps({"ok": False, "error": "ratelimited"}).encode()
                    self._send(429, body, "application/json", {"Retry-After": str(retry_after)})
                    return
                error = fake._take(fake._failures, method, args)
                if error is not None:
                    fake._record(Call(method, args, token, status=400))
                    body = json.dumps({"ok": False, "error": error}).encode()
                    self._send(200, body, "application/json")
                    return
                if token == REVOKED_TOKEN:
                    answer = {"ok": False, "error": "invalid_auth"}
                else:
                    answer = fake._answer(method, args)
                fake._record(Call(method, args, token))
                self._send(200, json.dumps(answer).encode(), "application/json")

            do_GET = do_POST

            def _send(
                self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler


def _parse_body(raw: str, content_type: str) -> dict[str, Any]:
    """Web API calls arrive as JSON or as a form whose ``blocks`` field is a JSON string."""
    if not raw:
        return {}
    if "json" in content_type:
        return json.loads(raw)
    args: dict[str, Any] = dict(parse_qsl(raw, keep_blank_values=True))
    for key in ("blocks", "view", "attachments"):
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args
