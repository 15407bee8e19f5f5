"""Build the Bolt app: a WebClient that honours SLACK_API_URL and retries rate limits, our
team allow-list and dedupe middleware, and the listeners. Acks return at once; answering runs
in lazy listeners."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.slack.listeners import register_listeners
from bot.slack.runtime.allowlist import allowlist_middleware
from bot.slack.runtime.credentials import GUIDE, SlackCredentials
from bot.slack.runtime.dedupe import dedupe_middleware
from bot.slack.runtime.services import Services
from index.errors import ConfigError

RATE_LIMIT_RETRIES = 3
WORKERS = 8


def build_app(services: Services, credentials: SlackCredentials) -> App:
    """Bolt checks the token with auth.test here; a refusal becomes one line naming it."""
    try:
        app = App(
            client=web_client(credentials.bot_token, services.settings.slack_api_url),
            signing_secret=credentials.signing_secret,
            process_before_response=True,  # ack inline; the lazy listeners do the slow part
            listener_executor=ThreadPoolExecutor(WORKERS, thread_name_prefix="minutes-bot"),
            name="minutes-bot",
        )
    except BoltError as exc:
        raise ConfigError(f"Slack rejected SLACK_BOT_TOKEN at start-up; {GUIDE}") from exc
    app.use(allowlist_middleware(services.settings.allowed_teams))
    app.use(dedupe_middleware(services.dedupe))
    register_listeners(app, services)
    return app


def web_client(token: str, api_url: str | None = None) -> WebClient:
    base_url = (api_url or WebClient.BASE_URL).rstrip("/") + "/"
    return WebClient(
        token=token,
        base_url=base_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(),
            RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )
