"""One real index of samples/minutes, one running bot in HTTP mode, one fake Slack: shared by
every bot test. Tests keep apart by using their own channel IDs, users and event IDs."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.bot.slack.fake_slack import BOT_USER_ID, TEAM_ID, FakeSlack
from tests.bot.slack.served import Served, clean_environment, start_serve

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-test-1111-2222-notarealtoken"
_ids = itertools.count(1)


def unique(prefix: str) -> str:
    """A fresh Slack-style ID, so tests sharing the bot never see each other's messages."""
    return f"{prefix}{next(_ids):06d}"


@dataclass
class Reply:
    status: int
    body: str
    seconds: float


@dataclass
class BotHarness:
    url: str
    fake: FakeSlack
    services: Any
    settings: Any
    app: Any

    # -- sending what Slack sends ----------------------------------------------------------
    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        base = b"v0:" + ts.encode() + b":" + body  # Slack's scheme, on bytes (see request_check)
        signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
        request = urllib.request.Request(
            f"{self.url}/slack/events",
            data=body,
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": signature,
                **(headers or {}),
            },
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read().decode(), time.monotonic() - started)
        except urllib.error.HTTPError as err:
            return Reply(err.code, err.read().decode(), time.monotonic() - started)

    def send_event(
        self,
        event: dict[str, Any],
        event_id: str | None = None,
        *,
        team: str = TEAM_ID,
        **kw: Any,
    ) -> Reply:
        payload = {
            "token": "unused-verification-token",
            "team_id": team,
            "api_app_id": "AMINUTES",
            "type": "event_callback",
            "event_id": event_id or unique("Ev"),
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": team, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        return self.post(json.dumps(payload).encode(), "application/json", **kw)

    def send_command(self, text: str, channel: str, user: str, response: str) -> Reply:
        form = {
            "command": "/minutes",
            "text": text,
            "team_id": TEAM_ID,
            "channel_id": channel,
            "user_id": user,
            "response_url": self.fake.response_url(response),
            "trigger_id": unique("trigger."),
        }
        return self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")

    def click(
        self,
        action: dict[str, Any],
        *,
        channel: str,
        user: str,
        message_ts: str,
        response: str,
        ephemeral: bool = False,
        thread_ts: str | None = None,
    ) -> Reply:
        message = {"ts": message_ts, **({"thread_ts": thread_ts} if thread_ts else {})}
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM_ID},
            "user": {"id": user},
            "api_app_id": "AMINUTES",
            "channel": {"id": channel},
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel,
                "is_ephemeral": ephemeral,
                **({"thread_ts": thread_ts} if thread_ts else {}),
            },
            "message": None if ephemeral else message,
            "response_url": self.fake.response_url(response),
            "trigger_id": unique("trigger."),
            "actions": [{**action, "block_id": "answer_footer", "action_ts": str(time.time())}],
        }
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")


def mention(channel: str, user: str, text: str, thread_ts: str | None = None) -> dict[str, Any]:
    ts = f"{time.time():.6f}"
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(channel: str, user: str, text: str) -> dict[str, Any]:
    ts = f"{time.time():.6f}"
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path):
    """samples/minutes indexed once into a temporary data dir (real Chroma, real model)."""
    from bot.settings import Settings
    from index.indexer import index_paths

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("bot-index"),
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=None,
        slack_api_url=None,
        host="127.0.0.1",
        port=0,
        top_k=1,  # one match a page, so "Show more" has something to show
    )
    index_paths([samples_dir], settings)
    return settings


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def bot(indexed_settings, fake_slack: FakeSlack) -> Iterator[BotHarness]:
    from bot.slack.runtime.app import build_app
    from bot.slack.runtime.credentials import slack_credentials
    from bot.slack.runtime.server import http_server, service_health
    from bot.slack.runtime.services import build_services

    settings = indexed_settings.model_copy(update={"slack_api_url": fake_slack.api_url})
    services = build_services(settings)
    app = build_app(services, slack_credentials(settings))
    server = http_server(app, "127.0.0.1", 0, service_health(services), SIGNING_SECRET)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield BotHarness(f"http://127.0.0.1:{server.server_port}", fake_slack, services, settings, app)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served(indexed_settings, fake_slack: FakeSlack, tmp_path_factory) -> Iterator[Served]:
    """One real ``minutes-bot serve`` process over the samples index, for the probes that
    must go through the real entry point. It answers only TEAM_ID and logs at INFO."""
    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(indexed_settings.data_dir),
        MINUTES_BOT_ALLOWED_TEAMS=TEAM_ID,
        MINUTES_BOT_LOG_LEVEL="INFO",
    )
    bot = start_serve(env, tmp_path_factory.mktemp("served") / "serve.log")
    try:
        bot.wait_for_healthz()
        yield bot
    finally:
        bot.stop()
        logged = bot.log()
        assert BOT_TOKEN not in logged and SIGNING_SECRET not in logged
