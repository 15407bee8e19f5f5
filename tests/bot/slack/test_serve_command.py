"""``minutes-bot serve`` as a deployer runs it: a process configured only by the environment,
started with good settings, a refused token, no index, and a Chroma server that is not up yet."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.bot.slack.blockkit import texts
from tests.bot.slack.conftest import BOT_TOKEN, SIGNING_SECRET, BotHarness, mention, unique
from tests.bot.slack.fake_slack import REVOKED_TOKEN
from tests.bot.slack.served import (
    clean_environment,
    free_port,
    minutes_bot,
    start_chroma,
    start_serve,
    stop,
)

EMPTY_WARNING = "every answer will be 'No decision found'"


def test_serve_without_slack_variables_names_them():
    process = minutes_bot("serve", env=clean_environment(), stderr=subprocess.PIPE)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err
    assert "Traceback" not in err


def test_a_token_slack_refuses_is_one_line_naming_the_variable(fake_slack, tmp_path):
    env = clean_environment(
        SLACK_BOT_TOKEN=REVOKED_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(tmp_path / "data"),
    )
    process = minutes_bot("serve", env=env, stderr=subprocess.PIPE)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "SLACK_BOT_TOKEN" in lines[0] and "invalid_auth" in lines[0]
    assert REVOKED_TOKEN not in err
    assert any(c.method == "auth.test" and c.token == REVOKED_TOKEN for c in fake_slack.calls)


@pytest.mark.slow
def test_serve_answers_a_mention_over_http(served, fake_slack):
    harness = BotHarness(served.url, fake_slack, None, None, None)
    channel, user = unique("C"), unique("U")
    question = "what was resolved about the frailty delivery plan?"
    assert harness.send_event(mention(channel, user, question)).status == 200
    post = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    seen = texts(post.args["blocks"])  # the answer line, then the frailty item it quotes
    assert seen[0].startswith("*Answer:* “") and "Frailty" in seen[1]


@pytest.mark.slow
def test_healthz_reports_the_index_and_each_dependency(served):
    status, report = served.healthz()
    assert status == 200
    assert report["ok"] is True
    assert report["index"]["ok"] is True and report["index"]["items"] > 0
    assert report["index"]["last_indexed"]
    assert report["chroma"] == {"mode": "embedded", "ok": True}
    assert report["database"]["ok"] is True and report["database"]["url"].startswith("sqlite")
    assert "redis" not in report  # not configured: delivery memory is in the process
    assert report["slack"] == {"mode": "http", "ok": True}
    assert served.log().count(EMPTY_WARNING) == 0


@pytest.mark.slow
def test_serve_with_a_missing_data_dir_warns_once_and_is_not_healthy(fake_slack, tmp_path):
    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(tmp_path / "never-indexed"),
    )
    bot = start_serve(env, tmp_path / "serve.log")
    try:
        bot.wait_for_healthz()
        status, report = bot.healthz()
    finally:
        bot.stop()
    assert status == 503
    assert report["ok"] is False
    assert report["index"]["ok"] is False and report["index"]["items"] == 0
    assert "minutes-bot index" in report["index"]["error"]
    assert report["chroma"]["ok"] is True  # the dependency is fine; the index is what is missing
    log = bot.log()
    assert log.count(EMPTY_WARNING) == 1
    warning = next(line for line in log.splitlines() if EMPTY_WARNING in line)
    assert str(tmp_path / "never-indexed") in warning
    assert "Traceback" not in log


@pytest.mark.slow
def test_serve_waits_for_the_chroma_server_and_healthz_follows_it(fake_slack, tmp_path: Path):
    chroma_port = free_port()
    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(tmp_path / "data"),
        MINUTES_BOT_CHROMA_URL=f"http://127.0.0.1:{chroma_port}",
    )
    bot = start_serve(env, tmp_path / "serve.log")
    chroma = None
    try:
        # Chroma is down: serve keeps trying, one line per attempt, and does not exit.
        bot.wait_until(lambda: "(attempt 2:" in bot.log(), "a second attempt", timeout=30)
        attempts = [line for line in bot.log().splitlines() if "is not reachable" in line]
        assert len(attempts) >= 2
        assert all(f"127.0.0.1:{chroma_port}" in line for line in attempts)
        assert "retrying in 1 s" in attempts[0] and "retrying in 2 s" in attempts[1]

        chroma = start_chroma(tmp_path / "chroma", chroma_port)
        bot.wait_for_healthz()
        status, report = bot.healthz()
        assert status == 503  # up, but nothing indexed in this Chroma yet
        assert report["chroma"] == {
            "mode": "server",
            "url": f"http://127.0.0.1:{chroma_port}",
            "ok": True,
        }
        assert report["index"]["items"] == 0

        stop(chroma)  # Chroma goes away under a running bot
        chroma = None
        bot.wait_until(lambda: not bot.healthz()[1]["chroma"]["ok"], "chroma down", timeout=30)
        status, report = bot.healthz()
        assert status == 503
        assert report["index"]["ok"] is False
        assert report["chroma"]["error"]
        assert bot.process.poll() is None
    finally:
        if chroma:
            stop(chroma)
        bot.stop()
    log = bot.log()
    assert "Traceback" not in log
    assert log.count(EMPTY_WARNING) == 1
    assert f"Chroma at http://127.0.0.1:{chroma_port} is reachable after" in log
