"""Slack credentials from Settings, with one clear error naming every missing variable, and
a check that Slack accepts the bot token before anything slow (the model) is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.settings import Settings
from index.errors import ConfigError, MinutesBotError

GUIDE = "see docs/connect-to-slack.md"


@dataclass(frozen=True)
class SlackCredentials:
    bot_token: str
    signing_secret: str
    app_token: str | None = None

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    def __repr__(self) -> str:  # never print a token, even by accident
        return f"SlackCredentials(socket_mode={self.socket_mode})"


def slack_credentials(settings: Settings) -> SlackCredentials:
    """Socket Mode needs SLACK_BOT_TOKEN + SLACK_APP_TOKEN; HTTP mode needs the signing secret."""
    bot = _secret(settings.slack_bot_token)
    secret = _secret(settings.slack_signing_secret)
    app_token = _secret(settings.slack_app_token)
    missing = []
    if not bot:
        missing.append("SLACK_BOT_TOKEN")
    if not app_token and not secret:
        missing.append("SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)")
    if missing:
        raise ConfigError(f"missing environment variable(s): {', '.join(missing)}; {GUIDE}")
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError(f"SLACK_APP_TOKEN must be an app-level token (xapp-…); {GUIDE}")
    if bot.startswith("xapp-"):
        raise ConfigError(f"SLACK_BOT_TOKEN holds an app-level token; use the xoxb- one; {GUIDE}")
    return SlackCredentials(bot_token=bot, signing_secret=secret, app_token=app_token or None)


def _secret(value: object) -> str:
    if value is None:
        return ""
    getter = getattr(value, "get_secret_value", None)
    return (getter() if getter else str(value)).strip()


def check_bot_token(client: WebClient) -> dict[str, Any]:
    """``auth.test`` with SLACK_BOT_TOKEN: the bot's identity, or one line saying Slack refused
    the token (``invalid_auth``, ``token_revoked`` …) and which variable holds it."""
    try:
        return dict(client.auth_test().data)  # type: ignore[arg-type]
    except SlackApiError as exc:
        error = exc.response.get("error") or "auth.test failed"
        raise ConfigError(f"Slack rejected SLACK_BOT_TOKEN ({error}); {GUIDE}") from None
    except OSError as exc:  # URLError, refused connection, DNS: nothing to do with the token
        reason = getattr(exc, "reason", None) or exc
        raise MinutesBotError(
            f"could not reach Slack at {client.base_url} to check SLACK_BOT_TOKEN: {reason}"
        ) from None


def app_token_error(exc: SlackApiError) -> ConfigError:
    """apps.connections.open refused SLACK_APP_TOKEN (Socket Mode)."""
    error = exc.response.get("error") or "apps.connections.open failed"
    return ConfigError(f"Slack rejected SLACK_APP_TOKEN ({error}); {GUIDE}")
