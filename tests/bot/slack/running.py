"""A Bolt app of our own over HTTP, beside the session's shared bot: for tests that need their
own settings (a digest channel, a database of their own) or to restart the app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.bot.slack.conftest import BOT_TOKEN, SIGNING_SECRET, BotHarness
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


def file_settings(data_dir: Path, fake: FakeSlack) -> Any:
    """Settings of a bot over its own index in ``data_dir``, talking to ``fake``."""
    from bot.settings import Settings

    return Settings(
        data_dir=data_dir,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=None,
        slack_api_url=fake.api_url,
        host="127.0.0.1",
        port=0,
    )


@contextmanager
def bot_over(
    paths: list[Path], data_dir: Path, fake: FakeSlack, **index: Any
) -> Iterator[BotHarness]:
    """The real bot over an index of ``paths`` only (real Chroma, real model), served until
    the block ends; ``index`` goes to :func:`index.indexer.index_paths` (an embedder)."""
    from bot.slack.runtime.services import build_services
    from index.indexer import index_paths

    settings = file_settings(data_dir, fake)
    index_paths(paths, settings, **index)
    with running_bot(build_services(settings), fake) as harness:
        yield harness
