"""The App Home "Actions" section keeps within the room the tab leaves it, however many owners
a user follows: the owners that do not fit are named, never cut mid-action."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.cli.options import load_settings
from bot.register.register import load_register
from bot.register.slack_home import actions_blocks
from bot.slack.render.limits import validate
from index.store import open_store
from tests.bot.slack.blockkit import texts

pytestmark = pytest.mark.slow


def test_followed_owners_past_the_room_left_are_named_not_cut(register_index: Path):
    register = load_register(open_store(load_settings(register_index, None)))
    followed = ["DPH", "Cllr Bradshaw", "Tomasz"]
    today = dt.date(2024, 10, 1)
    roomy = texts(actions_blocks(register, followed, today, room=50))
    assert roomy[:2] == [
        "Actions",
        "*Director of Public Health*: 3 outstanding, 2 overdue. (You follow “DPH”.)",
    ]
    assert any(t.startswith("*Cllr Bradshaw*: 1 outstanding") for t in roomy)
    assert any(t.startswith("*Tomasz*: 1 outstanding") for t in roomy)
    tight = actions_blocks(register, followed, today, room=12)
    validate(tight)
    shown = texts(tight)
    assert len(tight) <= 12
    assert shown[-1].startswith("No room here for “")
    assert not any(t.startswith("*Tomasz*") for t in shown)
