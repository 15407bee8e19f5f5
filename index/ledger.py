"""The sync ledger: what each site sync has seen, in the shared SQL database (index.database).

Every process using the same index reads and writes the same ledger (SQLite in the data folder,
or ``MINUTES_BOT_DATABASE_URL``), so a cron sync, a second replica and the bot's App Home agree:

- ``sync_sites``: one row per site: how it was last read, when the last sync started and
  finished, and who holds it now (a lease, so two syncs of one site do not interleave);
- ``sync_meetings``: one row per meeting seen: its committee and date, the minutes' status,
  whether it is in the index and which stored item each of its agenda items became. A row is
  written only *after* the meeting's index write, so an interrupted sync leaves the previous
  row and the re-run redoes the meeting;
- ``sync_unannounced``: agenda items indexed by a ``--notify`` sync and not yet posted to
  Slack, written in the same transaction as their meeting's row and deleted once posted, so
  a sync killed between its index write and its digest has the next run post them, once;
- ``sync_site_councils``: the council each site's bodies are named with, kept from the first
  sync that knew it so that every later run names them the same way (``--council`` replaces it);
- ``sync_http_cache``: each page's validators (ETag, Last-Modified), content hash and body
  (compressed), for conditional requests; a 304 answers with the body kept here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Boolean, Integer, LargeBinary, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from index.database import Base, session_factory
from index.settings import IndexSettings
from index.sites.http import CachedResponse

LEASE = dt.timedelta(minutes=30)
"""How long a sync holds its site without renewing (it renews after every meeting). A sync
that was killed lets go when this runs out, or at once for a process on this host that is gone."""


class SiteRow(Base):
    __tablename__ = "sync_sites"

    site: Mapped[str] = mapped_column(String(500), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), default="")
    mode: Mapped[str | None] = mapped_column(String(40), default=None)
    started_at: Mapped[str | None] = mapped_column(String(40), default=None)
    finished_at: Mapped[str | None] = mapped_column(String(40), default=None)
    holder: Mapped[str | None] = mapped_column(String(200), default=None)
    held_until: Mapped[str | None] = mapped_column(String(40), default=None)


class SiteCouncilRow(Base):
    """A table of its own, not a column of ``sync_sites``: a new table needs no migration."""

    __tablename__ = "sync_site_councils"

    site: Mapped[str] = mapped_column(String(500), primary_key=True)
    council: Mapped[str] = mapped_column(String(200))


class MeetingRow(Base):
    __tablename__ = "sync_meetings"

    site: Mapped[str] = mapped_column(String(500), primary_key=True)
    meeting: Mapped[str] = mapped_column(String(100), primary_key=True)
    committee: Mapped[str] = mapped_column(String(100), index=True)
    committee_title: Mapped[str] = mapped_column(String(500), default="")
    held_on: Mapped[str | None] = mapped_column(String(10), default=None)
    status: Mapped[str | None] = mapped_column(String(20), default=None)
    source_path: Mapped[str] = mapped_column(String(2000), default="")
    indexed: Mapped[bool] = mapped_column(Boolean, default=False)
    items_json: Mapped[str] = mapped_column(Text, default="{}")
    urls_json: Mapped[str] = mapped_column(Text, default="[]")
    synced_at: Mapped[str] = mapped_column(String(40), default="")


class UnannouncedRow(Base):
    """An agenda item indexed but not yet announced; its stored ID is looked up in its
    meeting's row when announcing, so a correction before the post announces the new text."""

    __tablename__ = "sync_unannounced"

    site: Mapped[str] = mapped_column(String(500), primary_key=True)
    meeting: Mapped[str] = mapped_column(String(100), primary_key=True)
    source_item: Mapped[str] = mapped_column(String(100), primary_key=True)


class CacheRow(Base):
    __tablename__ = "sync_http_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(500), default=None)
    last_modified: Mapped[str | None] = mapped_column(String(100), default=None)
    sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer, default=0)
    fetched_at: Mapped[str] = mapped_column(String(40), default="")


@dataclass
class SeenMeeting:
    """A meeting as the ledger last recorded it. ``items`` maps the site's agenda item ID to
    the stored item ID; ``indexed`` is False for a meeting seen without minutes."""

    site: str
    meeting: str
    committee: str
    committee_title: str = ""
    held_on: dt.date | None = None
    status: str | None = None
    source_path: str = ""
    indexed: bool = False
    items: dict[str, str] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)
    synced_at: str = ""


@dataclass(frozen=True)
class SiteSync:
    """A site's last sync, for App Home: when it finished and what the index holds from it."""

    site: str
    finished_at: str | None
    meetings: int
    items: int
    mode: str | None = None


class SiteBusyError(Exception):
    """Another process is syncing the same site (its lease has not run out)."""


class Ledger:
    """The ledger in the database at ``url`` (``IndexSettings.database``)."""

    def __init__(self, url: str) -> None:
        self.Session: sessionmaker[Session] = session_factory(url)

    @classmethod
    def for_settings(cls, settings: IndexSettings) -> Ledger:
        return cls(settings.database)

    # -- sites ----------------------------------------------------------------------------------

    def claim(self, site: str, kind: str, holder: str, now: dt.datetime) -> None:
        """Hold ``site`` for this sync, or raise :class:`SiteBusyError` naming who holds it."""
        with self.Session.begin() as session:
            row = session.get(SiteRow, site, with_for_update=True)
            if row is None:
                row = SiteRow(site=site, kind=kind)
                session.add(row)
            elif row.holder and row.holder != holder and _held(row, now):
                raise SiteBusyError(
                    f"{site} is being synced by {row.holder} (since {row.started_at}); "
                    "try again when it has finished"
                )
            row.kind = kind
            row.holder = holder
            row.held_until = (now + LEASE).isoformat(timespec="seconds")
            row.started_at = now.isoformat(timespec="seconds")

    def renew(self, site: str, holder: str, now: dt.datetime) -> None:
        with self.Session.begin() as session:
            row = session.get(SiteRow, site)
            if row is not None and row.holder == holder:
                row.held_until = (now + LEASE).isoformat(timespec="seconds")

    def release(self, site: str, holder: str, *, finished_at: str | None, mode: str | None) -> None:
        """Let go of the site; ``finished_at`` is recorded when the sync ran to its end."""
        with self.Session.begin() as session:
            row = session.get(SiteRow, site)
            if row is None or row.holder not in (holder, None):
                return
            row.holder = None
            row.held_until = None
            if finished_at is not None:
                row.finished_at = finished_at
                row.mode = mode

    def council(self, site: str) -> str | None:
        """The council ``site``'s bodies were named with by earlier syncs, if any."""
        with self.Session() as session:
            row = session.get(SiteCouncilRow, site)
            return row.council if row is not None else None

    def set_council(self, site: str, council: str) -> None:
        with self.Session.begin() as session:
            row = session.get(SiteCouncilRow, site, with_for_update=True)
            if row is None:
                session.add(SiteCouncilRow(site=site, council=council))
            else:
                row.council = council

    # -- meetings -------------------------------------------------------------------------------

    def meetings(self, site: str) -> dict[str, SeenMeeting]:
        with self.Session() as session:
            rows = session.scalars(select(MeetingRow).where(MeetingRow.site == site)).all()
            return {row.meeting: _seen(row) for row in rows}

    def record(self, seen: SeenMeeting, announce: Iterable[str] = ()) -> None:
        """Write the meeting's row; ``announce``: its agenda item IDs (the site's) that are to
        be announced, kept until :meth:`announced` (in the same transaction as the row)."""
        with self.Session.begin() as session:
            for source_item in announce:
                session.merge(
                    UnannouncedRow(site=seen.site, meeting=seen.meeting, source_item=source_item)
                )
            row = session.get(MeetingRow, (seen.site, seen.meeting))
            if row is None:
                row = MeetingRow(site=seen.site, meeting=seen.meeting)
                session.add(row)
            row.committee = seen.committee
            row.committee_title = seen.committee_title
            row.held_on = seen.held_on.isoformat() if seen.held_on else None
            row.status = seen.status
            row.source_path = seen.source_path
            row.indexed = seen.indexed
            row.items_json = json.dumps(seen.items, sort_keys=True)
            row.urls_json = json.dumps(seen.urls)
            row.synced_at = seen.synced_at

    def forget(self, site: str, meeting: str, urls: Iterable[str] = ()) -> None:
        """Drop a meeting that left the site, and the pages cached for it."""
        with self.Session.begin() as session:
            session.execute(
                delete(MeetingRow).where(MeetingRow.site == site, MeetingRow.meeting == meeting)
            )
            session.execute(
                delete(UnannouncedRow).where(
                    UnannouncedRow.site == site, UnannouncedRow.meeting == meeting
                )
            )
            keys = [_cache_key(url) for url in urls]
            if keys:
                session.execute(delete(CacheRow).where(CacheRow.key.in_(keys)))

    # -- announcing ----------------------------------------------------------------------------

    def unannounced(self, site: str) -> list[str]:
        """Stored IDs of the site's items indexed and not yet announced, oldest meeting first."""
        with self.Session() as session:
            return [iid for _row, iid in self._unannounced(session, site) if iid]

    def announced(self, site: str, item_ids: Iterable[str]) -> None:
        """``item_ids`` were posted: forget them (and items no longer in the index)."""
        done = set(item_ids)
        with self.Session.begin() as session:
            for row, iid in self._unannounced(session, site):
                if iid is None or iid in done:
                    session.delete(row)

    @staticmethod
    def _unannounced(session: Session, site: str) -> list[tuple[UnannouncedRow, str | None]]:
        rows = session.scalars(select(UnannouncedRow).where(UnannouncedRow.site == site)).all()
        meetings = {
            m.meeting: m
            for m in session.scalars(
                select(MeetingRow).where(
                    MeetingRow.site == site, MeetingRow.meeting.in_({r.meeting for r in rows})
                )
            ).all()
        }
        found: list[tuple[UnannouncedRow, str | None]] = []
        for row in rows:
            meeting = meetings.get(row.meeting)
            items = json.loads(meeting.items_json or "{}") if meeting and meeting.indexed else {}
            found.append((row, items.get(row.source_item)))
        held = {m: (meetings[m].held_on or "") if m in meetings else "" for m in meetings}
        found.sort(key=lambda pair: (held.get(pair[0].meeting, ""), pair[0].meeting))
        return found

    # -- the HTTP cache (a ResponseCache for index.sites.http.PoliteClient) ---------------------

    def lookup(self, url: str) -> CachedResponse | None:
        with self.Session() as session:
            row = session.get(CacheRow, _cache_key(url))
            if row is None:
                return None
            try:
                body = zlib.decompress(row.body)
            except zlib.error:
                return None  # a damaged entry is a miss: the page is fetched again
            return CachedResponse(row.etag, row.last_modified, row.sha256, body)

    def store(self, url: str, response: CachedResponse) -> None:
        with self.Session.begin() as session:
            key = _cache_key(url)
            row = session.get(CacheRow, key)
            if row is None:
                row = CacheRow(key=key, url=url)
                session.add(row)
            row.etag = response.etag
            row.last_modified = response.last_modified
            row.sha256 = response.sha256
            row.body = zlib.compress(response.content, 6)
            row.size = len(response.content)
            row.fetched_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    # -- for App Home ---------------------------------------------------------------------------

    def last_syncs(self) -> list[SiteSync]:
        with self.Session() as session:
            sites = session.scalars(select(SiteRow).order_by(SiteRow.site)).all()
            rows = session.scalars(select(MeetingRow).where(MeetingRow.indexed)).all()
            meetings: dict[str, int] = {}
            items: dict[str, int] = {}
            for row in rows:
                meetings[row.site] = meetings.get(row.site, 0) + 1
                items[row.site] = items.get(row.site, 0) + len(json.loads(row.items_json or "{}"))
            return [
                SiteSync(
                    site=site.site,
                    finished_at=site.finished_at,
                    meetings=meetings.get(site.site, 0),
                    items=items.get(site.site, 0),
                    mode=site.mode,
                )
                for site in sites
                if site.finished_at  # a first sync still running (or killed) has nothing to show
            ]


def last_syncs(settings: IndexSettings) -> list[SiteSync]:
    """Each site's last finished sync and what the index holds from it, by site URL; sites
    that have never finished a sync are left out."""
    return Ledger.for_settings(settings).last_syncs()


def holder_name() -> str:
    """Who holds a site's lease, in words an operator can act on: host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _held(row: SiteRow, now: dt.datetime) -> bool:
    """Is the lease on ``row`` still good: not run out, and its holder not known to be gone?"""
    if not row.holder or not row.held_until:
        return False
    return dt.datetime.fromisoformat(row.held_until) > now and _alive(row.holder)


def _alive(holder: str) -> bool:
    """False only when ``holder`` is a process on this host that no longer exists."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _seen(row: MeetingRow) -> SeenMeeting:
    return SeenMeeting(
        site=row.site,
        meeting=row.meeting,
        committee=row.committee,
        committee_title=row.committee_title,
        held_on=dt.date.fromisoformat(row.held_on) if row.held_on else None,
        status=row.status,
        source_path=row.source_path,
        indexed=row.indexed,
        items=json.loads(row.items_json or "{}"),
        urls=json.loads(row.urls_json or "[]"),
        synced_at=row.synced_at,
    )


def _cache_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()
