"""A bot over the fictional minutes of tests/fixtures/replies (issue 22), indexed from files in
a folder standing for the server's, with its own index and the session's fake Slack."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.slack.conftest import SIGNING_SECRET, BotHarness, dm, mention, unique
from tests.paths import FIXTURES

MINUTES = FIXTURES / "replies"


def serve(
    tmp_path_factory: pytest.TempPathFactory, fake_slack: Any, embedder: Any
) -> Iterator[BotHarness]:
    """Index the minutes, start the real Bolt app over HTTP; yields the harness (its
    ``folder`` is where the minutes were indexed from)."""
    from bot.settings import Settings
    from bot.slack.runtime.app import build_app
    from bot.slack.runtime.credentials import slack_credentials
    from bot.slack.runtime.server import http_server, service_health
    from bot.slack.runtime.services import build_services
    from index.indexer import index_paths

    folder = tmp_path_factory.mktemp("srv") / "minutes"
    folder.mkdir()
    for path in MINUTES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("replies-index"),
        slack_bot_token="xoxb-test-1111-2222-notarealtoken",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake_slack.api_url,
        host="127.0.0.1",
        port=0,
    )
    index_paths([folder], settings, embedder=embedder)
    services = build_services(settings)
    app = build_app(services, slack_credentials(settings))
    server = http_server(app, "127.0.0.1", 0, service_health(services), SIGNING_SECRET)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    url = f"http://127.0.0.1:{server.server_port}"
    harness = BotHarness(url, fake_slack, services, settings, app)
    harness.folder = folder  # type: ignore[attr-defined]
    try:
        yield harness
    finally:
        server.shutdown()
        server.server_close()


def ask(bot: BotHarness, question: str, *, in_channel: bool = False) -> dict[str, Any]:
    """Ask as a user would (a DM, or a mention in a channel); the bot's first post."""
    channel, user = unique("C" if in_channel else "D"), unique("U")
    event = mention(channel, user, question) if in_channel else dm(channel, user, question)
    assert bot.send_event(event).status == 200
    return bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
