"""A bot over the fictional minutes of tests/fixtures/replies (issue 22), indexed from files in
a folder standing for the server's, with its own index and the session's fake Slack."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.slack.conftest import BotHarness, dm, mention, unique
from tests.bot.slack.running import file_settings, running_bot
from tests.paths import FIXTURES

MINUTES = FIXTURES / "replies"


def serve(
    tmp_path_factory: pytest.TempPathFactory, fake_slack: Any, embedder: Any
) -> Iterator[BotHarness]:
    """Index the minutes, start the real Bolt app over HTTP; yields the harness (its
    ``folder`` is where the minutes were indexed from)."""
    from bot.slack.runtime.services import build_services
    from index.indexer import index_paths

    folder = tmp_path_factory.mktemp("srv") / "minutes"
    folder.mkdir()
    for path in MINUTES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    settings = file_settings(tmp_path_factory.mktemp("replies-index"), fake_slack)
    index_paths([folder], settings, embedder=embedder)
    with running_bot(build_services(settings), fake_slack) as harness:
        harness.folder = folder  # type: ignore[attr-defined]
        yield harness


def ask(bot: BotHarness, question: str, *, in_channel: bool = False) -> dict[str, Any]:
    """Ask as a user would (a DM, or a mention in a channel); the bot's first post."""
    channel, user = unique("C" if in_channel else "D"), unique("U")
    event = mention(channel, user, question) if in_channel else dm(channel, user, question)
    assert bot.send_event(event).status == 200
    return bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
