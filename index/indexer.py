"""Index minutes: read → parse → units → embed what is new → store → drop what is stale.

Idempotent and crash-safe by construction: IDs come from content, so a re-run finds what a
previous (possibly interrupted) run stored, embeds only what is missing, and deletes records of
the same document that the current content no longer produces. A bad file is reported with
its reason and the rest of the batch still indexes.

Two ways in: :func:`index_paths` for files and folders, and :meth:`Indexer.index_meeting` for a
meeting that is already parsed (a site sync builds them; :func:`open_indexer` gives the
indexer). :meth:`Indexer.remove_document` and :func:`prune_missing` take documents out again.

:func:`index_paths` parses a few files ahead and encodes their new texts in one call
(:class:`_Lookahead`): the encoder sorts a call by length before batching, and one call over
~1,000 texts from several files pads 1% of tokens where a call per file padded 12% (measured on
the synthetic corpus of ``bench/scale.py``), which is most of the gap between indexing and the
bare encoder. Each file is still stored on its own, in order, so crash safety is unchanged.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress

from index.chunking import DocumentRecords, build_records, doc_id_for, is_url
from index.embeddings import Embedder, Vector, shared_embedder
from index.errors import (
    ConfigError,
    DiskFullError,
    SourceError,
    StoreUnavailableError,
    is_disk_full,
)
from index.formats import parse_document
from index.models import Meeting
from index.settings import IndexSettings
from index.sources import MINUTES_SUFFIXES, SourceDocument, discover, read_source
from index.store import MinutesStore, open_store, utc_now

log = logging.getLogger(__name__)

STATUS_INDEXED = "indexed"
STATUS_UNCHANGED = "unchanged"
STATUS_SKIPPED = "skipped"
EMBED_SLICE_BATCHES = 4
"""Embed and store this many model batches at a time, reporting progress after each slice."""
LOOKAHEAD_TEXTS = 1024
"""New texts of the next files encoded together (a file with more is embedded on its own, in
slices, so its progress still shows)."""


@dataclass
class FileOutcome:
    path: str
    status: str
    reason: str | None = None
    items: int = 0
    resolutions: int = 0
    actions: int = 0
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)
    """The stored item IDs, in the meeting's item order (empty for a skipped file)."""


@dataclass
class IndexSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    units_added: int = 0
    units_deleted: int = 0
    missing: list[str] = field(default_factory=list)
    """Paths named on the command line that do not exist."""
    notes: list[str] = field(default_factory=list)
    """Warnings about the run rather than one file (a folder with no minutes in it)."""
    removed: list[str] = field(default_factory=list)
    """Documents taken out of the index (files deleted from a folder, with ``--prune``)."""

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def skipped(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == STATUS_SKIPPED]

    @property
    def in_index(self) -> int:
        """Files now in the index: newly indexed or already there unchanged."""
        return self.count(STATUS_INDEXED) + self.count(STATUS_UNCHANGED)

    def total(self, attribute: str) -> int:
        return sum(getattr(o, attribute) for o in self.outcomes)

    def encodings(self) -> Counter[str]:
        """How many text/HTML files were read with each encoding (PDFs have none)."""
        return Counter(o.encoding for o in self.outcomes if o.encoding)

    @property
    def warnings(self) -> list[str]:
        """Every warning once, in order: a manifest shared by a folder is named once, not per file."""
        lines = [*self.notes, *(w for o in self.outcomes for w in o.warnings)]
        return list(dict.fromkeys(lines))


ProgressCallback = Callable[[str], None]
UnitsCallback = Callable[[str, int, int], None]
"""``(path, done, total)``: embedding progress inside one file."""


class Indexer:
    def __init__(self, settings: IndexSettings, store: MinutesStore, embedder: Embedder) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.where = settings.index_location
        self._encoded: dict[str, Vector] = {}
        """Vectors encoded ahead (:meth:`encode_ahead`) for the files read ahead."""

    def parse(self, path: Path) -> tuple[SourceDocument, Meeting] | FileOutcome:
        """Read and parse one file; a bad file is a skipped outcome with its reason."""
        try:
            doc = read_source(path)
            return doc, parse_document(doc)
        except SourceError as exc:
            return FileOutcome(str(path), STATUS_SKIPPED, exc.reason)
        except Exception as exc:  # a parser bug must not sink the batch; the reason says so
            log.exception("parser failed on %s", path)
            return FileOutcome(str(path), STATUS_SKIPPED, f"parser error: {exc!r}")

    def index_file(
        self,
        path: Path,
        summary: IndexSummary,
        on_units: UnitsCallback | None = None,
        parsed: tuple[SourceDocument, Meeting] | FileOutcome | None = None,
    ) -> FileOutcome:
        """Index one file (``parsed`` if :meth:`parse` already read it); a bad file is an
        outcome, a full disk raises :class:`DiskFullError`."""
        parsed = parsed if parsed is not None else self.parse(path)
        if isinstance(parsed, FileOutcome):
            return parsed
        doc, meeting = parsed
        outcome = self.index_meeting(meeting, summary, on_units)
        outcome.encoding = doc.encoding
        outcome.warnings = list(doc.warnings)
        return outcome

    def index_meeting(
        self, meeting: Meeting, summary: IndexSummary, on_units: UnitsCallback | None = None
    ) -> FileOutcome:
        """Store a parsed meeting as the document ``meeting.source_path``: what is new is
        embedded, what that document no longer holds is deleted, the rest is left alone."""
        records = self._records(meeting)
        path = meeting.source_path
        report = (lambda done, total: on_units(path, done, total)) if on_units else None
        with _storage_errors(self.where):
            changed = self._store_records(records, summary, report)
        outcome = _outcome(meeting, STATUS_INDEXED if changed else STATUS_UNCHANGED)
        outcome.item_ids = [item.id for item in records.items]
        return outcome

    def new_texts(self, meeting: Meeting) -> list[str]:
        """What indexing ``meeting`` would embed: its units and item headers not yet stored."""
        records = self._records(meeting)
        with _storage_errors(self.where):
            missing_units, missing_items = self.store.missing_ids(
                [u.id for u in records.units], [i.id for i in records.items]
            )
        return [u.text for u in records.units if u.id in missing_units] + [
            i.header for i in records.items if i.id in missing_items
        ]

    def encode_ahead(self, texts: Sequence[str]) -> None:
        """Encode ``texts`` in one call now, for the files about to be indexed; replaces what
        was encoded ahead for the files before them (indexed by now)."""
        todo = list(dict.fromkeys(texts))
        self._encoded = dict(zip(todo, self.embedder.embed_documents(todo), strict=True))

    def _embed(self, texts: list[str]) -> list[Vector]:
        """Vectors for ``texts``: those encoded ahead, the rest encoded now."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._encoded))
        fresh = (
            dict(zip(missing, self.embedder.embed_documents(missing), strict=True))
            if missing
            else {}
        )
        return [fresh[t] if t in fresh else self._encoded[t] for t in texts]

    def _records(self, meeting: Meeting) -> DocumentRecords:
        return build_records(
            meeting,
            chunk_words=self.settings.chunk_words,
            overlap_words=self.settings.chunk_overlap_words,
        )

    def remove_document(self, source_path: str, summary: IndexSummary) -> list[str]:
        """Delete everything stored from ``source_path``; returns the item IDs it held."""
        doc_id = doc_id_for(source_path)
        with _storage_errors(self.where):
            stale_units, stale_items = self.store.stale_ids(doc_id, set())
            self.store.delete(stale_units, stale_items)  # bumps the generation: unit tables follow
        summary.units_deleted += len(stale_units)
        summary.removed.append(source_path)
        return stale_items

    def _store_records(
        self,
        records: DocumentRecords,
        summary: IndexSummary,
        report: Callable[[int, int], None] | None = None,
    ) -> bool:
        unit_ids = [u.id for u in records.units]
        item_ids = [i.id for i in records.items]
        missing_units, missing_items = self.store.missing_ids(unit_ids, item_ids)
        stale_units, stale_items = self.store.stale_ids(
            records.doc_id, set(unit_ids) | set(item_ids)
        )
        if not (missing_units or missing_items or stale_units or stale_items):
            return False
        new_units = [u for u in records.units if u.id in missing_units]
        new_items = [i for i in records.items if i.id in missing_items]
        total, done = len(new_units) + len(new_items), 0
        # In slices, so a file with thousands of chunks shows progress as it goes (and a crash
        # mid-file keeps what was stored: the re-run embeds only the rest).
        step = max(1, self.settings.embed_batch_size * EMBED_SLICE_BATCHES)
        for start in range(0, len(new_units), step):
            batch = new_units[start : start + step]
            self.store.add_units(batch, self._embed([u.text for u in batch]))
            done += len(batch)
            if report:
                report(done, total)
        vectors = self._embed([i.header for i in new_items])
        self.store.add_items(new_items, vectors, utc_now())
        if report and new_items:
            report(total, total)
        # Each write bumps the store's generation, so readers' unit tables rebuild from it.
        self.store.delete(stale_units, stale_items)
        summary.units_added += len(new_units)
        summary.units_deleted += len(stale_units)
        return True


@contextmanager
def _storage_errors(where: str) -> Iterator[None]:
    """Turn "the disk is full", however the storage layer words it, into :class:`DiskFullError`."""
    try:
        yield
    except Exception as exc:
        if is_disk_full(exc, where):
            raise DiskFullError(where) from exc
        raise


def _outcome(meeting: Meeting, status: str) -> FileOutcome:
    return FileOutcome(
        path=meeting.source_path,
        status=status,
        items=len(meeting.items),
        resolutions=sum(len(i.resolutions) for i in meeting.items),
        actions=sum(len(i.actions) for i in meeting.items),
    )


def _open_store(settings: IndexSettings) -> MinutesStore:
    """The store, or one line saying why not: a full disk or a Chroma server that is not there."""
    try:
        with _storage_errors(settings.index_location):
            return open_store(settings)
    except (ConfigError, DiskFullError):
        raise
    except Exception as exc:
        if settings.chroma_url:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreUnavailableError(settings.index_location, detail) from exc
        raise


def _files(paths: Sequence[Path], summary: IndexSummary) -> Iterator[Path]:
    """The files to index; named paths that do not exist, or hold no minutes, go on the summary."""
    for path in paths:
        if not path.exists():
            summary.missing.append(str(path))
            continue
        found = 0
        for file in discover([path]):
            found += 1
            yield file
        if not found:
            kinds = ", ".join(sorted(MINUTES_SUFFIXES))
            summary.notes.append(f"{path}: no minutes files found (looked for {kinds})")


class _Lookahead:
    """Parses files ahead of the one being indexed and encodes their new texts together."""

    def __init__(self, indexer: Indexer, files: Sequence[Path]) -> None:
        self.indexer = indexer
        self.files = files
        self.parsed: dict[int, tuple[SourceDocument, Meeting] | FileOutcome] = {}

    def take(self, index: int) -> tuple[SourceDocument, Meeting] | FileOutcome:
        if index not in self.parsed:
            self._read_ahead(index)
        return self.parsed.pop(index)

    def _read_ahead(self, first: int) -> None:
        texts: list[str] = []
        index = first
        while index < len(self.files) and len(texts) < LOOKAHEAD_TEXTS:
            parsed = self.parsed[index] = self.indexer.parse(self.files[index])
            if not isinstance(parsed, FileOutcome):
                new = self.indexer.new_texts(parsed[1])
                if len(new) > LOOKAHEAD_TEXTS:
                    break  # a big file embeds on its own, in slices that report progress
                texts += new
            index += 1
        if texts:
            self.indexer.encode_ahead(texts)


def open_indexer(
    settings: IndexSettings,
    *,
    store: MinutesStore | None = None,
    embedder: Embedder | None = None,
) -> Indexer:
    """An indexer on the configured store; the model loads only when something is embedded."""
    return Indexer(
        settings,
        store or _open_store(settings),
        embedder or shared_embedder(settings.model_path, settings.embed_batch_size),
    )


def prune_missing(
    paths: Sequence[Path],
    settings: IndexSettings,
    summary: IndexSummary,
    indexer: Indexer | None = None,
) -> None:
    """Take out of the index every file under ``paths`` that is no longer on disk.

    Only files under a named path that exists are considered: a folder that is missing (a lost
    mount) prunes nothing, and documents synced from a site (URLs) are never files.
    """
    roots = [path.resolve() for path in paths if path.exists()]
    if not roots:
        return
    indexer = indexer or open_indexer(settings)
    stored = sorted({meta.source_path for meta in indexer.store.all_item_meta()})
    for source_path in stored:
        if not source_path or is_url(source_path):
            continue
        path = Path(source_path)
        resolved = path.resolve()
        under = any(resolved == root or root in resolved.parents for root in roots)
        if under and not path.exists():
            indexer.remove_document(source_path, summary)


def index_paths(
    paths: Sequence[Path],
    settings: IndexSettings,
    *,
    progress: bool = False,
    on_file: ProgressCallback | None = None,
    on_units: UnitsCallback | None = None,
    store: MinutesStore | None = None,
    embedder: Embedder | None = None,
    prune: bool = False,
) -> IndexSummary:
    """Index every minutes file under ``paths``; ``progress`` shows a bar on the terminal.

    Bad files and bad sidecars end up in the summary; a full disk or an unreachable Chroma
    server raises an :class:`~index.errors.IndexWriteError` (what was stored is kept).
    ``prune`` also removes files that were indexed from under ``paths`` and are gone now.
    """
    summary = IndexSummary()
    files = list(_files(paths, summary))
    if not files:
        if prune:
            prune_missing(
                paths, settings, summary, open_indexer(settings, store=store, embedder=embedder)
            )
        return summary
    indexer = open_indexer(settings, store=store, embedder=embedder)
    with Progress(transient=False, disable=not progress) as bar:
        task = bar.add_task("Indexing", total=len(files))
        chunks = bar.add_task("", total=None, visible=False)

        def units_done(path: str, done: int, total: int) -> None:
            bar.update(
                chunks,
                description=f"  embedding {Path(path).name[:40]}: {done:,}/{total:,} chunks",
                completed=done,
                total=total,
                visible=done < total,
            )
            bar.refresh()
            if on_units:
                on_units(path, done, total)

        ahead = _Lookahead(indexer, files)
        for number, path in enumerate(files):
            bar.update(task, description=f"Indexing {path.name[:40]}")
            bar.refresh()
            parsed = ahead.take(number)
            summary.outcomes.append(indexer.index_file(path, summary, units_done, parsed))
            bar.advance(task)
            if on_file:
                on_file(str(path))
        bar.update(task, description=f"Indexed {len(files)} files")
    if prune:
        prune_missing(paths, settings, summary, indexer)
    return summary
