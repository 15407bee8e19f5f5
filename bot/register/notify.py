"""``minutes-bot actions --notify``: the overdue actions, posted to ``MINUTES_BOT_DIGEST_CHANNEL``.

Meant to run weekly (``--every 7d``, or from cron or a Kubernetes CronJob like ``sync``), so a
board's officers see what has slipped without asking. The register is read afresh each run,
so a sync that reported an action done takes it off the next post. One message lists the first
:data:`bot.register.slack_blocks.PAGE` actions; the rest follow in its thread, a page a reply,
so a long list does not bury the channel. Nothing overdue posts nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from bot.register.questions import RegisterQuestion, RegisterReply, ask_register
from bot.register.register import Register
from bot.register.slack_blocks import PAGE, blocks
from bot.settings import Settings
from bot.slack.render.limits import validate
from bot.slack.runtime.app import web_client
from bot.slack.runtime.credentials import GUIDE, check_bot_token
from bot.slack.watches.digest import Post, deliver
from index.errors import ConfigError
from prompts import render

log = logging.getLogger(__name__)


def overdue_notifier(settings: Settings) -> Callable[[Register, RegisterQuestion], list[str]]:
    """The weekly post's sender, built once: a missing channel or token, or one Slack refuses,
    stops the command here rather than at the first post."""
    channel = (settings.digest_channel or "").strip()
    if not channel:
        raise ConfigError(
            "--notify posts to the channel in MINUTES_BOT_DIGEST_CHANNEL, which is not set"
        )
    token = settings.slack_bot_token.get_secret_value().strip() if settings.slack_bot_token else ""
    if not token:
        raise ConfigError(f"--notify posts to Slack and needs SLACK_BOT_TOKEN; {GUIDE}")
    client = web_client(token, settings.slack_api_url)
    check_bot_token(client)

    def post(register: Register, question: RegisterQuestion) -> list[str]:
        reply = ask_register(register, replace(question, overdue=True))
        posts = overdue_posts(reply)
        sent = [ts for p in posts if (ts := deliver(client, channel, p))]
        log.info("%d overdue action(s) posted to %s", len(reply.entries), channel)
        return sent

    return post


def overdue_posts(reply: RegisterReply) -> list[Post]:
    """Nothing when nothing is overdue (or the owner or body is unknown); else one post, its
    first page in the channel and each further page a reply in its thread."""
    if reply.unknown_owner or reply.unknown_body or not reply.entries:
        return []
    text = render("slack/actions/notify.txt.j2", reply=reply).strip()
    pages = [
        validate(blocks(reply, "", offset, more=False))
        for offset in range(0, len(reply.entries), PAGE)
    ]
    return [Post(text, pages[0], [(text, page) for page in pages[1:]])]
