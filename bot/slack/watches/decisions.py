"""New decisions after a sync, as Block Kit: an item's heading and link, then each resolution
and action quoted word for word (actions with owner and due date).

Shared by the channel digest (:mod:`bot.slack.watches.digest`) and watch posts
(:mod:`bot.slack.watches.posts`). Items come from the store by ID; before anything is shown each
quote is checked to be a substring of the item's stored text (:mod:`bot.answer.quotes`), so a
post never carries words the minutes did not say. Each quote is its own packing unit
(:mod:`bot.slack.render.packing`): a long item continues in the next message between quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.answer.quotes import keep_verbatim
from bot.slack.render import kit
from bot.slack.render.packing import Group, Unit
from index.schema import ItemMeta, StoredItem
from prompts import render

TEMPLATES = "slack/digest"


def text(name: str, **context: Any) -> str:
    """A ``slack/digest/…`` template, rendered (so escaped) and trimmed."""
    return render(f"{TEMPLATES}/{name}.txt.j2", **context).strip()


def verified(item: StoredItem) -> StoredItem:
    """The item with only the resolutions and actions found word for word in its text."""
    meta = item.meta
    return replace(
        item,
        meta=replace(
            meta,
            resolutions=tuple(keep_verbatim(meta.resolutions, item.text)),
            actions=tuple(keep_verbatim(meta.actions, item.text)),
        ),
    )


def is_decision(item: StoredItem) -> bool:
    """Worth telling a channel about: something was resolved, or someone took an action."""
    return bool(item.meta.resolutions or item.meta.actions)


def new_decisions(items: Iterable[StoredItem]) -> list[StoredItem]:
    """The verified items that hold a decision, in meeting and agenda order."""
    kept = [v for v in (verified(i) for i in items) if is_decision(v)]
    return sorted(kept, key=lambda i: (meeting_key(i.meta), _agenda_order(i.meta)))


def item_group(item: StoredItem, n: int, lead: list[Any] | None = None) -> Group:
    """The blocks for one item: ``lead`` (if any) and its heading with the link, its
    resolutions, then its actions. ``n`` numbers the link button within a message."""
    meta = item.meta
    first: Unit = [*(lead or []), *_where(meta, f"open_source_{n}")]
    units = _quotes("resolved", [text("resolution", r=r) for r in meta.resolutions])
    units += _quotes("actions", [text("action", a=a) for a in meta.actions])
    units = units or [[]]
    units[-1] = [*units[-1], kit.divider()]
    return [first + units[0], *units[1:]]


@dataclass
class Meeting:
    """The new decisions of one meeting (item pages of one meeting are separate documents:
    body and date say they are one meeting, as in :meth:`index.store.MinutesStore.stats`)."""

    body: str | None
    date: date | None
    title: str | None
    items: list[StoredItem] = field(default_factory=list)

    @property
    def resolutions(self) -> int:
        return sum(len(i.meta.resolutions) for i in self.items)

    @property
    def actions(self) -> int:
        return sum(len(i.meta.actions) for i in self.items)

    @property
    def quotes(self) -> int:
        return self.resolutions + self.actions


def by_meeting(decisions: Iterable[StoredItem]) -> list[Meeting]:
    """Decisions (already in meeting order) grouped into their meetings."""
    meetings: dict[tuple[str, ...], Meeting] = {}
    for item in decisions:
        meta = item.meta
        meeting = meetings.setdefault(
            meeting_key(meta), Meeting(meta.body, meta.date, meta.meeting_title)
        )
        meeting.items.append(item)
    return list(meetings.values())


def _where(meta: ItemMeta, action_id: str) -> Unit:
    """The item's heading with a button to its minutes, or the source as text if not on the web."""
    return kit.linked_heading(
        TEMPLATES, text("item", item=meta), meta.link, meta.link or meta.source_path, action_id
    )


def _quotes(kind: str, lines: list[str]) -> list[Unit]:
    return kit.quote_units(TEMPLATES, kind, lines)


def meeting_key(meta: ItemMeta) -> tuple[str, str, str]:
    """Which meeting an item is from, sortable by date: body and date when both are known,
    else its source document."""
    day = meta.date.isoformat() if meta.date else ""
    return (day, meta.body or "", "" if meta.body and meta.date else meta.doc_id)


def _agenda_order(meta: ItemMeta) -> tuple[Any, ...]:
    """Items in agenda order: "2" before "10", "4a" after "4", then their place in the file."""
    number = meta.number or ""
    parts = tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", number)
    )
    return (not number, parts, meta.index)
