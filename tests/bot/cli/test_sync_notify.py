"""``minutes-bot sync --notify``: after each sync the Slack side (bot/slack/watches/notify.py) posts
what is new; without ``--notify`` sync needs no Slack at all.

Driven as a process against the fake modern.gov site and the fake Slack Web API, so the digest
in the channel is what a real sync of those minutes posts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bot.slack.watches.notify
from bot.cli import app
from index.sync import SyncReport
from tests.bot.cli.sync_probe import run_sync
from tests.bot.slack.blockkit import source_urls, texts
from tests.bot.slack.fake_slack import FakeSlack
from tests.index.sites.fake_moderngov import bramley

pytestmark = pytest.mark.slow

DIGEST = "CDIGEST01"


@pytest.fixture
def slack():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def slack_env(slack: FakeSlack) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": "xoxb-1-synctests",
        "SLACK_API_URL": slack.api_url,
        "MINUTES_BOT_DIGEST_CHANNEL": DIGEST,
    }


def test_a_sync_posts_the_digest_of_what_it_indexed_and_a_second_posts_nothing(
    tmp_path: Path, slack: FakeSlack
) -> None:
    data_dir = tmp_path / "data"
    with bramley(dt.date.today()) as site:
        first = run_sync(data_dir, site.url, "--notify", environment=slack_env(slack))
        posted = [c.args for c in slack.in_channel("chat.postMessage", DIGEST)]
        again = run_sync(data_dir, site.url, "--notify", environment=slack_env(slack))
    assert first.code == 0, first.stderr
    top = [p for p in posted if not p.get("thread_ts")]
    assert len(top) == 3  # one message per meeting with new decisions
    links = sorted(url for p in top for url in source_urls(p["blocks"]))
    assert links == sorted(f"{site.url}mgAi.aspx?ID={item}" for item in ("70102", "70201", "71101"))
    shown = "\n".join(t for p in top for t in texts(p["blocks"]))
    assert "That grants totalling £18,500 be awarded to the eleven groups" in shown
    assert again.code == 0, again.stderr
    assert len(slack.in_channel("chat.postMessage", DIGEST)) == len(posted)  # nothing new


def test_notify_without_a_token_stops_before_reading_the_site(tmp_path: Path) -> None:
    with bramley(dt.date.today()) as site:
        run = run_sync(tmp_path / "data", site.url, "--notify", environment={"SLACK_BOT_TOKEN": ""})
        requests = site.requests()
    assert run.code == 2
    assert "--notify posts to Slack and needs SLACK_BOT_TOKEN" in run.stderr
    assert requests == []


def test_a_failing_hook_is_one_warning_and_the_sync_still_succeeds(tmp_path, monkeypatch):
    def broken(report: SyncReport) -> None:
        raise RuntimeError("Slack said no")

    monkeypatch.setattr(bot.slack.watches.notify, "sync_notifier", lambda settings, store: broken)
    with bramley(dt.date.today()) as site:
        result = CliRunner().invoke(
            app,
            [
                "sync",
                site.url,
                "--data-dir",
                str(tmp_path / "data"),
                "--delay",
                "0",
                "--notify",
                "--progress",
            ],
            catch_exceptions=False,
        )
    assert result.exit_code == 0, result.stdout
    assert "warning: after-sync hook failed: Slack said no" in result.stderr.splitlines()
    assert "Synced " in result.stdout  # the progress bar's last line (--progress)
