"""A stand-in for the sync engine (``index.sync`` / ``index.ledger``, built on another branch),
with the same contract: ``SyncReport`` and ``SiteSync`` as the engine defines them, and a "sync"
that indexes a folder of fictional minutes into a real store and reports the items it added.

Only the report is stood in: the items are really parsed, embedded and stored, and the Slack
side reads them back by ID as it will after a real sync.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.indexer import index_paths
from index.settings import IndexSettings
from index.store import MinutesStore, utc_now


@dataclass
class SyncReport:
    site: str
    started_at: str
    finished_at: str
    new_item_ids: list[str] = field(default_factory=list)
    changed_item_ids: list[str] = field(default_factory=list)
    removed_item_ids: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SiteSync:
    site: str
    finished_at: str
    meetings: int
    items: int


def stand_in_sync(
    site: str, folder: Path, settings: IndexSettings, store: MinutesStore
) -> SyncReport:
    """Index ``folder`` as a sync of ``site`` would, and report the items that are new."""
    started = utc_now()
    before = set(store.items.get(include=[])["ids"])
    summary = index_paths([folder], settings, store=store)
    assert not summary.skipped, [o.reason for o in summary.skipped]
    new = [i for i in store.items.get(include=[])["ids"] if i not in before]
    return SyncReport(site=site, started_at=started, finished_at=utc_now(), new_item_ids=new)


def write_item_page(
    folder: Path,
    name: str,
    *,
    title: str,
    discussion: str,
    resolutions: list[str],
    url: str,
    body: str,
    date: str,
) -> Path:
    """A modern.gov agenda-item page saved as text, with its sidecar (link, body, date)."""
    folder.mkdir(parents=True, exist_ok=True)
    resolved = "\n\n".join(f"{n})      {text}" for n, text in enumerate(resolutions, 1))
    page = folder / f"{name}.txt"
    page.write_text(
        f"Agenda item\n\n{title}\n\nMinutes:\n\n{discussion}\n\nRESOLVED:\n\n{resolved}\n\n"
        "Supporting documents:\n",
        encoding="utf-8",
    )
    sidecar = {"url": url, "body": body, "date": date}
    (folder / f"{name}.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return page
