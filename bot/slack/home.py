"""The App Home tab: what is indexed (bodies, meetings, dates) and, for each modern.gov site
that ``minutes-bot sync`` keeps current, when it was last synced and what it holds.

The sync record comes from the sync ledger (``index.ledger.last_syncs``), which every process
sharing the index reads from the same database, so the bot shows syncs run by a scheduled job
in another container.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.settings import Settings
from bot.slack import kit
from bot.slack.limits import MAX_SECTION_TEXT, split, validate
from index.store import IndexStats
from prompts import render

log = logging.getLogger(__name__)


class SiteSync(Protocol):
    """What the home tab shows of a site's last sync (``index.ledger.SiteSync``)."""

    @property
    def site(self) -> str: ...

    @property
    def finished_at(self) -> str: ...

    @property
    def meetings(self) -> int: ...

    @property
    def items(self) -> int: ...


def home_view(stats: IndexStats, syncs: Sequence[SiteSync] = ()) -> View:
    blocks: list[Block] = [kit.header(_text("title"))]
    if stats.items:
        blocks.append(kit.section(_text("indexed", stats=stats)))
        if stats.bodies:
            blocks.append(kit.section(_text("bodies", bodies=stats.bodies)))
        blocks.append(kit.context(_text("last_indexed", stats=stats)))
    else:
        blocks.append(kit.section(_text("empty")))
    if syncs:
        sites = [{"sync": s, "finished": _when(s.finished_at)} for s in syncs]
        blocks += [
            kit.section(part) for part in split(_text("sites", sites=sites), MAX_SECTION_TEXT)
        ]
    blocks.append(kit.divider())
    blocks.append(kit.section(_text("how_to_ask")))
    return View(type="home", blocks=validate(blocks))


def site_syncs(settings: Settings) -> list[Any]:
    """Each synced site's last sync; none while the sync engine is not installed
    (``index.ledger`` arrives with ``minutes-bot sync``) or its record cannot be read."""
    try:
        ledger = importlib.import_module("index.ledger")
    except ModuleNotFoundError:
        return []
    try:
        return list(ledger.last_syncs(settings))
    except Exception:
        log.exception("could not read the sync record; the home tab shows the index alone")
        return []


def _when(stamp: str) -> datetime | None:
    """An ISO timestamp as a UTC datetime for display; None if it is not one."""
    try:
        when = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def _text(name: str, **context: Any) -> str:
    return render(f"slack/home/{name}.txt.j2", **context).strip()
