"""``minutes-bot serve``: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed),
otherwise HTTP on settings.host:port with Slack's ``/slack/events`` and a ``/healthz`` probe."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.credentials import slack_credentials
from bot.slack.services import build_services

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def serve(settings: Settings) -> None:
    credentials = slack_credentials(settings)  # fail on missing variables before loading models
    services = build_services(settings)
    app = build_app(services, credentials)
    if credentials.socket_mode:
        handler = SocketModeHandler(app, credentials.app_token)
        # No Slack traffic over HTTP in Socket Mode, but orchestrators still want a probe.
        health = http_server(None, settings.host, settings.port, handler.client.is_connected)
        threading.Thread(target=health.serve_forever, daemon=True, name="healthz").start()
        log.warning("minutes-bot in Socket Mode; /healthz on port %d", health.server_port)
        handler.start()
        return
    server = http_server(app, settings.host, settings.port)
    log.warning(
        "minutes-bot listening on http://%s:%d%s", settings.host, server.server_port, EVENTS_PATH
    )
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """One thread per request, so a slow client never holds up Slack's other deliveries."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connections in a burst (1 s SYN retry)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)


def http_server(
    app: App | None, host: str, port: int, healthy: Callable[[], bool] = lambda: True
) -> ThreadingWSGIServer:
    """A WSGI server for the app (port 0 picks a free port: tests read ``server_port``).

    Without an app it serves only ``/healthz`` (Socket Mode).
    """
    return make_server(
        host,
        port,
        wsgi_app(app, healthy),
        server_class=ThreadingWSGIServer,
        handler_class=QuietHandler,
    )


def wsgi_app(app: App | None, healthy: Callable[[], bool]) -> Callable[..., Iterable[bytes]]:
    slack = SlackRequestHandler(app, path=EVENTS_PATH) if app else None

    def route(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH:
            ok = bool(healthy())
            start_response(
                "200 OK" if ok else "503 Service Unavailable",
                [("Content-Type", "application/json")],
            )
            return [json.dumps({"ok": ok}).encode()]
        if slack is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not Found"]
        return slack(environ, start_response)

    return route
