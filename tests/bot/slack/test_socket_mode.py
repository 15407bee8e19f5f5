"""Socket Mode, offline: the app opens a connection via apps.connections.open (the fake Web API),
receives an events_api envelope over the WebSocket, acks its envelope_id and answers once."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.slack.runtime.app import build_app
from bot.slack.runtime.credentials import SlackCredentials
from bot.slack.runtime.health import Health
from bot.slack.runtime.server import http_server, serve
from index.errors import ConfigError
from tests.bot.slack.blockkit import quoted
from tests.bot.slack.conftest import BOT_TOKEN, mention, unique
from tests.bot.slack.fake_slack import TEAM_ID
from tests.bot.slack.fake_socket_mode import FakeSocketMode

pytestmark = pytest.mark.slow

APP_TOKEN = "xapp-1-A000-test-socket-token"
FRAILTY = "what was resolved about the frailty delivery plan?"


@pytest.fixture
def socket_bot(bot) -> Iterator[FakeSocketMode]:
    socket = FakeSocketMode().start()
    bot.fake.socket_url = socket.url
    app = build_app(bot.services, SlackCredentials(BOT_TOKEN, "", app_token=APP_TOKEN))
    handler = SocketModeHandler(app, APP_TOKEN)
    handler.connect()
    assert socket.connected.wait(10)
    yield socket
    handler.close()
    socket.stop()
    bot.fake.socket_url = None


def envelope(event: dict, envelope_id: str, event_id: str, retry: int = 0) -> dict:
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry,
        "retry_reason": "timeout" if retry else "",
        "payload": {
            "type": "event_callback",
            "team_id": TEAM_ID,
            "api_app_id": "AMINUTES",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        },
    }


def test_socket_mode_event_is_acked_and_answered_once(bot, socket_bot):
    channel, user, event_id = unique("C"), unique("U"), unique("Ev")
    event = mention(channel, user, FRAILTY)
    socket_bot.send(envelope(event, "env-1", event_id))
    assert socket_bot.wait_ack()["envelope_id"] == "env-1"
    socket_bot.send(envelope(event, "env-2", event_id, retry=1))  # Slack's retry of the same event
    assert socket_bot.wait_ack()["envelope_id"] == "env-2"

    bot.fake.wait_for("reactions.remove", lambda c: c.args["channel"] == channel)
    time.sleep(1.0)
    posts = bot.fake.in_channel("chat.postMessage", channel)
    assert len(posts) == 1
    assert posts[0].args["thread_ts"] == event["ts"]
    lead = bot.services.answerer.ask(FRAILTY, limit=1).lead
    assert quoted(lead.quote, posts[0].args["blocks"][:1])  # the answer line first
    opened = bot.fake.find("apps.connections.open")
    assert opened and opened[-1].token == APP_TOKEN


def healthz(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_healthz_in_socket_mode_follows_the_slack_connection(bot):
    socket = FakeSocketMode().start()
    bot.fake.socket_url = socket.url
    app = build_app(bot.services, SlackCredentials(BOT_TOKEN, "", app_token=APP_TOKEN))
    handler = SocketModeHandler(app, APP_TOKEN)
    health = Health(
        bot.services.stats,
        bot.services.heartbeat,
        slack_connected=handler.client.is_connected,
        cache_s=0,
    )
    server = http_server(None, "127.0.0.1", 0, health)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        status, report = healthz(url)
        assert (status, report["slack"]) == (
            503,
            {"ok": False, "mode": "socket", "connected": False},
        )
        handler.connect()
        assert socket.connected.wait(10)
        status, report = healthz(url)
        assert (status, report["slack"]) == (200, {"ok": True, "mode": "socket", "connected": True})
        assert report["index"]["items"] > 0
    finally:
        handler.close()
        socket.stop()
        server.shutdown()
        server.server_close()
        bot.fake.socket_url = None
    assert health.report().checks["slack"]["connected"] is False


def test_an_app_token_slack_refuses_is_a_config_error_naming_it(bot):
    settings = bot.settings.model_copy(update={"slack_app_token": APP_TOKEN})
    bot.fake.socket_url = None  # apps.connections.open answers not_allowed
    with pytest.raises(ConfigError, match=r"SLACK_APP_TOKEN \(not_allowed\)"):
        serve(settings)
