"""Docker cannot run here, so check the wiring instead: the manifest subscribes to what the bot
listens for and grants the scopes its calls need; compose uses the variable names config.py reads."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.settings import Settings
from bot.slack.listeners.commands.minutes_command import COMMAND
from tests.paths import REPO

DEPLOY = REPO / "deploy"

# Every Web API method or event the bot uses, and the bot scope Slack requires for it.
NEEDED_SCOPES = {
    "app_mention event": "app_mentions:read",
    "message.im event": "im:history",
    "chat.postMessage": "chat:write",
    "Share in channel without an invite": "chat:write.public",
    "reactions.add / reactions.remove": "reactions:write",
    "conversations.replies in channels": "channels:history",
    "conversations.replies in private channels": "groups:history",
    "slash command": "commands",
}
# Read by the CLI itself rather than by Settings.
CLI_VARIABLES = {"MINUTES_BOT_LOG_LEVEL"}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((DEPLOY / "slack-app-manifest.yaml").read_text())


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def settings_variables() -> set[str]:
    names = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if alias is not None:
            names.update(a for a in alias.choices if isinstance(a, str))
        else:
            names.add(f"MINUTES_BOT_{name.upper()}")
    return names


def test_manifest_subscribes_to_what_the_bot_handles(manifest):
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
        "app_home_opened",
    }
    assert settings["interactivity"]["is_enabled"] is True  # buttons
    assert settings["socket_mode_enabled"] is True
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [COMMAND]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True


def test_manifest_grants_the_scopes_the_bot_needs(manifest):
    granted = set(manifest["oauth_config"]["scopes"]["bot"])
    missing = {use: scope for use, scope in NEEDED_SCOPES.items() if scope not in granted}
    assert not missing
    assert granted <= set(NEEDED_SCOPES.values()) | {"mpim:history"}  # nothing more than needed


def test_compose_uses_the_variable_names_config_reads(compose):
    known = settings_variables() | CLI_VARIABLES
    for name, service in compose["services"].items():
        for variable in service.get("environment") or {}:
            assert variable in known, f"{name}: {variable} is not read by minutes-bot"


def test_compose_wires_the_bot_to_the_chroma_server(compose):
    services = compose["services"]
    assert (
        services["chroma"]["entrypoint"] == ["chroma"] and services["chroma"]["command"][0] == "run"
    )
    port = services["chroma"]["command"][services["chroma"]["command"].index("--port") + 1]
    for name in ("bot", "index"):
        environment = services[name]["environment"]
        assert environment["MINUTES_BOT_CHROMA_URL"] == f"http://chroma:{port}"
        assert services[name]["depends_on"]["chroma"]["condition"] == "service_healthy"
    assert services["bot"]["command"] == ["serve"]
    assert services["index"]["command"][0] == "index"
    assert "jobs" in services["index"]["profiles"]  # a one-off, not started by `up`
    bot_vars = set(services["bot"]["environment"])
    assert {
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_API_URL",
    } <= bot_vars
    # The bot reads the lexical index the job writes: they share the data volume.
    assert (
        services["bot"]["volumes"][0].split(":")[0] == services["index"]["volumes"][0].split(":")[0]
    )


def test_dockerfile_serves_on_the_configured_port_with_a_health_check():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r'ENTRYPOINT \["minutes-bot"\]', dockerfile)
    assert "/healthz" in dockerfile and "MINUTES_BOT_HOST=0.0.0.0" in dockerfile
    assert "constraints.txt" in dockerfile  # torch pinned to the CPU build
