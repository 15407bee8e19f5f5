"""The App Home tab: what is indexed (bodies, meetings, dates) and, for each modern.gov site
that ``minutes-bot sync`` keeps current, when it was last synced and what it holds.

The sync record comes from the sync ledger (``index.ledger.last_syncs``), which every process
sharing the index reads from the same database, so the bot shows syncs run by a scheduled job
in another container.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.settings import Settings
from bot.slack.render import kit
from bot.slack.render.limits import MAX_SECTION_TEXT, split, validate
from index.ledger import SiteSync, last_syncs
from index.store import IndexStats
from prompts import render

log = logging.getLogger(__name__)


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


def site_syncs(settings: Settings) -> list[SiteSync]:
    """Each synced site's last sync; none if the record cannot be read (the home tab then
    shows the index alone rather than failing)."""
    try:
        return last_syncs(settings)
    except Exception:
        log.exception("could not read the sync record; the home tab shows the index alone")
        return []


def _when(stamp: str | None) -> datetime | None:
    """An ISO timestamp as a UTC datetime for display; None if it is not one."""
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def _text(name: str, **context: Any) -> str:
    return render(f"slack/home/{name}.txt.j2", **context).strip()
