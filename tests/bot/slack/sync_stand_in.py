"""A quick stand-in for a sync run: it indexes a folder of fictional minutes into a real store
and returns the engine's own ``SyncReport`` with the items it added, so the digest can be
tested without a fake site (``tests/index/test_sync*.py`` and the ``sync --notify`` test drive
the real engine end to end).

Only the report is stood in: the items are really parsed, embedded and stored, and the Slack
side reads them back by ID as it will after a real sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from index.indexer import index_paths
from index.settings import IndexSettings
from index.store import MinutesStore, utc_now
from index.sync import SyncReport


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
