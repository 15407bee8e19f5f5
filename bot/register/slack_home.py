"""The "Actions" section of a user's App Home: the owners they follow, each with what is
outstanding (overdue first) quoted from the register.

Added to the view the Home tab already publishes (one call in
``bot.slack.listeners.views.home``); anything that goes wrong here leaves the rest of the tab
as it was, since the Home tab must open whatever the register's state.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.register.current import current_register
from bot.register.follows import Follows
from bot.register.models import Entry
from bot.register.register import Register
from bot.slack.render import kit
from bot.slack.render.limits import MAX_BLOCKS, validate
from prompts import render

if TYPE_CHECKING:
    from bot.slack.runtime.services import Services

MAX_VIEW_BLOCKS = MAX_BLOCKS
"""Blocks the whole tab may hold: Slack takes 100 in a Home view, but the tab is checked with
the message rules (:func:`bot.slack.render.limits.validate`), which allow 50."""
SHOWN_PER_OWNER = 3
"""Outstanding actions quoted under each followed owner; the rest are counted."""

log = logging.getLogger(__name__)


def with_followed_actions(view: View, services: Services, user_id: str) -> View:
    """``view`` with the Actions section for ``user_id`` after its blocks (or as it was)."""
    try:
        followed = Follows(services.settings.database).of(user_id)
        register = current_register(services) if followed else None
        room = MAX_VIEW_BLOCKS - len(view.blocks or [])
        extra = actions_blocks(register, followed, dt.date.today(), room)
        return View(type="home", blocks=validate([*(view.blocks or []), *extra]))
    except Exception:
        log.exception("could not add the followed owners' actions; the Home tab shows the rest")
        return view


def actions_blocks(
    register: Register | None, followed: list[str], today: dt.date, room: int
) -> list[Block]:
    """The section: a divider and title, then each followed owner until ``room`` runs out."""
    out: list[Block] = [kit.divider(), kit.header(_text("home_title"))]
    if register is None or not followed:
        return [*out, kit.section(_text("home_none"))][:room]
    for asked in followed:
        group = register.owners.find(asked)
        name = register.owners.name(group) if group else None
        mine = [e for e in register.entries if group and group in register.owners.groups(e.owner)]
        open_ = sorted(
            (e for e in mine if e.outstanding),
            key=lambda e: (
                not e.overdue(today),
                e.due or dt.date.max,
                e.meeting_date or dt.date.min,
            ),
        )
        owner_blocks: list[Block] = [
            kit.section(
                _text(
                    "home_owner",
                    asked=asked,
                    owner=name,
                    outstanding=len(open_),
                    overdue=sum(e.overdue(today) for e in open_),
                )
            )
        ]
        for entry in open_[:SHOWN_PER_OWNER]:
            owner_blocks += _entry_blocks(entry, today)
        if len(open_) > SHOWN_PER_OWNER:
            hidden = len(open_) - SHOWN_PER_OWNER
            owner_blocks.append(kit.context(_text("home_more", hidden=hidden, owner=name)))
        if len(out) + len(owner_blocks) > room - 1:
            out.append(kit.context(_text("home_cut", owner=asked)))
            break
        out += owner_blocks
    return out[:room]


def _entry_blocks(entry: Entry, today: dt.date) -> list[Block]:
    text = render("slack/actions/entry.txt.j2", e=entry, today=today).strip()
    return [*kit.quote_sections(text), kit.context(_text("source", e=entry))]


def _text(name: str, **context: object) -> str:
    return render(f"slack/actions/{name}.txt.j2", **context).strip()
