"""What ``/minutes watch``, ``/minutes watches`` and ``/minutes unwatch`` answer.

Adding or removing a watch changes what the whole channel will see, so it is said in the
channel (naming who did it); the list of watches, with a Remove button each, only the asker sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block

from bot.slack.render import kit
from bot.slack.render.limits import validate
from bot.slack.render.payloads import BadButtonValue
from bot.slack.watches.topics import MAX_PER_CHANNEL, NoTopicWords, TooManyWatches, Watch, Watches
from prompts import render

WATCH, WATCHES, UNWATCH = "watch", "watches", "unwatch"
VERBS = (WATCH, WATCHES, UNWATCH)
REMOVE_PREFIX = "remove_watch_"


@dataclass
class Reply:
    text: str
    blocks: list[Block] | None = None
    in_channel: bool = False

    def as_response(self, **extra: Any) -> dict[str, Any]:
        """Keyword arguments for Bolt's ``respond``."""
        return {
            "text": self.text,
            "blocks": self.blocks,
            "response_type": "in_channel" if self.in_channel else "ephemeral",
            **extra,
        }


def split_command(text: str) -> tuple[str | None, str]:
    """``("watch", "libraries")`` for ``watch libraries``; ``(None, text)`` for a question."""
    verb, _, rest = text.strip().partition(" ")
    if verb.lower() in VERBS:
        return verb.lower(), rest.strip()
    return None, text


def answer(
    watches: Watches, verb: str, topic: str, *, channel: str, user: str, team: str | None
) -> Reply:
    if verb == WATCHES:
        return watch_list(watches.in_channel(channel))
    if verb == UNWATCH:
        removed = watches.remove(channel, topic) if topic.strip() else None
        if removed:
            return Reply(_text("removed", user=user, watch=removed), in_channel=True)
        if not topic.strip():
            return Reply(_text("no_words"))
        return Reply(_text("not_watched", topic=topic))
    try:
        watch, created = watches.add(channel, topic, user_id=user, team_id=team)
    except NoTopicWords:
        return Reply(_text("no_words"))
    except TooManyWatches:
        return Reply(_text("full", limit=MAX_PER_CHANNEL))
    if not created:
        return Reply(_text("already", watch=watch))
    return Reply(_text("added", user=user, watch=watch), in_channel=True)


def watch_list(watches: list[Watch]) -> Reply:
    """The channel's watches, each with a Remove button (only the asker sees it)."""
    heading = _text("list", watches=watches)
    blocks: list[Any] = [kit.section(heading)]
    for n, watch in enumerate(watches[:MAX_PER_CHANNEL], 1):
        button = kit.button(f"{REMOVE_PREFIX}{n}", str(watch.id))
        blocks.append(kit.section(_text("topic", watch=watch), button))
    return Reply(heading, validate(blocks))


def removed_by_button(watches: Watches, channel: str, value: object, user: str) -> Reply:
    """What a Remove click says in the channel; raises :class:`BadButtonValue` for a value we
    did not write."""
    removed = watches.remove_id(channel, decode_watch_id(value))
    if removed is None:
        return Reply(_text("gone"))
    return Reply(_text("removed", user=user, watch=removed), in_channel=True)


def decode_watch_id(value: object) -> int:
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadButtonValue(f"watch id {str(value)[:40]!r} is not a whole number")
    return int(value)


def _text(name: str, **context: Any) -> str:
    return render(f"slack/watch/{name}.txt.j2", **context).strip()
