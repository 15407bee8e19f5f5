"""The digest a sync posts to ``MINUTES_BOT_DIGEST_CHANNEL``: one message per meeting with new
resolutions or actions, each quoted word for word with its owner, due date and link.

A short meeting's digest is read in the channel as it is. A long one (more than
:data:`INLINE_QUOTES` quotes, or more than one message's worth of blocks) would bury the channel,
so its message lists the items and the quotes follow in that message's thread, split into as
many replies as Block Kit's 50-block limit needs (never inside a quote).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from bot.settings import Settings
from bot.slack.render import kit
from bot.slack.render.limits import MAX_SECTION_TEXT, split, validate
from bot.slack.render.packing import pack
from bot.slack.watches.decisions import Meeting, by_meeting, item_group, new_decisions, text
from index.schema import StoredItem
from index.store import MinutesStore

log = logging.getLogger(__name__)

INLINE_QUOTES = 6
"""A meeting with more new resolutions and actions than this is listed, and quoted in a thread."""


class Synced(Protocol):
    """What a digest needs of a sync's report (``index.sync.SyncReport``)."""

    @property
    def site(self) -> str: ...

    @property
    def new_item_ids(self) -> Sequence[str]: ...


@dataclass
class Post:
    """A top-level message and the replies in its thread: what one meeting (or one watched
    decision) becomes."""

    text: str
    blocks: list[Block]
    thread: list[tuple[str, list[Block]]] = field(default_factory=list)


def digest_posts(items: Sequence[StoredItem]) -> list[Post]:
    """One post per meeting with new decisions, oldest meeting first."""
    return [meeting_post(m) for m in by_meeting(new_decisions(items))]


def meeting_post(meeting: Meeting) -> Post:
    lead = kit.section(text("meeting", m=meeting))
    groups = [item_group(item, n) for n, item in enumerate(meeting.items, 1)]
    fallback = text("fallback", m=meeting)
    continued = text("continued", m=meeting)
    if meeting.quotes <= INLINE_QUOTES:
        messages = pack([lead], groups, [])
        if len(messages) == 1:
            return Post(fallback, validate(messages[0]))
    listing = [kit.section(part) for part in split(text("summary", m=meeting), MAX_SECTION_TEXT)]
    top = validate([lead, *listing, kit.context(text("in_thread"))])
    thread = [(continued, validate(blocks)) for blocks in pack([], groups, [])]
    return Post(fallback, top, thread)


def post_digest(
    client: WebClient, settings: Settings, store: MinutesStore, report: Synced
) -> list[str]:
    """Post the digest of ``report``'s new items to the digest channel; the ``ts`` of each
    meeting's message. A meeting Slack refuses is logged and the others are still posted."""
    channel = settings.digest_channel
    if not channel or not report.new_item_ids:
        return []
    items = list(store.get_items(report.new_item_ids).values())
    posted = []
    for post in digest_posts(items):
        ts = deliver(client, channel, post)
        if ts:
            posted.append(ts)
    log.info("digest of %s: %d meeting message(s) in %s", report.site, len(posted), channel)
    return posted


def deliver(client: WebClient, channel: str, post: Post) -> str | None:
    """Post ``post`` in ``channel``, its thread under it; the top message's ``ts``, or None if
    Slack refused it (logged: a channel the bot cannot post in must not stop the others)."""
    try:
        top = client.chat_postMessage(
            channel=channel,
            text=post.text,
            blocks=post.blocks,
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as exc:
        log.error("could not post to %s: %s", channel, exc.response.get("error"))
        return None
    ts = str(top["ts"])
    for reply_text, blocks in post.thread:
        try:
            client.chat_postMessage(
                channel=channel,
                thread_ts=ts,
                text=reply_text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            log.error(
                "could not reply in %s (thread %s): %s", channel, ts, exc.response.get("error")
            )
    return ts
