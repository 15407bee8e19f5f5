"""A Bolt app of our own over HTTP, beside the session's shared bot: for tests that need their
own settings (a digest channel, a database of their own) or to restart the app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.bot.slack.conftest import SIGNING_SECRET, BotHarness
from tests.bot.slack.fake_slack import FakeSlack


@contextmanager
def running_bot(services: Any, fake: FakeSlack) -> Iterator[BotHarness]:
    """``build_app`` over ``services``, served on a free port until the block ends: a new
    instance each time, as after a restart."""
    from bot.slack.runtime.app import build_app
    from bot.slack.runtime.credentials import slack_credentials
    from bot.slack.runtime.server import http_server, service_health

    app = build_app(services, slack_credentials(services.settings))
    server = http_server(app, "127.0.0.1", 0, service_health(services), SIGNING_SECRET)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        yield BotHarness(url, fake, services, services.settings, app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
