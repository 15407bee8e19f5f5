"""Index minutes files: read → parse → units → embed what is new → store → drop what is stale.

Idempotent and crash-safe by construction: IDs come from content, so a re-run finds what a
previous (possibly interrupted) run stored, embeds only what is missing, and deletes records of
the same document that the current content no longer produces. A bad file is reported with
its reason and the rest of the batch still indexes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress

from index.chunking import DocumentRecords, build_records
from index.embeddings import Embedder, shared_embedder
from index.errors import SourceError
from index.formats import parse_document
from index.lexical import LexicalIndex, LexicalUnit, lexical_index_for
from index.models import Meeting
from index.settings import IndexSettings
from index.sources import discover, read_source
from index.store import MinutesStore, open_store, utc_now

log = logging.getLogger(__name__)

STATUS_INDEXED = "indexed"
STATUS_UNCHANGED = "unchanged"
STATUS_SKIPPED = "skipped"


@dataclass
class FileOutcome:
    path: str
    status: str
    reason: str | None = None
    items: int = 0
    resolutions: int = 0
    actions: int = 0


@dataclass
class IndexSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    units_added: int = 0
    units_deleted: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def skipped(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == STATUS_SKIPPED]

    def total(self, attribute: str) -> int:
        return sum(getattr(o, attribute) for o in self.outcomes)


ProgressCallback = Callable[[str], None]


class Indexer:
    def __init__(self, settings: IndexSettings, store: MinutesStore, embedder: Embedder) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.lexical: LexicalIndex = lexical_index_for(settings)

    def index_file(self, path: Path, summary: IndexSummary) -> FileOutcome:
        try:
            meeting = parse_document(read_source(path))
        except SourceError as exc:
            return FileOutcome(str(path), STATUS_SKIPPED, exc.reason)
        except Exception as exc:  # a parser bug must not sink the batch; the reason says so
            log.exception("parser failed on %s", path)
            return FileOutcome(str(path), STATUS_SKIPPED, f"parser error: {exc!r}")
        records = build_records(
            meeting,
            chunk_words=self.settings.chunk_words,
            overlap_words=self.settings.chunk_overlap_words,
        )
        changed = self._store_records(records, summary)
        return _outcome(meeting, STATUS_INDEXED if changed else STATUS_UNCHANGED)

    def _store_records(self, records: DocumentRecords, summary: IndexSummary) -> bool:
        unit_ids = [u.id for u in records.units]
        item_ids = [i.id for i in records.items]
        missing_units, missing_items = self.store.missing_ids(unit_ids, item_ids)
        stale_units, stale_items = self.store.stale_ids(
            records.doc_id, set(unit_ids) | set(item_ids)
        )
        if not (missing_units or missing_items or stale_units or stale_items):
            if not self.lexical.has_doc(records.doc_id):  # an index made before BM25 existed
                self._store_lexical(records)
            return False
        new_units = [u for u in records.units if u.id in missing_units]
        self.store.add_units(new_units, self.embedder.embed_documents([u.text for u in new_units]))
        new_items = [i for i in records.items if i.id in missing_items]
        vectors = self.embedder.embed_documents([i.header for i in new_items])
        self.store.add_items(new_items, vectors, utc_now())
        self.store.delete(stale_units, stale_items)
        # lexical index hook: after Chroma, so a crash between the two re-runs both next time
        self._store_lexical(records)
        summary.units_added += len(new_units)
        summary.units_deleted += len(stale_units)
        return True

    def _store_lexical(self, records: DocumentRecords) -> None:
        self.lexical.upsert_doc(
            records.doc_id,
            [
                LexicalUnit(u.id, u.text, {**u.metadata, "item_id": u.item_id})
                for u in records.units
            ],
        )


def _outcome(meeting: Meeting, status: str) -> FileOutcome:
    return FileOutcome(
        path=meeting.source_path,
        status=status,
        items=len(meeting.items),
        resolutions=sum(len(i.resolutions) for i in meeting.items),
        actions=sum(len(i.actions) for i in meeting.items),
    )


def index_paths(
    paths: Sequence[Path],
    settings: IndexSettings,
    *,
    progress: bool = False,
    on_file: ProgressCallback | None = None,
    store: MinutesStore | None = None,
    embedder: Embedder | None = None,
) -> IndexSummary:
    """Index every minutes file under ``paths``; ``progress`` shows a bar on the terminal."""
    files = list(discover(paths))
    indexer = Indexer(
        settings,
        store or open_store(settings),
        embedder or shared_embedder(settings.model_path, settings.embed_batch_size),
    )
    summary = IndexSummary()
    with Progress(transient=False, disable=not progress) as bar:
        task = bar.add_task("Indexing", total=len(files))
        for path in files:
            bar.update(task, description=f"Indexing {path.name[:40]}")
            summary.outcomes.append(indexer.index_file(path, summary))
            bar.advance(task)
            if on_file:
                on_file(str(path))
        bar.update(task, description=f"Indexed {len(files)} files")
    return summary
