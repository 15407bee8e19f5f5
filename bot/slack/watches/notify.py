"""``minutes-bot sync --notify``: after each sync, tell Slack what is new.

The sync command owns the syncing; this module gives it one hook to call with each site's
report (``on_synced(report)``): the digest of new resolutions and actions to
``MINUTES_BOT_DIGEST_CHANNEL`` (:mod:`bot.slack.watches.digest`) and each new decision a channel watches
to that channel (:mod:`bot.slack.watches.posts`). The command's whole change is::

    on_synced = sync_notifier(settings, store) if notify else None

The token is checked when the hook is built, so a wrong token stops the command before it
spends an hour syncing rather than after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.settings import Settings
from bot.slack.runtime.app import web_client
from bot.slack.runtime.credentials import GUIDE, check_bot_token
from bot.slack.watches.digest import Synced, post_digest
from bot.slack.watches.posts import post_watch_alerts
from bot.slack.watches.topics import Watches
from index.errors import ConfigError
from index.store import MinutesStore

log = logging.getLogger(__name__)


@dataclass
class SyncNews:
    """What was posted after one sync: each digest message's ``ts`` and how many watch posts."""

    digest: list[str] = field(default_factory=list)
    watch_posts: int = 0


def sync_notifier(settings: Settings, store: MinutesStore) -> Callable[[Synced], SyncNews]:
    """The ``on_synced`` hook: posts each report's news with the bot's token."""
    token = settings.slack_bot_token.get_secret_value().strip() if settings.slack_bot_token else ""
    if not token:
        raise ConfigError(f"--notify posts to Slack and needs SLACK_BOT_TOKEN; {GUIDE}")
    client = web_client(token, settings.slack_api_url)
    check_bot_token(client)
    Watches(settings.database)  # a database that cannot be opened fails here, not after syncing

    def on_synced(report: Synced) -> SyncNews:
        return post_sync_news(client, settings, store, report)

    return on_synced


def post_sync_news(
    client: WebClient, settings: Settings, store: MinutesStore, report: Synced
) -> SyncNews:
    """The digest, then the watch posts. Slack being down is logged, never raised: the index is
    already right, and failing the sync would only make a scheduler run it again."""
    news = SyncNews()
    try:
        news.digest = post_digest(client, settings, store, report)
    except Exception:
        log.exception("could not post the digest of %s", report.site)
    try:
        news.watch_posts = post_watch_alerts(client, settings, store, report)
    except Exception:
        log.exception("could not post the watched decisions of %s", report.site)
    return news
