"""Escaping for Slack's mrkdwn, applied once, at render time, to every source and user string.

Slack reads ``<…>`` as a link or a mention, so a minute quoting ``<!channel>`` or a question
containing ``<!here>`` would ping people if passed through. Slack's own rule is to replace only
``&``, ``<`` and ``>``; everything else is shown as typed.
"""

from __future__ import annotations

import re

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[&<>]")
_UNESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ENTITY = re.compile(r"&(?:amp|lt|gt);")
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def escape(value: object) -> str:
    """Text safe to put inside a mrkdwn string; ``None`` becomes the empty string."""
    if value is None:
        return ""
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], str(value))


def unescape(text: str) -> str:
    """What a reader sees: the inverse of :func:`escape` (Slack also escapes incoming text)."""
    return _ENTITY.sub(lambda m: _UNESCAPES[m.group()], text)


def strip_mentions(text: str) -> str:
    """The question without ``<@U123>`` user mentions (the bot's own name, mostly)."""
    return " ".join(_MENTION.sub(" ", text).split())
