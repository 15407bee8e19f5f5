"""``minutes-bot serve`` as a deployer runs it: a process configured only by the environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.bot.slack.blockkit import quoted
from tests.bot.slack.conftest import BOT_TOKEN, SIGNING_SECRET, BotHarness, mention, unique
from tests.paths import REPO

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL")


def clean_environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARS}
    env = {k: v for k, v in env.items() if not k.startswith("MINUTES_BOT_SLACK")}
    return {**env, "HF_HUB_OFFLINE": "1", **extra}


def minutes_bot(*args: str, env: dict[str, str], **kw) -> subprocess.Popen:
    code = "from bot.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=env, text=True, **kw)


def test_serve_without_slack_variables_names_them():
    process = minutes_bot("serve", env=clean_environment(), stderr=subprocess.PIPE)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err
    assert "Traceback" not in err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(indexed_settings, fake_slack) -> Iterator[str]:
    port = free_port()
    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(indexed_settings.data_dir),
        MINUTES_BOT_HOST="127.0.0.1",
        PORT=str(port),
    )
    process = minutes_bot("serve", env=env, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            assert process.poll() is None, process.stderr.read()
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "serve did not come up in 90 s"
                time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            logged = process.stderr.read()
            assert BOT_TOKEN not in logged and SIGNING_SECRET not in logged


@pytest.mark.slow
def test_serve_answers_a_mention_over_http(served, fake_slack):
    harness = BotHarness(served, fake_slack, None, None, None)
    channel, user = unique("C"), unique("U")
    assert (
        harness.send_event(
            mention(channel, user, "what was resolved about the frailty delivery plan?")
        ).status
        == 200
    )
    post = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    assert quoted(
        "Agree the three priorities for 2024-25 set out in the report", post.args["blocks"]
    )
