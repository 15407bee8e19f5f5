"""The bot's settings: the index's (``index.settings``) plus Slack and answering.

Slack's use the names Slack's own docs use (``SLACK_BOT_TOKEN`` …) so a deployer can paste
them from the app's settings page. Tokens are ``SecretStr`` so they never print in a repr or a
log line.

``MINUTES_BOT_REDIS_URL`` (``redis://host:6379/0``) keeps duplicate-delivery memory and thread
context in Redis, so several replicas behind Slack answer each event once; unset, they live in
the process.

``MINUTES_BOT_ALLOWED_TEAMS`` (comma-separated workspace IDs, ``T…``, or ``E…`` for a Grid
org) limits which workspaces the bot answers; unset, it answers any workspace the app is in.

``MINUTES_BOT_ANSWER_GATE=fitted`` lets the answer gate fitted on questions generated from the
index decide (``bot.answer.gate``); the default, ``rules``, keeps the hand rules of
``bot.answer.abstain`` and ``bot.answer.asked`` (they measure better on the dev set so far).

``MINUTES_BOT_DIGEST_CHANNEL`` (a channel ID, ``C…``) is where ``minutes-bot sync --notify``
posts the new resolutions and actions of each sync; unset, only channel watches are posted.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import NoDecode

from index.settings import IndexSettings


class Settings(IndexSettings):
    top_k: int = 3
    answer_gate: Literal["rules", "fitted"] = "rules"

    slack_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_BOT_TOKEN", "MINUTES_BOT_SLACK_BOT_TOKEN"),
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "MINUTES_BOT_SLACK_SIGNING_SECRET"),
    )
    slack_app_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_APP_TOKEN", "MINUTES_BOT_SLACK_APP_TOKEN"),
    )
    slack_api_url: str | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_API_URL", "MINUTES_BOT_SLACK_API_URL")
    )
    host: str = "127.0.0.1"
    port: int = Field(
        default=3000, ge=0, le=65535, validation_alias=AliasChoices("PORT", "MINUTES_BOT_PORT")
    )
    allowed_teams: Annotated[frozenset[str], NoDecode] = frozenset()
    redis_url: str | None = None
    digest_channel: str | None = None

    @field_validator("slack_api_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        """A test or proxy endpoint for Slack's Web API; checked here so a typo is one line at
        start-up, not a traceback at the first post."""
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 (raises for a port that is not a number)
        except ValueError:
            raise ValueError("not a URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http(s) URL with a host")
        return value

    @field_validator("allowed_teams", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """``T01,T02`` as a deployer writes it in an env file (not JSON)."""
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value
