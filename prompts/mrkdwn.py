"""Escaping for Slack's mrkdwn, applied once, at render time, to every source and user string.

Slack reads ``<…>`` as a link or a mention, so a minute quoting ``<!channel>`` or a question
containing ``<!here>`` would ping people if passed through. Slack's own rule is to replace only
``&``, ``<`` and ``>``; everything else is shown as typed.

The Slack template environment (:func:`prompts.slack_environment`) calls :func:`finalize` on
every ``{{ expression }}``, so escaping is the default and cannot be forgotten. Text that is
already mrkdwn (rare: nothing from a minute or a user ever is) opts out explicitly by being a
:class:`Mrkdwn`, via the ``raw`` filter in a template or :func:`raw` in Python.
"""

from __future__ import annotations

import re

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[&<>]")
_UNESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
ENTITY = re.compile(r"&(?:amp|lt|gt);")
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


class Mrkdwn(str):
    """Text that is already safe mrkdwn: the Slack environment outputs it unchanged.

    Rendered Slack templates are returned as ``Mrkdwn``, so rendered text passed on to another
    template is not escaped twice.
    """

    __slots__ = ()


def escape(value: object) -> str:
    """Text safe to put inside a mrkdwn string; ``None`` becomes the empty string."""
    if value is None:
        return ""
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], str(value))


def finalize(value: object) -> str:
    """What a Slack template prints for ``{{ value }}``: escaped, unless it is already mrkdwn."""
    return value if isinstance(value, Mrkdwn) else escape(value)


def raw(value: object) -> Mrkdwn:
    """The explicit opt-out: ``value`` is trusted mrkdwn (``{{ x | raw }}`` in a template)."""
    return Mrkdwn("" if value is None else value)


def unescape(text: str) -> str:
    """What a reader sees: the inverse of :func:`escape` (Slack also escapes incoming text)."""
    return ENTITY.sub(lambda m: _UNESCAPES[m.group()], text)


def strip_mentions(text: str) -> str:
    """The question without ``<@U123>`` user mentions (the bot's own name, mostly)."""
    return " ".join(_MENTION.sub(" ", text).split())
