"""``minutes-bot actions --notify``: the overdue actions posted to the digest channel of a fake
Slack Web API, once or on a schedule, over the register fixtures indexed for real."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from index.errors import ConfigError
from tests.bot.slack.blockkit import quoted, texts
from tests.bot.slack.fake_slack import FakeSlack

pytestmark = pytest.mark.slow

DIGEST = "CDIGEST07"


@pytest.fixture
def slack():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def notify(data_dir: Path, slack: FakeSlack | None, *args: str, channel: str = DIGEST):
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1-registertests",
        "SLACK_API_URL": slack.api_url if slack else "http://127.0.0.1:9/api/",
        "MINUTES_BOT_DIGEST_CHANNEL": channel,
    }
    return CliRunner().invoke(
        app, ["actions", "--notify", "--data-dir", str(data_dir), *args], env=env
    )


def test_notify_posts_the_overdue_actions_to_the_digest_channel(register_index, slack):
    result = notify(register_index, slack, "--today", "2024-10-01")
    assert result.exit_code == 0, result.output
    assert "Posted the actions overdue as of 1 October 2024" in result.stdout
    (post,) = [c.args for c in slack.in_channel("chat.postMessage", DIGEST)]
    shown = texts(post["blocks"])
    assert shown[0].startswith("*Overdue actions*, as of 1 October 2024: 2 found")
    assert quoted(
        "That the Director of Public Health is to report back on the healthy weight pathway "
        "in six months.",
        post["blocks"],
    )
    assert any("due 6 August 2024 · *overdue*" in t for t in shown)
    assert post["text"] == "2 overdue actions in the register as of 1 October 2024."


def test_nothing_overdue_posts_nothing(register_index, slack):
    result = notify(register_index, slack, "--today", "2024-02-07")
    assert result.exit_code == 0, result.output
    assert "Nothing overdue as of 7 February 2024: nothing posted." in result.stdout
    assert slack.in_channel("chat.postMessage", DIGEST) == []


def test_every_posts_on_a_schedule_until_its_runs_are_done(register_index, slack):
    result = notify(register_index, slack, "--today", "2024-10-01", "--every", "1s", "--runs", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Posted the actions overdue") == 2
    assert "next post at " in result.stdout
    assert len(slack.in_channel("chat.postMessage", DIGEST)) == 2


def test_notify_without_a_channel_stops_before_posting(register_index, slack):
    result = notify(register_index, slack, channel="")
    # a ConfigError: the entry point (bot.cli.main) prints it as one line and exits 2
    assert isinstance(result.exception, ConfigError)
    assert "MINUTES_BOT_DIGEST_CHANNEL" in str(result.exception)
    assert slack.find("chat.postMessage") == []


def test_every_without_notify_is_a_usage_error(register_index):
    result = CliRunner().invoke(
        app, ["actions", "--every", "7d", "--data-dir", str(register_index)]
    )
    assert result.exit_code == 2
    assert "only with --notify" in result.output
