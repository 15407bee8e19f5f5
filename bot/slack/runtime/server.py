"""``minutes-bot serve``: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed),
otherwise HTTP on settings.host:port with Slack's ``/slack/events`` and a ``/healthz`` probe.

Start-up fails in one line on a refused token, waits for a Chroma server that is not up yet,
and warns once if the index is empty; ``/healthz`` then says what is wrong (see
``bot.slack.runtime.health``).
"""

from __future__ import annotations

import io
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
from slack_sdk.errors import SlackApiError

from bot.settings import Settings
from bot.slack.runtime.app import build_app, web_client
from bot.slack.runtime.credentials import app_token_error, check_bot_token, slack_credentials
from bot.slack.runtime.health import Health
from bot.slack.runtime.request_check import Rejection, body_length, check_body, check_signature
from bot.slack.runtime.services import Services, build_services

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

StartResponse = Callable[..., Any]


def serve(settings: Settings) -> None:
    credentials = slack_credentials(settings)  # fail on missing variables before loading models
    check_bot_token(web_client(credentials.bot_token, settings.slack_api_url))
    services = build_services(settings)  # waits for a Chroma server that is not up yet
    app = build_app(services, credentials)
    if credentials.socket_mode:
        handler = SocketModeHandler(app, credentials.app_token)
        try:
            handler.connect()
        except SlackApiError as exc:
            handler.close()
            raise app_token_error(exc) from None
        # No Slack traffic over HTTP in Socket Mode, but orchestrators still want a probe.
        health = service_health(services, slack_connected=handler.client.is_connected)
        server = http_server(None, settings.host, settings.port, health)
        threading.Thread(target=server.serve_forever, daemon=True, name="healthz").start()
        warn_if_unready(health, settings)
        log.warning("minutes-bot in Socket Mode; /healthz on port %d", server.server_port)
        threading.Event().wait()  # the Socket Mode client's threads do the work
        return
    health = service_health(services)
    warn_if_unready(health, settings)
    server = http_server(app, settings.host, settings.port, health, credentials.signing_secret)
    log.warning(
        "minutes-bot listening on http://%s:%d%s", settings.host, server.server_port, EVENTS_PATH
    )
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()


def service_health(services: Services, slack_connected: Callable[[], bool] | None = None) -> Health:
    return Health(
        services.stats,
        services.heartbeat,
        chroma_url=services.settings.chroma_url,
        slack_connected=slack_connected,
        probes=services.probes,
    )


def warn_if_unready(health: Health, settings: Settings) -> None:
    """One line at start if the bot cannot answer anything yet (the 503 says the same)."""
    index = health.report().checks["index"]
    if index["ok"]:
        return
    where = f"collection {settings.collection!r} at {settings.index_location}"
    if index.get("items") == 0:
        log.warning(
            "the index is empty (%s): every answer will be 'No decision found' until"
            " `minutes-bot index <folder>` runs; /healthz answers 503",
            where,
        )
    else:
        log.warning(
            "the index cannot be read (%s): %s; /healthz answers 503", where, index["error"]
        )


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """One thread per request, so a slow client never holds up Slack's other deliveries."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connections in a burst (1 s SYN retry)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)


def http_server(
    app: App | None,
    host: str,
    port: int,
    health: Health,
    signing_secret: str | None = None,
) -> ThreadingWSGIServer:
    """A WSGI server for the app (port 0 picks a free port: tests read ``server_port``).

    Without an app it serves only ``/healthz`` (Socket Mode).
    """
    return make_server(
        host,
        port,
        wsgi_app(app, health, signing_secret),
        server_class=ThreadingWSGIServer,
        handler_class=QuietHandler,
    )


def wsgi_app(
    app: App | None, health: Health, signing_secret: str | None = None
) -> Callable[..., Iterable[bytes]]:
    slack = SlackRequestHandler(app, path=EVENTS_PATH) if app else None
    if app and not signing_secret:
        raise ValueError("HTTP mode needs the signing secret")

    def route(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == HEALTH_PATH:
            report = health.report()
            status = "200 OK" if report.ok else "503 Service Unavailable"
            return _reply(start_response, status, report.as_json())
        if slack is None or not signing_secret or path != EVENTS_PATH:
            return _reply(start_response, "404 Not Found", {"error": "not found"})
        if environ.get("REQUEST_METHOD") != "POST":
            return _reply(start_response, "405 Method Not Allowed", {"error": "POST only"})
        length = body_length(environ)
        if isinstance(length, Rejection):
            return _reject(environ, start_response, length)
        body = environ["wsgi.input"].read(length) if length else b""
        rejection = check_signature(signing_secret, environ, body) or check_body(
            body, environ.get("CONTENT_TYPE")
        )
        if rejection:
            return _reject(environ, start_response, rejection)
        # We consumed the input; Bolt reads it again from the start.
        replay = {**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
        return slack(replay, start_response)

    return route


def _reject(
    environ: dict[str, Any], start_response: StartResponse, rejection: Rejection
) -> Iterable[bytes]:
    log.warning(
        "rejected %s from %s: %s",
        environ.get("PATH_INFO"),
        environ.get("REMOTE_ADDR", "?"),
        rejection.reason,
    )
    return _reply(start_response, rejection.status, {"error": rejection.reason})


def _reply(start_response: StartResponse, status: str, data: dict[str, Any]) -> list[bytes]:
    body = json.dumps(data).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
