"""The unit table: every unit stored in Chroma, held in memory for BM25, filters and exact
dense search, and rebuilt when the collection's *generation* changes.

Chroma is the one source of truth for the minutes. This table is derived from the unit
collection (its texts, metadata and, with embedded Chroma, vectors) and rebuilt when the
generation changes (a record every write to the store bumps, see
:meth:`index.store.MinutesStore.generation`). It holds:

- BM25 postings over the units' tokens (:mod:`index.bm25`, :mod:`index.words`): dense retrieval
  misses exact names, numbers and hashtags ("RFT-2024-315", "#FutureTrafford", "Ark Aid");
  BM25 catches them;
- each metadata key as a column (:mod:`index.filters`), so a Chroma ``where`` clause becomes a
  mask over all units at once, for BM25 and for dense search alike;
- with embedded Chroma, every unit's vector (memory-mapped from its saved file): a filtered
  dense search then scores the few thousand units passing the filter exactly
  (:meth:`UnitTable.nearest`), and rescoring reads vectors without asking Chroma.

A build may be saved in the data folder under its generation, so a new process loads it instead
of re-reading Chroma; a saved build is used only for the generation Chroma names, so every
process pointed at one Chroma server, however many replicas, ranks the same way, and the files
can be thrown away at any time. One table serves a process per collection
(:func:`unit_table_for`); a change made by another process is built in a background thread.
"""

from __future__ import annotations

import json
import logging
import math
import os
import pickle
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

import numpy as np

from index import bm25
from index.filters import Column, columns_of, where_mask
from index.schema import Key, Where
from index.words import tokenize

if TYPE_CHECKING:
    from index.settings import IndexSettings

Scalar = str | int | float | bool | None

REFRESH_S = 1.0
"""How often a reader asks Chroma whether the collection changed (one tiny ``get``); writes
made in this process are noticed at once."""
EXACT_ROWS = 50_000
"""Up to this many units passing a filter, a dense search scores them all exactly from the
saved vectors (~20 ms at this many); above it, Chroma's HNSW search is cheaper."""
MASKS_KEPT = 8
"""Filters remembered per build (a mask is one byte per unit)."""


@dataclass(frozen=True)
class UnitRow:
    """One retrievable unit (a chunk, a resolution, an action) as a row of the table.

    Units read back through :meth:`UnitTable.unit` carry their metadata but no text: the
    table keeps only token statistics, and Chroma has the text.
    """

    unit_id: str
    text: str
    metadata: Mapping[str, Scalar] = field(default_factory=dict)


UnitPage = tuple[Sequence[str], Sequence[str | None], Sequence[Mapping[str, Any] | None]]
"""``(ids, texts, metadatas)`` of some units, as Chroma's ``get`` returns them."""


class UnitSource(Protocol):
    """Where the units come from: the Chroma store (:class:`index.store.MinutesStore`) or, in
    tests, :class:`MemoryUnits`."""

    def generation(self) -> str:
        """Changes whenever any unit is added, replaced or removed."""
        ...

    def unit_pages(self) -> Iterator[UnitPage]:
        """Every unit, a page at a time."""
        ...


VectorPage = tuple[Sequence[str], Sequence[str | None], Sequence[Mapping[str, Any] | None], Any]
"""A :data:`UnitPage` with the units' embeddings as a fourth member (rows of floats)."""


@runtime_checkable
class VectorSource(Protocol):
    """A source that can also give every unit's embedding in the same pass (embedded Chroma:
    a local read; through a server the vectors would cross the network as JSON, so the
    server-backed store does not offer them)."""

    def has_vectors(self) -> bool:
        """Whether this source gives vectors cheaply (read locally)."""
        ...

    def unit_pages_with_vectors(self) -> Iterator[VectorPage]:
        """Every unit with its embedding, a page at a time."""
        ...


# -- the table ---------------------------------------------------------------------------------


@dataclass
class _Built:
    """One immutable build; searches read it while the next one is made."""

    generation: str | None = None
    ids: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, Column] = field(default_factory=dict)
    model: bm25.Postings | None = None
    vocab: dict[str, int] = field(default_factory=dict)
    df: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    vectors: np.ndarray | None = None
    """Every unit's embedding, a row per unit in ``ids`` order (float32; memory-mapped from
    the cache file when there is one), or None when the source gave none."""
    norms: np.ndarray | None = None

    def __getstate__(self) -> dict[str, Any]:
        # The vectors go to their own file (memory-mapped on load), not into the pickle; the
        # row of each ID is cheaper to rebuild than to unpickle (0.1 s against 0.5 at 100k).
        return {**self.__dict__, "vectors": None, "rows": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if self.rows is None:
            self.rows = {uid: i for i, uid in enumerate(self.ids)}


class UnitTable:
    """Every unit of a :class:`UnitSource` (BM25 postings, metadata columns, vectors when the
    source gives them), rebuilt when its generation changes."""

    def __init__(
        self,
        source: UnitSource,
        *,
        refresh_s: float = REFRESH_S,
        background: bool = False,
        cache_dir: Path | None = None,
    ) -> None:
        self.source = source
        self.refresh_s = refresh_s
        self.background = background
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._built = _Built()
        self._checked_at = -math.inf
        self._writes_seen = -1
        self._rebuilding = False
        self._item_rows: tuple[_Built, dict[str, int], np.ndarray, np.ndarray] | None = None
        self._masks: tuple[_Built, dict[str, np.ndarray]] | None = None

    @classmethod
    def in_memory(cls) -> UnitTable:
        """A table over units given with :meth:`upsert_doc` (tests, benchmarks)."""
        return cls(MemoryUnits(), refresh_s=0.0)

    # -- writing (in-memory sources only; the store's writes go through MinutesStore) ----------

    def upsert_doc(self, doc_id: str, units: Sequence[UnitRow]) -> None:
        if not isinstance(self.source, MemoryUnits):
            raise TypeError("units are written to the store; this table only reads them")
        self.source.upsert_doc(doc_id, units)

    # -- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._current().ids)

    @property
    def generation(self) -> str | None:
        """The source generation of the current build (None before the first)."""
        return self._current().generation

    def search(self, query: str, k: int, where: Where | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (unit_id, BM25 score) pairs with a positive score, best first."""
        built = self.refresh()
        ids = [built.vocab[t] for t in tokenize(query) if t in built.vocab]
        if not ids or built.model is None or k <= 0:
            return []
        mask = self._mask(built, where) if where else None
        if mask is not None and not mask.any():
            return []
        scores = bm25.unit_scores(built.model, ids, mask)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return []
        if positive.size > k:
            top = np.argpartition(-scores[positive], k - 1)[:k]
            positive = positive[top]
        # ties broken by stored order, so every process ranks equal scores the same way
        order = positive[np.lexsort((positive, -scores[positive]))]
        return [(built.ids[i], float(scores[i])) for i in order]

    def unit_ids_where(self, where: Where) -> list[str] | None:
        """The IDs of the units passing ``where`` in the current build, for a dense search to
        look among (:meth:`index.store.MinutesStore.query`); None before the first build."""
        built = self.refresh()
        if built.generation is None:
            return None
        mask = self._mask(built, where)
        return [built.ids[i] for i in np.flatnonzero(mask)]

    def _mask(self, built: _Built, where: Where) -> np.ndarray:
        """The units passing ``where``; the last few are kept, because one question filters
        the lexical and the dense search alike."""
        key = json.dumps(where, sort_keys=True, default=str)
        cache = self._masks
        if cache is None or cache[0] is not built:
            cache = self._masks = (built, {})
        mask = cache[1].get(key)
        if mask is None:
            mask = where_mask(where, built.columns, len(built.ids))
            if len(cache[1]) >= MASKS_KEPT:
                cache[1].pop(next(iter(cache[1])))
            cache[1][key] = mask
        return mask

    def has_vectors(self) -> bool:
        """Whether the current build holds the units' embeddings (see :meth:`nearest`)."""
        return self._current().vectors is not None

    def nearest(
        self, vector: Sequence[float], k: int, where: Where | None = None, *, any_size: bool = False
    ) -> list[tuple[str, float]] | None:
        """The ``k`` units passing ``where`` nearest ``vector`` by exact cosine similarity,
        best first; None when this build has no vectors or, unless ``any_size``, more than
        :data:`EXACT_ROWS` units pass (then an HNSW search is the cheaper one).

        A filter leaves a few thousand units at 100k items: scoring them all is ~2 ms, where
        Chroma searching among their IDs took 30-90 ms, and it is exact, not approximate.
        Every unit (``any_size``, no filter) is ~0.1 s at 100k items: slow for a warm bot,
        but far less than a new process loading Chroma's HNSW index (1.8 s, 1 GB).
        """
        built = self.refresh()
        if built.vectors is None or built.norms is None or k <= 0:
            return None
        rows = np.flatnonzero(self._mask(built, where)) if where else np.arange(len(built.ids))
        if rows.size > EXACT_ROWS and not any_size:
            return None
        if rows.size == 0:
            return []
        sims = _cosines(built, rows, vector)
        if rows.size > k:
            top = np.argpartition(-sims, k - 1)[:k]
            rows, sims = rows[top], sims[top]
        order = np.lexsort((rows, -sims))  # ties by stored order, as in every process
        return [(built.ids[rows[i]], float(sims[i])) for i in order]

    def unit_similarities(
        self, vector: Sequence[float], item_ids: Sequence[str]
    ) -> dict[str, list[tuple[str, float]]] | None:
        """Every unit of these items (those this build holds) with its exact cosine similarity
        to ``vector``, by item; None when this build has no vectors."""
        built = self._current()
        if built.vectors is None or built.norms is None:
            return None
        by_item = self.unit_ids_of(item_ids)
        unit_ids = [uid for uids in by_item.values() for uid in uids]
        if not unit_ids:
            return {}
        rows = np.fromiter((built.rows[u] for u in unit_ids), dtype=np.int64, count=len(unit_ids))
        sims = iter(_cosines(built, rows, vector).tolist())
        return {item: [(uid, next(sims)) for uid in uids] for item, uids in by_item.items()}

    def unit_ids_of(self, item_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each known item's unit IDs in the current build (items it does not hold are left
        out), so their vectors can be read by ID."""
        built = self._current()
        column = built.columns.get(Key.ITEM_ID)
        if column is None or not item_ids:
            return {}
        rows = self._item_rows
        if rows is None or rows[0] is not built:
            order: np.ndarray = np.argsort(column.codes, kind="stable")
            bounds: np.ndarray = np.asarray(
                np.searchsorted(column.codes[order], np.arange(len(column.values) + 1))
            )
            by_value = {str(value): code for code, value in enumerate(column.values)}
            rows = (built, by_value, order, bounds)
            self._item_rows = rows
        _, codes, order, bounds = rows
        out: dict[str, list[str]] = {}
        for item in item_ids:
            code = codes.get(item)
            if code is not None:
                out[item] = [built.ids[i] for i in order[bounds[code] : bounds[code + 1]]]
        return out

    def item_ids(self, unit_ids: Sequence[str]) -> list[str | None]:
        """Each unit's item ID (None for a unit this build does not hold), read from the
        metadata column without building each unit's metadata."""
        built = self._current()
        column = built.columns.get(Key.ITEM_ID)
        out: list[str | None] = []
        for uid in unit_ids:
            row = built.rows.get(uid)
            value = column.value(row) if column is not None and row is not None else None
            if row is None:
                out.append(None)
            else:  # as decode_unit reads it: the stored item ID, else the unit ID's prefix
                out.append(str(value) if value else uid.partition(":")[0])
        return out

    def has_term(self, token: str) -> bool:
        return token in self._current().vocab

    def idf(self, token: str) -> float:
        """BM25's idf for a (tokenized) term; a term never seen gets the highest weight."""
        built = self._current()
        n = max(len(built.ids), 1)
        term = built.vocab.get(token)
        df = int(built.df[term]) if term is not None and term < built.df.size else 0
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def unit(self, unit_id: str) -> UnitRow | None:
        """The unit's metadata (no text: see :class:`UnitRow`)."""
        built = self._current()
        row = built.rows.get(unit_id)
        if row is None:
            return None
        meta = {key: col.value(row) for key, col in built.columns.items()}
        return UnitRow(unit_id, "", {k: v for k, v in meta.items() if v is not None})

    def refresh(self, *, force: bool = False) -> _Built:
        """The current build, rebuilt first if the source changed since it was made.

        The source is asked at most every ``refresh_s`` (a write in this process is noticed at
        once), so a question costs no round trip to a Chroma server most of the time. With
        ``background`` (the bot's), a change made by another process is built in a thread while
        questions keep using the previous build, so no asker waits seconds for a rebuild at
        100k items; the first build, and changes this process made itself, are built at once.
        """
        from index.store import local_writes

        now = time.monotonic()
        writes = local_writes()
        local = writes != self._writes_seen
        due = force or local or now - self._checked_at >= self.refresh_s
        if not due and self._built.generation is not None:
            return self._built
        with self._lock:
            generation = self.source.generation()
            self._checked_at, self._writes_seen = now, writes
            if generation == self._built.generation:
                return self._built
            if self._built.generation is None or force or local or not self.background:
                self._built = self._build(generation)
            elif not self._rebuilding:
                self._rebuilding = True
                threading.Thread(
                    target=self._build_in_background, name="unit-table-rebuild", daemon=True
                ).start()
            return self._built  # read under the lock: the thread swaps only after we leave

    def _build_in_background(self) -> None:
        try:
            generation = self.source.generation()
            built = self._build(generation)
            with self._lock:
                self._built = built
        except Exception:
            logging.getLogger(__name__).exception("unit table rebuild failed; will retry")
        finally:
            self._rebuilding = False
            self._checked_at = -math.inf  # ask again at the next question

    def _current(self) -> _Built:
        """The build to read word statistics from: made on first use, not re-checked."""
        if self._built.generation is None:
            return self.refresh()
        return self._built

    def _build(self, generation: str) -> _Built:
        """Build from the source; with ``cache_dir``, a build saved for this same generation is
        loaded instead (a derived copy, checked against Chroma's generation before use)."""
        cached = self._cache_file(generation)
        if cached is not None and cached.is_file():
            try:
                with cached.open("rb") as handle:
                    built = pickle.load(handle)
                if isinstance(built, _Built) and built.generation == generation:
                    if built.norms is not None:
                        built.vectors = _load_vectors(cached, len(built.ids))
                    if built.vectors is not None or not (built.ids and self._has_vectors()):
                        return built
                    # saved without vectors (or they are torn) although the source has them
                    built.norms = None
            except Exception as exc:  # a torn or foreign file: build afresh and overwrite it
                logging.getLogger(__name__).warning("unit table cache unreadable: %s", exc)
        built = self._build_from_source(generation)
        if cached is not None:
            _save(cached, built)
            mapped = _load_vectors(cached, len(built.ids)) if built.vectors is not None else None
            if mapped is not None:  # file-backed from here: shared, not 800 MB of heap
                built.vectors = mapped
        return built

    def _has_vectors(self) -> bool:
        return isinstance(self.source, VectorSource) and self.source.has_vectors()

    def _cache_file(self, generation: str) -> Path | None:
        if self.cache_dir is None or not generation:
            return None
        return self.cache_dir / f"{generation}.{CACHE_FORMAT}.pickle"

    def _build_from_source(self, generation: str) -> _Built:
        started = time.perf_counter()
        ids: list[str] = []
        metadatas: list[Mapping[str, Any]] = []
        vocab: dict[str, int] = {}
        lengths: list[int] = []
        flat: list[int] = []
        with_vectors = self._has_vectors()
        pages: Iterator[Any] = (
            cast(VectorSource, self.source).unit_pages_with_vectors()
            if with_vectors
            else self.source.unit_pages()
        )
        blocks: list[np.ndarray] = []
        for page in pages:
            page_ids, texts, metas = page[0], page[1], page[2]
            if with_vectors:
                blocks.append(np.asarray(page[3], dtype=np.float32).reshape(len(page_ids), -1))
            for uid, text, meta in zip(page_ids, texts, metas, strict=True):
                ids.append(uid)
                metadatas.append(meta or {})
                token_ids = [vocab.setdefault(t, len(vocab)) for t in tokenize(text or "")]
                lengths.append(len(token_ids))
                flat.extend(token_ids)
        built = _Built(
            generation, ids, {uid: i for i, uid in enumerate(ids)}, columns_of(metadatas)
        )
        if ids:
            built.df = bm25.document_frequencies(lengths, flat, len(vocab))
            built.model, built.vocab = bm25.postings(lengths, flat, vocab)
        if blocks and sum(len(b) for b in blocks) == len(ids):
            built.vectors = np.concatenate(blocks) if len(blocks) > 1 else blocks[0]
            built.norms = np.linalg.norm(built.vectors, axis=1).astype(np.float32)
        logging.getLogger(__name__).info(
            "unit table: %d units built in %.2f s", len(ids), time.perf_counter() - started
        )
        return built


def _save(target: Path, built: _Built) -> None:
    """Write atomically (the vectors first, so a pickle never names missing vectors), then
    drop older generations' files. The vectors are raw float32 rows beside the pickle, so a
    new process maps them instead of reading 800 MB at 100k items."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        vectors = target.with_suffix(VECTORS_SUFFIX)
        if built.vectors is not None:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                np.ascontiguousarray(built.vectors, dtype=np.float32).tofile(handle)
            os.replace(tmp, vectors)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        for old in [*target.parent.glob("*.pickle"), *target.parent.glob("*" + VECTORS_SUFFIX)]:
            if old not in (target, vectors):
                old.unlink(missing_ok=True)
    except OSError as exc:  # a cache: never worth failing a question over
        logging.getLogger(__name__).warning("unit table cache not written: %s", exc)


VECTORS_SUFFIX = ".vectors"
CACHE_FORMAT = "v4"
"""In a saved build's file name: a process of another version neither loads nor trusts it
(v4: the pickled classes moved from ``index.lexical`` to :mod:`index.units`,
:mod:`index.filters` and :mod:`index.bm25`; an older file is ignored, rebuilt and deleted)."""


MAP_BYTES = 16 << 20
"""Saved vectors at least this large are memory-mapped (a new process then reads only the
pages it scores); smaller ones are read whole, because a map holds a file descriptor for as
long as it lives."""


def _load_vectors(pickled: Path, rows: int) -> np.ndarray | None:
    """The saved vectors for this build; None if missing or the wrong size."""
    file = pickled.with_suffix(VECTORS_SUFFIX)
    try:
        size = file.stat().st_size
        if rows == 0 or size == 0 or size % (4 * rows):
            return None
        shape = (rows, size // (4 * rows))
        if size < MAP_BYTES:
            read: np.ndarray = np.fromfile(file, dtype=np.float32).reshape(shape)
            return read
        mapped: np.ndarray = np.memmap(file, dtype=np.float32, mode="r", shape=shape)
        return mapped
    except (OSError, ValueError):
        return None


def _cosines(built: _Built, rows: np.ndarray, vector: Sequence[float]) -> np.ndarray:
    """Cosine similarity of ``vector`` to these rows' vectors, computed as
    :meth:`index.store.MinutesStore.unit_similarities` does (the same scores either way)."""
    assert built.vectors is not None and built.norms is not None
    if rows.size == len(built.ids) and np.array_equal(rows, np.arange(rows.size)):
        query = np.asarray(vector, dtype=np.float32)
        norms = built.norms * (np.linalg.norm(query) or 1.0)
        scores: np.ndarray = np.asarray((built.vectors @ query) / np.where(norms > 0, norms, 1.0))
        return scores
    matrix = np.asarray(built.vectors[np.sort(rows)] if rows.size else built.vectors[:0])
    order = np.argsort(rows, kind="stable")
    query = np.asarray(vector, dtype=np.float32)
    norms = built.norms[np.sort(rows)] * (np.linalg.norm(query) or 1.0)
    sims = (matrix @ query) / np.where(norms > 0, norms, 1.0)
    out: np.ndarray = np.empty(rows.size, dtype=np.float32)
    out[order] = sims
    return out


class MemoryUnits:
    """Units held in this process, by document: a :class:`UnitSource` for tests and benchmarks."""

    def __init__(self) -> None:
        self._docs: dict[str, list[UnitRow]] = {}
        self._generation = 0

    def upsert_doc(self, doc_id: str, units: Sequence[UnitRow]) -> None:
        self._docs[doc_id] = list(units)
        self._generation += 1

    def generation(self) -> str:
        return f"memory-{id(self)}-{self._generation}"

    def unit_pages(self) -> Iterator[UnitPage]:
        units = [u for doc in sorted(self._docs) for u in self._docs[doc]]
        yield [u.unit_id for u in units], [u.text for u in units], [u.metadata for u in units]


def unit_table_for(settings: IndexSettings) -> UnitTable:
    """The table over the configured collection; one per process and collection, so the bot's
    searchers and answerer share one build.

    A build is also saved in the data folder per generation (with embedded Chroma, the units'
    vectors beside it), so a cold ``ask`` at 100k items loads in a second instead of
    rebuilding for a minute or more. It is a derived, throw-away copy: used only while
    Chroma's generation record still names it, replaced at the next change, and the same build
    a process would make from Chroma itself, so replicas on one server answer identically.
    """
    where = settings.chroma_url or str(settings.chroma_dir.resolve())
    return _shared(where, settings.collection, settings)


_instances: dict[tuple[str, str], UnitTable] = {}
_instances_lock = threading.Lock()


def _shared(where: str, collection: str, settings: IndexSettings) -> UnitTable:
    from index.store import cache_name, open_store

    with _instances_lock:
        table = _instances.get((where, collection))
        if table is None:
            # the folder keeps its first name, so builds saved by an older version are replaced
            # (at the next save, in the same folder), not left behind in another
            cache = settings.state_dir / "lexical" / cache_name(settings)
            table = _instances[(where, collection)] = UnitTable(
                open_store(settings), background=True, cache_dir=cache
            )
        return table


def forget_shared() -> None:
    """Drop the per-process instances (tests that delete and recreate a collection)."""
    with _instances_lock:
        _instances.clear()
