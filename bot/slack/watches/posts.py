"""After a sync: each new decision that matches a channel's watch, posted in that channel.

One message per channel and decision, however many of the channel's topics it matches: a line
naming the topics and the meeting, then the item as the digest shows it (its link, each
resolution and action quoted word for word). An item too long for one message continues in
the message's thread.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk import WebClient

from bot.settings import Settings
from bot.slack.render import kit
from bot.slack.render.limits import validate
from bot.slack.render.packing import pack
from bot.slack.watches.decisions import item_group, new_decisions
from bot.slack.watches.digest import Post, Synced, deliver
from bot.slack.watches.topics import Watch, Watches, matching
from index.schema import StoredItem
from index.store import MinutesStore
from prompts import render

log = logging.getLogger(__name__)


def watch_posts(watches: Sequence[Watch], items: Sequence[StoredItem]) -> list[tuple[str, Post]]:
    """``(channel, post)`` for each new decision a channel watches."""
    posts = []
    for channel, item, hits in matching(watches, new_decisions(items)):
        alert = kit.section(_text("alert", watches=hits, meta=item.meta))
        messages = pack([], [item_group(item, 1, lead=[alert])], [])
        continued = render("slack/digest/continued.txt.j2", m=item.meta).strip()
        post = Post(
            text=_text("fallback", watches=hits, meta=item.meta),
            blocks=validate(messages[0]),
            thread=[(continued, validate(blocks)) for blocks in messages[1:]],
        )
        posts.append((channel, post))
    return posts


def post_watch_alerts(
    client: WebClient, settings: Settings, store: MinutesStore, report: Synced
) -> int:
    """Post ``report``'s new decisions to the channels watching them; how many were posted."""
    if not report.new_item_ids:
        return 0
    watches = Watches(settings.database).all()
    if not watches:
        return 0
    items = list(store.get_items(report.new_item_ids).values())
    posted = sum(
        1 for channel, post in watch_posts(watches, items) if deliver(client, channel, post)
    )
    log.info("watches after syncing %s: %d decision post(s)", report.site, posted)
    return posted


def _text(name: str, **context: object) -> str:
    return render(f"slack/watch/{name}.txt.j2", **context).strip()
