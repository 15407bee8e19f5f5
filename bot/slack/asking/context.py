"""Follow-ups in a thread: "and who owns that?" means nothing without the earlier question.

We read the thread with ``conversations.replies`` rather than remembering questions in memory,
so follow-ups work after a restart and for threads started before the bot was running.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from prompts.mrkdwn import strip_mentions, unescape

log = logging.getLogger(__name__)

THREAD_LIMIT = 100
THREAD_QUESTIONS = 3
"""A thread's context is its last few questions: "when was that agreed?" after "and who talks to
the farmers?" is about what the question before that named (the letter to the Chancellor)."""
THREAD_CHARS = 600


def question_text(text: str | None) -> str:
    """What a person typed, without mentions and with Slack's escaping undone."""
    return unescape(strip_mentions(text or ""))


def is_from_a_person(message: dict[str, Any]) -> bool:
    """Plain messages by people: not bots (us included), not edits, joins or deletions."""
    return not message.get("bot_id") and message.get("subtype") in (None, "thread_broadcast")


def earlier_question(
    client: WebClient, channel: str, thread_ts: str, before_ts: str, bot_user_id: str | None
) -> str | None:
    """The latest earlier question to the bot in this thread, else the thread's first message."""
    try:
        reply = client.conversations_replies(channel=channel, ts=thread_ts, limit=THREAD_LIMIT)
    except SlackApiError as exc:
        log.warning("could not read thread in %s: %s", channel, exc.response.get("error"))
        return None
    earlier = [
        m
        for m in reply.get("messages") or []
        if is_from_a_person(m) and float(m.get("ts", "0")) < float(before_ts)
    ]
    mention = f"<@{bot_user_id}>" if bot_user_id else None
    asked = [m for m in earlier if mention and mention in (m.get("text") or "")]
    for message in [*reversed(asked), *earlier[:1]]:
        text = question_text(message.get("text"))
        if text:
            return text
    return None


def thread_context(asked: str) -> str:
    """What a thread remembers for its next follow-up: the last :data:`THREAD_QUESTIONS` lines
    of what was asked (the answer says whether it followed the thread or left it), bounded."""
    lines = [line for line in asked.splitlines() if line.strip()][-THREAD_QUESTIONS:]
    while len(lines) > 1 and len("\n".join(lines)) > THREAD_CHARS:
        lines = lines[1:]
    return "\n".join(lines)[-THREAD_CHARS:]
