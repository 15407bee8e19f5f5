"""Every user-visible phrase lives in a jinja2 template here; code renders them by name.

Tests render the same named templates, so a changed phrase is changed in one place.

Each folder has its own environment, chosen by the first part of the template's name:
``terminal/…`` prints text as it is, minus terminal escape sequences and control characters; ``slack/…`` escapes every ``{{ expression }}`` for Slack's
mrkdwn (:mod:`prompts.mrkdwn`), so a minute or a question quoting ``<!channel>`` cannot ping
anyone even if a template forgets to ask for escaping. A Slack template therefore cannot be
rendered unescaped by picking the wrong environment, and cannot include a terminal one.

In Slack templates compose with ``{% include %}``, not macros or ``{% set %}`` blocks: their
output is plain text, which ``{{ … }}`` would escape a second time (visible ``&amp;amp;``).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, PrefixLoader, StrictUndefined

from prompts import mrkdwn
from prompts.terminal_text import printable

TERMINAL = "terminal"
SLACK = "slack"


def _base(folder: str, **options: Any) -> Environment:
    """StrictUndefined so a missing field fails loudly in tests."""
    env = Environment(
        loader=PrefixLoader({folder: PackageLoader("prompts", folder)}),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
        **options,
    )
    env.filters["long_date"] = long_date
    env.filters["as_printed"] = as_printed
    env.filters["unquoted"] = unquoted
    env.tests["web"] = is_web
    return env


@cache
def environment() -> Environment:
    """The terminal's environment: plain text, with escape sequences and control characters
    removed from every ``{{ expression }}`` (:func:`prompts.terminal_text.printable`)."""
    return _base(TERMINAL, finalize=printable)


@cache
def slack_environment() -> Environment:
    """Slack's environment: every ``{{ expression }}`` is mrkdwn-escaped unless it is
    :class:`prompts.mrkdwn.Mrkdwn` (the ``raw`` filter, for text that already is mrkdwn)."""
    env = _base(SLACK, finalize=mrkdwn.finalize)
    env.filters["raw"] = mrkdwn.raw
    return env


def long_date(value: str | date | None) -> str:
    """``2016-07-19`` → ``19 July 2016``, the way minutes print dates."""
    if not value:
        return "date not stated"
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


def is_web(value: object) -> bool:
    """A link a reader can open (``{% if m.link is web %}``): an http(s) URL. Minutes indexed
    from a file have a path on the server instead, which is never shown."""
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def as_printed(value: str | None) -> str:
    """A date phrase as the minutes print it: "June 2024" stays, ``2011-01-12`` (a meeting's
    date standing in for the decision's) becomes "12 January 2011"."""
    text = str(value or "")
    try:
        return long_date(text) if len(text) == 10 else text
    except ValueError:
        return text


def unquoted(value: str | None) -> str:
    """A quotation without the quotation marks the minutes printed around it (a Kent motion
    is printed “…”), so a template's own marks are not doubled; still a slice of the minutes."""
    return str(value or "").strip().strip('“”"').strip()


def render(name: str, **context: Any) -> str:
    """Render template ``name`` (path under prompts/, e.g. ``terminal/answer.txt.j2``).

    A ``slack/…`` template comes back as :class:`~prompts.mrkdwn.Mrkdwn`, already escaped.
    """
    if name.startswith(SLACK + "/"):
        return mrkdwn.Mrkdwn(slack_environment().get_template(name).render(**context))
    return environment().get_template(name).render(**context)
