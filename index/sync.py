"""Keep the index in step with a council's site: ``sync_site`` walks it and stores what changed.

One sync: committees → each committee's meetings in the date window → each meeting's published
minutes → :func:`index.sites.meeting.to_meeting` → :meth:`index.indexer.Indexer.index_meeting`.
What makes it incremental and faithful:

- **Only what changed is downloaded**: pages are fetched conditionally (ETag/Last-Modified kept
  in the ledger's HTTP cache); sites without validators are compared by content hash; and
  approved minutes of meetings older than ``sync_recheck_days`` are not fetched again at all
  (corrections come in the first months; ``full=True`` re-checks everything).
- **Only what changed is indexed**: stored IDs come from content, so an unchanged meeting writes
  nothing and loads no model; corrected minutes replace the old text; an item gone from a
  meeting, and a meeting gone from a committee's listing in the window walked, leave the index.
- **A site glitch never empties the index**: removals wait until the walk is over; a listing
  that drops every meeting of a committee (or the committee itself), or removals that would
  take more than half of the site's items at once, are held back as a site fault
  (:attr:`SyncReport.withheld`) unless ``allow_removals=True`` (``--allow-removals``).
- **Draft minutes are marked** (``minutes_status``) and re-checked every run until approved.
- **Crash-safe**: a meeting's ledger row is written after its index write, so an interrupted
  sync re-run redoes exactly the meetings it had not finished and ends with the index a clean
  run gives.
- **One failure is one line**: a meeting whose page errors, times out, redirects or is not the
  XML it should be is listed in :attr:`SyncReport.failed` as ``(url, reason)``, keeps what the
  index already had of it, and the rest of the site still syncs.

The :class:`SyncReport` is the contract with the Slack side (digests, App Home): keep its
fields. Item IDs in it are stored item IDs (``MinutesStore.get_items``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rich.progress import Progress, TaskID
from sqlalchemy.exc import SQLAlchemyError

from index.database import database_errors
from index.embeddings import Embedder
from index.indexer import Indexer, IndexSummary, open_indexer
from index.ledger import Ledger, SeenMeeting, SiteBusyError, holder_name
from index.models import MinutesStatus
from index.settings import IndexSettings
from index.sites.council import clean_council, council_from_host
from index.sites.errors import NoSuchCommitteeError, SiteError
from index.sites.http import PoliteClient
from index.sites.meeting import to_meeting
from index.sites.models import Committee, MeetingStub
from index.sites.moderngov import ModernGovScraper
from index.store import MinutesStore, utc_now

log = logging.getLogger(__name__)

DEFAULT_WINDOW_DAYS = 365
"""Without ``--since``, a sync walks the last year of meetings."""
MAX_REMOVED_SHARE = 0.5
"""Removing more than this share of a site's indexed items in one run is taken for a site fault
(an empty listing, a glitching web service), never for the council deleting half its minutes."""


@dataclass
class SyncReport:
    """What one sync of one site did. Item IDs are stored item IDs: ``new`` items appeared
    upstream, ``changed`` ones were corrected or changed status (draft → approved: the ID is
    the new one), ``removed`` ones (old IDs) are no longer in the index."""

    site: str
    started_at: str
    finished_at: str = ""
    new_item_ids: list[str] = field(default_factory=list)
    changed_item_ids: list[str] = field(default_factory=list)
    removed_item_ids: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    mode: str = ""
    committees: int = 0
    meetings_new: int = 0
    meetings_changed: int = 0
    meetings_unchanged: int = 0
    meetings_removed: int = 0
    meetings_settled: int = 0
    """Approved minutes older than the re-check window: not fetched again."""
    meetings_without_minutes: int = 0
    requests: int = 0
    not_modified: int = 0
    notes: list[str] = field(default_factory=list)
    """Lines about the site as a whole (web service off, moved to https)."""
    warnings: list[str] = field(default_factory=list)
    """Lines about one meeting that did not fail it (minutes status unknown)."""
    aborted: str | None = None
    """Why the site could not be synced at all (committees unreadable, robots.txt, busy)."""
    unannounced_item_ids: list[str] = field(default_factory=list)
    """With ``announce=True``: every item indexed from the site and not yet announced, this
    run's new items and any an earlier, interrupted run left (see :meth:`to_announce`)."""
    withheld: list[str] = field(default_factory=list)
    """Removals held back as a site fault (a committee's whole listing gone, or too large a
    share of the site at once), one line each: nothing of them left the index."""

    @property
    def meetings_read(self) -> int:
        """Meetings whose pages were read successfully this run, or were known settled."""
        return (
            self.meetings_new
            + self.meetings_changed
            + self.meetings_unchanged
            + self.meetings_without_minutes
            + self.meetings_settled
        )

    def to_announce(self) -> SyncReport:
        """This report with ``new_item_ids`` = what is to be announced: the Slack hook's view.
        Call :func:`mark_announced` once it has posted them."""
        return replace(self, new_item_ids=list(self.unannounced_item_ids))

    @property
    def counts(self) -> dict[str, int]:
        return {
            "committees": self.committees,
            "meetings_new": self.meetings_new,
            "meetings_changed": self.meetings_changed,
            "meetings_unchanged": self.meetings_unchanged,
            "meetings_removed": self.meetings_removed,
            "removals_withheld": len(self.withheld),
            "meetings_settled": self.meetings_settled,
            "meetings_without_minutes": self.meetings_without_minutes,
            "meetings_failed": len(self.failed),
            "items_new": len(self.new_item_ids),
            "items_changed": len(self.changed_item_ids),
            "items_removed": len(self.removed_item_ids),
            "requests": self.requests,
            "not_modified": self.not_modified,
        }


MeetingCallback = Callable[[MeetingStub], None]


def sync_site(
    site_url: str,
    settings: IndexSettings,
    *,
    committees: Sequence[str] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    full: bool = False,
    progress: bool = False,
    today: dt.date | None = None,
    client: PoliteClient | None = None,
    store: MinutesStore | None = None,
    embedder: Embedder | None = None,
    on_meeting: MeetingCallback | None = None,
    allow_removals: bool = False,
    announce: bool = False,
    council: str | None = None,
) -> SyncReport:
    """Sync one modern.gov site into the index; see the module docstring for the rules.

    ``committees`` names or IDs limit the walk (and what can be removed) to those committees;
    meetings held from ``since`` (default: a year before ``today``) to ``until`` (default:
    today) are walked. Removals that look like a site fault are held back (``withheld``)
    unless ``allow_removals``. With ``announce`` (``--notify``), new items are kept in the
    ledger until :func:`mark_announced` and listed in ``unannounced_item_ids``. ``council``
    (``--council``) names the site's council; by default it is read from the site
    (:mod:`index.sites.council`) and every body is stored named with it. A site that
    cannot be read at all comes back with ``aborted`` set;
    :class:`~index.errors.IndexWriteError` (disk full, Chroma down) is raised.
    :class:`~index.sites.errors.NoSuchCommitteeError` is raised for an unknown ``committees``.
    """
    today = today or dt.date.today()
    until = until or today
    since = since or today - dt.timedelta(days=DEFAULT_WINDOW_DAYS)
    # The ledger and the HTTP cache live in the database: its failure stops the sync in one
    # line (what was indexed and recorded is kept; a re-run carries on).
    with database_errors(settings.database):
        ledger = Ledger.for_settings(settings)
        owns_client = client is None
        client = client or PoliteClient(
            contact=settings.sync_contact,
            delay=settings.sync_delay,
            timeout=settings.sync_timeout,
            retries=settings.sync_retries,
            backoff=settings.sync_backoff,
            max_retry_after=settings.sync_max_retry_after,
            cache=ledger,
        )
        scraper = ModernGovScraper(site_url, client)
        report = SyncReport(site=scraper.site_url, started_at=utc_now())
        try:
            run = _Run(scraper, ledger, settings, report, since, until, today, full, on_meeting)
            run.indexer_args = (store, embedder)
            run.allow_removals = allow_removals
            run.announce = announce
            run.given_council = clean_council(council or "") or None
            run.walk(committees, progress)
            if announce and not report.aborted:
                report.unannounced_item_ids = ledger.unannounced(report.site)
        finally:
            report.requests = client.stats.requests
            report.not_modified = client.stats.not_modified
            report.finished_at = utc_now()
            if owns_client:
                client.close()
        return report


class _Run:
    """The state of one sync while it walks the site."""

    def __init__(
        self,
        scraper: ModernGovScraper,
        ledger: Ledger,
        settings: IndexSettings,
        report: SyncReport,
        since: dt.date,
        until: dt.date,
        today: dt.date,
        full: bool,
        on_meeting: MeetingCallback | None,
    ) -> None:
        self.scraper = scraper
        self.ledger = ledger
        self.settings = settings
        self.report = report
        self.since, self.until, self.today = since, until, today
        self.full = full
        self.on_meeting = on_meeting
        self.holder = holder_name()
        self.summary = IndexSummary()
        self.indexer_args: tuple[MinutesStore | None, Embedder | None] = (None, None)
        self._indexer: Indexer | None = None
        self.site = scraper.site_url
        self.seen: dict[str, SeenMeeting] = {}
        self.listed = 0
        self.allow_removals = False
        self.announce = False
        self.removals: list[_Removal] = []
        """Whole meetings leaving the index, applied once the walk is over (see ``_settle``)."""
        self.faulty: dict[str, str] = {}
        """Committee ID → why its listing is taken for a site fault (every meeting dropped)."""
        self.given_council: str | None = None
        self._council: tuple[str | None] | None = None

    @property
    def council(self) -> str | None:
        """The site's council, settled at the first meeting indexed so that every meeting of
        the run names the same one: as given, else as an earlier sync kept it (the ledger),
        else as the pages read so far name it, else as the host does."""
        if self._council is None:
            kept = self.ledger.council(self.site)
            found = (
                self.given_council or kept or self.scraper.council or council_from_host(self.site)
            )
            if found and found != kept:
                self.ledger.set_council(self.site, found)
            self._council = (found,)
        return self._council[0]

    @property
    def indexer(self) -> Indexer:
        """Opened on first use: the store only when needed, the model only when embedding."""
        if self._indexer is None:
            store, embedder = self.indexer_args
            self._indexer = open_indexer(self.settings, store=store, embedder=embedder)
        return self._indexer

    # -- the walk -----------------------------------------------------------------------------

    def walk(self, names: Sequence[str], progress: bool) -> None:
        report = self.report
        try:
            listed = self.scraper.committees()
        except SiteError as exc:
            report.aborted = f"{exc.url}: {exc.reason}"
            return
        self.site = report.site = self.scraper.site_url
        report.mode = self.scraper.mode
        report.notes.extend(self.scraper.notes)
        chosen = choose_committees(listed, names)
        report.committees = len(chosen)
        try:
            self.ledger.claim(self.site, self.scraper.kind, self.holder, _now())
        except SiteBusyError as exc:
            report.aborted = str(exc)
            return
        finished = False
        try:
            self.seen = self.ledger.meetings(self.site)
            with Progress(transient=False, disable=not progress) as bar:
                task = bar.add_task(f"Syncing {self.site}", total=0)
                for committee in chosen:
                    self._committee(committee, bar, task)
                if not names:
                    self._remove_gone_committees(listed)
                self._settle()
                bar.update(task, description=f"Synced {self.site}")
            finished = True
        finally:
            self.ledger.release(
                self.site,
                self.holder,
                finished_at=utc_now() if finished else None,
                mode=report.mode,
            )

    def _committee(self, committee: Committee, bar: Progress, task: TaskID) -> None:
        try:
            stubs = self.scraper.meetings(committee, self.since, self.until)
        except SiteError as exc:
            # Nothing is removed for a committee whose listing failed: absence proves nothing.
            self.report.failed.append((exc.url, exc.reason))
            return
        except SQLAlchemyError:
            raise  # the database, not the site: the whole sync stops (sync_site says so)
        except Exception as exc:  # a parser bug: this committee fails, the rest still syncs
            log.exception("listing committee %s of %s failed", committee.id, self.site)
            self.report.failed.append((self.site, f"committee {committee.id}: {exc!r}"))
            return
        self.listed += len(stubs)
        bar.update(task, total=self.listed)
        for stub in stubs:
            bar.update(task, description=f"{committee.title[:40]} {stub.date or ''}")
            bar.refresh()
            if self.on_meeting:
                self.on_meeting(stub)
            self._meeting(stub)
            self.ledger.renew(self.site, self.holder, _now())
            bar.advance(task)
        listed = {stub.id for stub in stubs}
        before = [
            p for p in self.seen.values() if p.committee == committee.id and self._in_window(p)
        ]
        gone = [p for p in before if p.meeting not in listed]
        indexed = [p for p in before if p.indexed]
        if len(indexed) >= 2 and all(p.meeting not in listed for p in indexed):
            self.faulty[committee.id] = (
                f"committee {committee.title} ({committee.id}): the site lists none of the "
                f"{len(indexed)} meetings indexed from it"
            )
        self.removals.extend(_Removal(p, committee.id, None) for p in gone)

    def _meeting(self, stub: MeetingStub) -> None:
        report = self.report
        prior = self.seen.get(stub.id)
        if not self.full and self._settled(prior):
            report.meetings_settled += 1
            return
        try:
            fetched = self.scraper.meeting(stub)
            meeting = (
                to_meeting(self.site, fetched, self.scraper.kind, council=self.council)
                if fetched.published
                else None
            )
        except SiteError as exc:
            report.failed.append((exc.url, exc.reason))  # the index keeps what it had
            return
        except SQLAlchemyError:
            raise
        except Exception as exc:  # a parser bug must not sink the site; the reason says so
            log.exception("reading meeting %s of %s failed", stub.id, self.site)
            report.failed.append((self.scraper.documents_url(stub), f"parser error: {exc!r}"))
            return
        report.warnings.extend(fetched.warnings)
        record = SeenMeeting(
            site=self.site,
            meeting=stub.id,
            committee=stub.committee.id,
            committee_title=stub.committee.title,
            held_on=stub.date,
            status=fetched.minutes_status,
            source_path=fetched.documents_url,
            urls=fetched.urls,
            synced_at=utc_now(),
        )
        if prior is not None and prior.indexed and prior.source_path != record.source_path:
            self.indexer.remove_document(prior.source_path, self.summary)
        if meeting is None or not meeting.items:
            if prior is not None and prior.indexed:  # minutes withdrawn upstream
                self.removals.append(_Removal(prior, stub.committee.id, record))
                return
            report.meetings_without_minutes += 1
            self.ledger.record(record)
            self.seen[stub.id] = record
            return
        outcome = self.indexer.index_meeting(meeting, self.summary)
        record.indexed = True
        record.items = {
            str(item.source_id): item_id
            for item, item_id in zip(meeting.items, outcome.item_ids, strict=True)
        }
        before = prior.items if prior is not None and prior.indexed else {}
        new = [iid for sid, iid in record.items.items() if sid not in before]
        changed = [iid for sid, iid in record.items.items() if sid in before and before[sid] != iid]
        gone = [iid for sid, iid in before.items() if sid not in record.items]
        report.new_item_ids.extend(new)
        report.changed_item_ids.extend(changed)
        report.removed_item_ids.extend(gone)
        if not before:
            report.meetings_new += 1
        elif new or changed or gone:
            report.meetings_changed += 1
        else:
            report.meetings_unchanged += 1
        fresh = [sid for sid in record.items if sid not in before] if self.announce else []
        self.ledger.record(record, announce=fresh)
        self.seen[stub.id] = record

    def _settled(self, prior: SeenMeeting | None) -> bool:
        """Approved minutes of a meeting older than the re-check window, all still stored."""
        if prior is None or not prior.indexed or prior.status != MinutesStatus.APPROVED:
            return False
        window = dt.timedelta(days=self.settings.sync_recheck_days)
        if prior.held_on is None or prior.held_on >= self.today - window:
            return False
        _, missing = self.indexer.store.missing_ids([], list(prior.items.values()))
        return not missing

    def _remove(self, removal: _Removal) -> None:
        """A meeting no longer listed upstream (or whose minutes were withdrawn) leaves the
        index; the ledger forgets it, or keeps it as seen without minutes."""
        prior = removal.prior
        if prior.indexed:
            self.report.removed_item_ids.extend(
                self.indexer.remove_document(prior.source_path, self.summary)
            )
            self.report.meetings_removed += 1
        if removal.record is not None:
            self.ledger.record(removal.record)
            self.seen[prior.meeting] = removal.record
        else:
            self.ledger.forget(self.site, prior.meeting, prior.urls)
            self.seen.pop(prior.meeting, None)

    def _remove_gone_committees(self, listed: Sequence[Committee]) -> None:
        """Meetings (in the window) of committees the site no longer lists, or lists deleted.
        A committee that vanished from the list with its indexed meetings is a site fault
        (``GetCommittees`` answering none is a glitch, not a council abolishing its boards);
        one the site marks deleted says so itself."""
        alive = {c.id for c in listed if not c.deleted}
        deleted = {c.id for c in listed if c.deleted}
        vanished: dict[str, list[SeenMeeting]] = {}
        for prior in list(self.seen.values()):
            if prior.committee not in alive and self._in_window(prior):
                self.removals.append(_Removal(prior, prior.committee, None))
                if prior.committee not in deleted and prior.indexed:
                    vanished.setdefault(prior.committee, []).append(prior)
        for committee, gone in vanished.items():
            title = gone[0].committee_title or committee
            self.faulty[committee] = (
                f"committee {title} ({committee}): the site no longer lists it, nor the "
                f"{len(gone)} meeting{'s' if len(gone) != 1 else ''} indexed from it"
            )

    def _settle(self) -> None:
        """Apply the walk's removals, unless they look like a site fault: every meeting of a
        committee dropped at once, or more than ``MAX_REMOVED_SHARE`` of the site's items.
        Held-back removals touch neither the index nor the ledger, so the next run decides
        again; ``allow_removals`` (the operator confirming) applies them all."""
        removals, self.removals = self.removals, []
        if not removals:
            return
        if not self.allow_removals:
            indexed = sum(len(p.items) for p in self.seen.values() if p.indexed)
            leaving = sum(len(r.prior.items) for r in removals if r.prior.indexed)
            hint = "nothing removed; if they really left the site, re-run with --allow-removals"
            if len(removals) > 1 and leaving > indexed * MAX_REMOVED_SHARE:
                meetings = sum(1 for r in removals if r.prior.indexed)
                self.report.withheld.append(
                    f"the site's listings drop {meetings} meetings, {leaving} of the {indexed} "
                    f"items indexed from it, at once: {hint}"
                )
                self.report.withheld.extend(f"{why}: {hint}" for why in self.faulty.values())
                return
            self.report.withheld.extend(f"{why}: {hint}" for why in self.faulty.values())
            removals = [r for r in removals if r.committee not in self.faulty]
        for removal in removals:
            self._remove(removal)

    def _in_window(self, prior: SeenMeeting) -> bool:
        """Only meetings in the walked window can be known gone: the rest were not listed."""
        return prior.held_on is not None and self.since <= prior.held_on <= self.until


def mark_announced(settings: IndexSettings, report: SyncReport) -> None:
    """The hook posted ``report.unannounced_item_ids``: the next run will not post them again."""
    with database_errors(settings.database):
        Ledger.for_settings(settings).announced(report.site, report.unannounced_item_ids)


@dataclass
class _Removal:
    """A whole meeting leaving the index: gone from its committee's listing (``record`` None:
    the ledger forgets it) or its minutes withdrawn (``record``: seen without minutes)."""

    prior: SeenMeeting
    committee: str
    record: SeenMeeting | None


def choose_committees(listed: Sequence[Committee], names: Sequence[str]) -> list[Committee]:
    """The committees to walk: every current one (not expired or deleted) when none is named;
    else each named one, by ID, by exact title (any case), or as the only title containing it."""
    if not names:
        return [c for c in listed if not c.expired and not c.deleted]
    chosen: dict[str, Committee] = {}
    for name in names:
        wanted = name.strip().casefold()
        matches = [c for c in listed if c.id == name.strip() or c.title.casefold() == wanted]
        if not matches:
            matches = [c for c in listed if wanted and wanted in c.title.casefold()]
        if len(matches) != 1:
            sample = ", ".join(f"{c.title} ({c.id})" for c in (matches or listed)[:8])
            why = "matches several committees" if matches else "matches no committee"
            raise NoSuchCommitteeError(f"--committee {name!r} {why}: {sample}")
        chosen[matches[0].id] = matches[0]
    return list(chosen.values())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
