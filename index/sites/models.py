"""What a site scraper reads: committees, the meetings they list, and one meeting's minutes.

These are the site's facts as published, before they become the pipeline's
:class:`~index.models.Meeting` (:mod:`index.sites.meeting` does that): values stripped and
decoded, minutes still as the HTML fragment the site gave.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Committee:
    """A committee (body) of the site; ``expired``/``deleted`` as the site flags them."""

    id: str
    title: str
    expired: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class MeetingStub:
    """A meeting as a committee's listing gives it: enough to decide whether to fetch it."""

    id: str
    committee: Committee
    date: dt.date | None
    time: str | None = None
    status: str | None = None
    """The listing's meeting status (``Confirmed``, ``Cancelled``…), not the minutes' status."""


@dataclass(frozen=True)
class SiteItem:
    """One agenda item's published minutes. ``minutes_html`` is the site's HTML fragment
    (Word export and all); ``decision_html`` the formal decision when the site prints one."""

    id: str
    title: str
    number: str | None
    url: str
    minutes_html: str
    decision_html: str = ""


@dataclass
class SiteMeeting:
    """One meeting with its minutes, as fetched. ``minutes_status`` is draft/approved/None
    (:class:`~index.models.MinutesStatus`); ``published`` is False when the site shows no
    minutes for it yet. ``urls`` are every page read for it, ``warnings`` what could not be
    read without failing the meeting (the documents page behind a CDN block, say)."""

    stub: MeetingStub
    documents_url: str
    items: list[SiteItem] = field(default_factory=list)
    published: bool = True
    minutes_status: str | None = None
    time: str | None = None
    venue: str | None = None
    printed_minutes_url: str | None = None
    printed_minutes_title: str | None = None
    urls: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
