"""Every user-visible phrase lives in a jinja2 template here; code renders them by name.

Tests render the same named templates, so a changed phrase is changed in one place.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from prompts.mrkdwn import escape as mrkdwn_escape


@cache
def environment() -> Environment:
    """One shared environment; StrictUndefined so a missing field fails loudly in tests."""
    env = Environment(
        loader=PackageLoader("prompts", "."),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters["long_date"] = long_date
    # Slack templates pass every source and user string through this: &, <, > escaped, so a
    # minute quoting <!channel> cannot ping anyone.
    env.filters["mrkdwn"] = mrkdwn_escape
    return env


def long_date(value: str | date | None) -> str:
    """``2016-07-19`` → ``19 July 2016``, the way minutes print dates."""
    if not value:
        return "date not stated"
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


def render(name: str, **context: Any) -> str:
    """Render template ``name`` (path under prompts/, e.g. ``terminal/answer.txt.j2``)."""
    return environment().get_template(name).render(**context)
