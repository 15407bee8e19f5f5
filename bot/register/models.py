"""The register's records: one :class:`Entry` per action, however many meetings mention it.

Kept apart from the code that builds and reads them, so the builder (:mod:`.register`), the
questions (:mod:`.questions`) and every surface (terminal, CSV, JSON, Slack) share one shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final


class Status:
    """How an action stands: done, open with an update saying so, or never reported on."""

    OPEN: Final = "open"
    DONE: Final = "done"
    NO_UPDATE: Final = "no update"


@dataclass(frozen=True)
class Entry:
    """One action. ``what`` and ``quote`` are verbatim from the item at ``link``; ``update`` is
    verbatim from the item at ``update_link`` (the same item, or a later meeting's).

    ``owner`` is as the minutes wrote it (None: not stated); ``owner_key`` the group it belongs
    to (:mod:`.owners`), the same for "DPH" and "the Director of Public Health". ``due`` is the
    phrase resolved to a date (:mod:`.due`) when it can be; ``done_on`` the meeting at which the
    action was reported done.
    """

    what: str
    quote: str
    owner: str | None
    owner_key: str | None
    body: str | None
    meeting_date: dt.date | None
    item_title: str
    link: str
    source_path: str
    item_id: str
    due_phrase: str | None = None
    due: dt.date | None = None
    status: str = Status.NO_UPDATE
    update: str | None = None
    update_link: str | None = None
    update_date: dt.date | None = None
    done_on: dt.date | None = None
    seen_at: tuple[str, ...] = field(default_factory=tuple)
    """Links of every item that records this action (first the one that raised it)."""
    bodies: tuple[str, ...] = field(default_factory=tuple)
    """Every body whose minutes record it: a committee's recommendation adopted by the council
    is the council's action too."""

    @property
    def outstanding(self) -> bool:
        return self.status != Status.DONE

    def overdue(self, today: dt.date) -> bool:
        return self.outstanding and self.due is not None and self.due < today
