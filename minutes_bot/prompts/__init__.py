"""Every user-visible phrase lives in a jinja2 template here; code renders them by name.

Tests render the same named templates, so a changed phrase is changed in one place.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined


@cache
def environment() -> Environment:
    """One shared environment; StrictUndefined so a missing field fails loudly in tests."""
    env = Environment(
        loader=PackageLoader("minutes_bot", "prompts"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    return env


def render(name: str, **context: Any) -> str:
    """Render template ``name`` (path under prompts/, e.g. ``terminal/answer.txt.j2``)."""
    return environment().get_template(name).render(**context)
