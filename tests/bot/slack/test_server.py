"""Entry points: configuration errors name the variable; /healthz answers; SLACK_API_URL is used."""

from __future__ import annotations

import json
import urllib.request
from itertools import islice

import pytest

from bot.settings import Settings
from bot.slack.runtime.app import web_client
from bot.slack.runtime.credentials import slack_credentials
from bot.slack.runtime.services import backoff
from index.errors import ConfigError

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL")


@pytest.fixture
def clean_env(monkeypatch):
    for name in SLACK_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"MINUTES_BOT_{name}", raising=False)
    return monkeypatch


def test_missing_variables_are_named(clean_env):
    with pytest.raises(ConfigError) as err:
        slack_credentials(Settings())
    assert "SLACK_BOT_TOKEN" in str(err.value) and "SLACK_SIGNING_SECRET" in str(err.value)

    clean_env.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    with pytest.raises(ConfigError) as err:
        slack_credentials(Settings())
    assert "SLACK_BOT_TOKEN" not in str(err.value) and "SLACK_SIGNING_SECRET" in str(err.value)


def test_socket_mode_when_an_app_token_is_set(clean_env):
    clean_env.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    clean_env.setenv("SLACK_APP_TOKEN", "xapp-1-secret")
    credentials = slack_credentials(Settings())
    assert credentials.socket_mode
    assert "xapp" not in repr(credentials) and "xoxb" not in repr(credentials)

    clean_env.setenv("SLACK_APP_TOKEN", "xoxb-pasted-the-wrong-one")
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        slack_credentials(Settings())


def test_http_mode_with_a_signing_secret(clean_env):
    clean_env.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    clean_env.setenv("SLACK_SIGNING_SECRET", "s3cret")
    assert not slack_credentials(Settings()).socket_mode


def test_slack_api_url_overrides_the_web_api_base(clean_env):
    clean_env.setenv("SLACK_API_URL", "https://slack-gov.example/api")
    assert (
        web_client("xoxb-1", Settings().slack_api_url).base_url == "https://slack-gov.example/api/"
    )
    assert web_client("xoxb-1").base_url == "https://slack.com/api/"


@pytest.mark.slow
def test_healthz_reports_items_and_dependencies(bot):
    with urllib.request.urlopen(f"{bot.url}/healthz", timeout=5) as response:
        assert response.status == 200
        report = json.loads(response.read())
    stats = bot.services.stats()
    assert report["ok"] is True
    assert report["index"] == {
        "ok": True,
        "items": stats.items,
        "meetings": stats.meetings,
        "last_indexed": stats.last_indexed,
    }
    assert report["chroma"]["ok"] and report["slack"]["ok"]


def test_waiting_for_chroma_backs_off_to_a_bound():
    assert list(islice(backoff(), 8)) == [1, 2, 4, 8, 16, 30, 30, 30]
