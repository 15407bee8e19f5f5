"""Chroma storage: embedded ``PersistentClient`` by default, a Chroma server when a URL is set.

Three collections: ``<name>`` holds retrievable units (chunks, decisions, resolutions,
actions), ``<name>_items`` holds one record per agenda item with its verbatim text and the
structured resolutions/actions/votes that answers quote, and ``<name>_meta`` holds one record,
the *generation*: a fresh random token written after every change to the other two, so every
process reading the collection (each bot replica's unit table) knows when to rebuild. We
always pass our own vectors.

Collections carry the layout version they were made with (``minutes_bot_schema``); one made
by another version is refused with one line rather than misread.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import pickle
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings

from index.chunking import ItemRecord, Unit
from index.errors import ConfigError, IncompatibleIndexError, is_unavailable
from index.schema import (
    ItemMeta,
    Key,
    StoredItem,
    Where,
    decode_item,
    decode_unit,
    doc_filter,
    encode_item,
)
from index.settings import IndexSettings, split_credentials

logger = logging.getLogger(__name__)

BATCH = 1000
MAX_QUERY_IDS = 200_000
"""Above this many allowed units a filter is left to Chroma (the ID list itself gets heavy)."""
PAGE = 20_000
"""Records read per request when reading a whole collection. Chroma pages by offset, and each
page scans past the ones before it, so fewer, larger pages read 100k items' units twice as fast
(5,000: 109 s; 25,000: 55 s); 100,000 exceeds SQLite's limit on variables."""
SPACE = {"hnsw:space": "cosine"}

_Page = tuple[list[str], list[str | None], list[Mapping[str, Any] | None]]
"""``(ids, texts, metadatas)`` of a page of units, as Chroma's ``get`` returns them."""
_VectorPage = tuple[list[str], list[str | None], list[Mapping[str, Any] | None], Any]
"""A page with the units' embeddings as a fourth member (rows of floats)."""

# HNSW graph quality for the units collection. Chroma's defaults (ef 100/100, M 16) missed the
# best unit for about 1 question in 6 on the development index (recall@80 of exact search
# 0.906); 200/200/32 measured 0.981 at the same size, at a few ms per query. Only a new
# collection takes construction_ef and M; search_ef can be raised on an existing one.
SEARCH_EF = 200
UNITS_HNSW = {
    **SPACE,
    "hnsw:construction_ef": 200,
    "hnsw:search_ef": SEARCH_EF,
    "hnsw:M": 32,
}
SCHEMA_KEY = "minutes_bot_schema"
SCHEMA_VERSION = 1
"""The stored layout (:mod:`index.schema`). Bump it when a change makes old records unreadable;
collections made before the key existed have layout 1."""
GENERATION_ID = "generation"

_writes = itertools.count(1)
_last_write = 0


def local_writes() -> int:
    """How many writes this process has made to any store: readers in the same process (the
    unit table) see their own process's writes without asking the server."""
    return _last_write


def _wrote() -> None:
    global _last_write
    _last_write = next(_writes)


@dataclass(frozen=True)
class UnitHit:
    """A unit found by vector search: ``similarity`` is its cosine similarity to the query."""

    unit_id: str
    item_id: str
    kind: str
    text: str
    similarity: float


@dataclass
class IndexStats:
    bodies: list[str] = field(default_factory=list)
    meetings: int = 0
    items: int = 0
    units: int = 0
    first_date: str | None = None
    last_date: str | None = None
    last_indexed: str | None = None


def make_client(settings: IndexSettings) -> ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        # The credentials end at the last "@": a password holding "/" is not a host and port.
        scheme, user, password, rest = split_credentials(settings.chroma_url)
        try:
            url = urlparse(f"{scheme}://{rest}")
            port = url.port
        except ValueError:
            url, port = None, None
        if url is None or not url.hostname:
            # Never the value itself: a URL may carry a password.
            raise ConfigError("MINUTES_BOT_CHROMA_URL is not a URL with a host and a port")
        if user is not None:  # a server behind basic auth (``chroma run`` with basic_authn)
            chroma_settings = ChromaSettings(
                anonymized_telemetry=False,
                chroma_client_auth_provider="chromadb.auth.basic_authn.BasicAuthClientProvider",
                chroma_client_auth_credentials=f"{user}:{password or ''}",
            )
        return chromadb.HttpClient(
            host=url.hostname,
            port=port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def open_store(settings: IndexSettings) -> MinutesStore:
    # Embedded Chroma keeps its files in the data folder, so a derived copy of the item
    # catalogue may live there too; with a server, nothing about the minutes is kept locally.
    cache = settings.state_dir / "catalogue" / cache_name(settings)
    return MinutesStore(
        make_client(settings),
        settings.collection,
        cache_dir=cache,
        local=not settings.chroma_url,
    )


def cache_name(settings: IndexSettings) -> str:
    """The folder name for derived copies of one collection in the data dir: the collection,
    and for a server a hash of its URL, so two servers' copies never replace each other's."""
    if not settings.chroma_url:
        return settings.collection
    digest = hashlib.sha1(settings.chroma_url.encode()).hexdigest()[:10]
    return f"{settings.collection}-{digest}"


class MinutesStore:
    def __init__(
        self,
        client: ClientAPI,
        name: str,
        *,
        cache_dir: Path | None = None,
        local: bool = True,
    ) -> None:
        self.client = client
        self.name = name
        self.cache_dir = cache_dir
        """Where derived copies (the item catalogue) are saved per generation; None: nowhere."""
        self.local = local
        """Embedded Chroma: reading every vector is a local read, not JSON over a network."""
        self.units: Collection = _collection(client, name, UNITS_HNSW)
        _raise_search_ef(self.units)
        self.items: Collection = _collection(client, f"{name}_items")
        self.meta: Collection = _collection(client, f"{name}_meta")
        self._catalogue: tuple[str, dict[str, ItemMeta]] | None = None
        self._stats: tuple[str, IndexStats] | None = None
        self._unit_count: tuple[str, int] | None = None

    # -- the generation ----------------------------------------------------------------------
    def generation(self) -> str:
        """A token that changes whenever units or items change ("" for a store never written
        since generations existed)."""
        got = self.meta.get(ids=[GENERATION_ID], include=["metadatas"])
        metas = got["metadatas"] or []
        return str((metas[0] or {}).get(GENERATION_ID, "")) if metas else ""

    def bump_generation(self) -> None:
        """Tell every reader the collection changed; called after each write, so a reader that
        sees the new token also sees the data written before it."""
        self.meta.upsert(
            ids=[GENERATION_ID],
            embeddings=[[1.0]],
            metadatas=[{GENERATION_ID: uuid.uuid4().hex, "changed_at": utc_now()}],
        )
        _wrote()

    def unit_pages(self, page: int = PAGE) -> Iterator[_Page]:
        """Every unit's ID, text and metadata, ``page`` at a time (the unit table's input)."""
        for ids, docs, metas, _ in self._pages(page, vectors=False):
            yield ids, docs, metas

    def has_vectors(self) -> bool:
        return self.local

    def unit_pages_with_vectors(self, page: int = PAGE) -> Iterator[_VectorPage]:
        """:meth:`unit_pages` with each unit's embedding as a fourth member."""
        yield from self._pages(page, vectors=True)

    def _pages(self, page: int, *, vectors: bool) -> Iterator[_VectorPage]:
        include: Any = ["documents", "metadatas", *(["embeddings"] if vectors else [])]
        offset = 0
        while True:
            got = self.units.get(include=include, limit=page, offset=offset)
            ids = list(got["ids"])
            if not ids:
                return
            embeddings = got.get("embeddings") if vectors else None
            yield (
                ids,
                list(got["documents"] or []),
                list(got["metadatas"] or []),
                embeddings if embeddings is not None else [],
            )
            if len(ids) < page:
                return
            offset += len(ids)

    # -- writing ---------------------------------------------------------------------------
    def missing_ids(
        self, unit_ids: Sequence[str], item_ids: Sequence[str]
    ) -> tuple[set[str], set[str]]:
        """Which of these IDs are not stored yet (so only they need embedding)."""
        return (
            set(unit_ids) - self._existing(self.units, unit_ids),
            set(item_ids) - self._existing(self.items, item_ids),
        )

    def stale_ids(self, doc_id: str, keep: set[str]) -> tuple[list[str], list[str]]:
        return (
            [i for i in self._ids_where(self.units, doc_filter(doc_id)) if i not in keep],
            [i for i in self._ids_where(self.items, doc_filter(doc_id)) if i not in keep],
        )

    def add_units(self, units: Sequence[Unit], vectors: Sequence[Sequence[float]]) -> None:
        for start in range(0, len(units), BATCH):
            batch = units[start : start + BATCH]
            self.units.upsert(
                ids=[u.id for u in batch],
                documents=[u.text for u in batch],
                metadatas=[dict(u.metadata) for u in batch],
                embeddings=[list(v) for v in vectors[start : start + BATCH]],
            )
        if units:
            self.bump_generation()

    def add_items(
        self, items: Sequence[ItemRecord], vectors: Sequence[Sequence[float]], indexed_at: str
    ) -> None:
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            self.items.upsert(
                ids=[i.id for i in batch],
                documents=[i.text for i in batch],
                metadatas=[
                    encode_item(replace(i.meta, header=i.header, indexed_at=indexed_at))
                    for i in batch
                ],
                embeddings=[list(v) for v in vectors[start : start + BATCH]],
            )
        if items:
            self.bump_generation()

    def delete(self, unit_ids: Sequence[str], item_ids: Sequence[str]) -> None:
        if unit_ids:
            self.units.delete(ids=list(unit_ids))
        if item_ids:
            self.items.delete(ids=list(item_ids))
        if unit_ids or item_ids:
            self.bump_generation()

    # -- reading ---------------------------------------------------------------------------
    def query(
        self,
        vector: Sequence[float],
        k: int,
        where: Where | None = None,
        *,
        unit_ids: Sequence[str] | None = None,
        texts: bool = True,
    ) -> list[UnitHit]:
        """The ``k`` units nearest ``vector`` among those passing ``where``.

        With ``texts=False`` only IDs and distances are read (``kind`` and ``text`` left
        empty; the unit ID names its item): Chroma then skips fetching 80 units' documents and
        metadata from SQLite, which at 100k items is most of a query (32 ms → 2 ms).

        ``unit_ids``, when given, are the units passing ``where`` as an in-memory index of the
        units' metadata found them (:meth:`index.units.UnitTable.unit_ids_where`): Chroma
        then searches among those IDs instead of evaluating ``where`` itself, which at 100k
        items is 30-40x faster (a body and a year: 1.6-1.9 s → 50-80 ms). An ID deleted
        since that index was built makes Chroma refuse the query; ``where`` is used then.
        """
        # No count() first: Chroma 1.5 returns fewer (or no) hits when asked for more than it
        # holds, and a count is one more round trip per question.
        if where and unit_ids is not None and len(unit_ids) <= MAX_QUERY_IDS:
            if not unit_ids:
                return []
            try:
                return self._query(vector, k, ids=list(unit_ids), texts=texts)
            except Exception as exc:
                if is_unavailable(exc):
                    raise
                logger.info("query by unit IDs refused (%s); filtering in Chroma", exc)
        return self._query(vector, k, where=where or None, texts=texts)

    def _query(
        self,
        vector: Sequence[float],
        k: int,
        where: Where | None = None,
        ids: list[str] | None = None,
        texts: bool = True,
    ) -> list[UnitHit]:
        result = self.units.query(
            query_embeddings=[list(vector)],
            n_results=max(k, 1),
            where=where,
            ids=ids,
            include=["documents", "metadatas", "distances"] if texts else ["distances"],
        )
        found = result["ids"][0]
        docs = result["documents"][0] if texts and result["documents"] else [""] * len(found)
        metas = result["metadatas"][0] if texts and result["metadatas"] else [{}] * len(found)
        hits = []
        for uid, doc, meta, dist in zip(found, docs, metas, result["distances"][0], strict=True):
            ref = decode_unit(uid, meta or {})
            hits.append(UnitHit(uid, ref.item_id, ref.kind, doc or "", 1.0 - dist))
        return hits

    def unit_similarities(
        self,
        vector: Sequence[float],
        item_ids: Iterable[str],
        *,
        known_units: Mapping[str, Sequence[str]] | None = None,
    ) -> dict[str, list[UnitHit]]:
        """Every unit of these items with its exact cosine similarity to ``vector``, by item
        (``kind`` and ``text`` left empty: the unit ID says which unit it is).

        HNSW search is approximate: it can miss an item's best unit, and an item found only
        by another signal has no dense score at all. This scores the few items an answer is
        judged on exactly (one read of their vectors, not a scan of the collection), so the
        same question gets the same evidence every time.
        """
        wanted = list(dict.fromkeys(item_ids))
        if not wanted:
            return {}
        # Vectors only: reading the units' metadata and texts as well costs twice the time,
        # and a unit's ID already names its item and kind. Units an in-memory index knows
        # (``known_units``, item → unit IDs) are read by ID, ~25x faster than by item at 100k
        # items; items it does not know (indexed since it was built) are read by item.
        known = known_units or {}
        by_id = [uid for item in wanted for uid in known.get(item, ())]
        ids: list[str] = []
        rows: list[Any] = []
        if by_id:
            got = self.units.get(ids=by_id, include=["embeddings"])
            ids += got["ids"]
            rows += list(got["embeddings"] if got["embeddings"] is not None else [])
        found = {decode_unit(uid, {}).item_id for uid in ids}
        rest = [item for item in wanted if item not in found]
        if rest:
            got = self.units.get(where={Key.ITEM_ID: {"$in": rest}}, include=["embeddings"])
            ids += got["ids"]
            rows += list(got["embeddings"] if got["embeddings"] is not None else [])
        if not ids:
            return {}
        matrix = np.asarray(rows, dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
        sims = (matrix @ query) / np.where(norms > 0, norms, 1.0)
        out: dict[str, list[UnitHit]] = {}
        for uid, sim in zip(ids, sims, strict=True):
            ref = decode_unit(uid, {})
            out.setdefault(ref.item_id, []).append(
                UnitHit(uid, ref.item_id, ref.kind, "", float(sim))
            )
        return out

    def get_items(self, ids: Iterable[str]) -> dict[str, StoredItem]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        got = self.items.get(ids=wanted, include=["documents", "metadatas"])
        return {
            iid: StoredItem(iid, doc or "", decode_item(meta or {}))
            for iid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }

    def all_item_meta(self) -> list[ItemMeta]:
        """Every item's metadata, without texts: what the index covers (bodies, dates)."""
        return list(self.item_catalogue().values())

    def item_catalogue(self) -> dict[str, ItemMeta]:
        """Every item's metadata by item ID, without texts, structured quotes, links or headers
        (:data:`CATALOGUE_DROPS`; :meth:`get_items` reads those): titles, bodies, dates, paths.

        Read again only when the generation changed: at 100k items the read takes seconds,
        and question understanding and ``/healthz`` ask for it every few seconds. A read is
        also saved in the data folder per generation (a derived copy: Chroma's generation
        decides whether it is used), so a new process loads it instead of reading Chroma.
        """
        generation = self.generation()
        cached = self._catalogue
        if cached is not None and cached[0] == generation and generation:
            return cached[1]
        saved = self._saved(generation)
        if saved is not None:
            self._catalogue = (generation, saved.items)
            self._unit_count = (generation, saved.units)
            return saved.items
        catalogue: dict[str, ItemMeta] = {}
        shared: dict[Any, Any] = {}
        offset = 0
        while True:
            got = self.items.get(include=["metadatas"], limit=PAGE, offset=offset)
            metas = got["metadatas"] or []
            catalogue.update(
                (iid, _slim(decode_item(m or {}), shared))
                for iid, m in zip(got["ids"], metas, strict=True)
            )
            if len(got["ids"]) < PAGE:
                break
            offset += PAGE
        self._catalogue = (generation, catalogue)
        units = self.units.count()
        self._unit_count = (generation, units)
        if self.cache_dir is not None and generation:
            _save_pickle(
                self.cache_dir / f"{generation}.{CATALOGUE_FORMAT}.pickle",
                _SavedCatalogue(generation, catalogue, units),
            )
        return catalogue

    def _saved(self, generation: str) -> _SavedCatalogue | None:
        """The catalogue saved for this generation, if a readable one is there."""
        if self.cache_dir is None or not generation:
            return None
        file = self.cache_dir / f"{generation}.{CATALOGUE_FORMAT}.pickle"
        if not file.is_file():
            return None
        try:
            with file.open("rb") as handle:
                saved = pickle.load(handle)
        except Exception:  # torn or foreign: read from Chroma and overwrite it
            return None
        if isinstance(saved, _SavedCatalogue) and saved.generation == generation:
            return saved
        return None

    def unit_count(self) -> int:
        """How many units the collection holds, once per generation (Chroma's ``count`` takes
        1.4 s at 100k items; the count is saved with the catalogue)."""
        generation = self.generation()
        if not (generation and self._unit_count and self._unit_count[0] == generation):
            self.item_catalogue()
        if generation and self._unit_count and self._unit_count[0] == generation:
            return self._unit_count[1]
        count: int = self.units.count()
        return count

    def stats(self) -> IndexStats:
        """What the index holds; computed once per generation (a pass over every item's
        metadata takes half a second at 100k items, and refusals and ``/healthz`` ask)."""
        generation = self.generation()
        if generation and self._stats is not None and self._stats[0] == generation:
            return self._stats[1]
        stats = self._compute_stats()
        if generation:
            self._stats = (generation, stats)
        return stats

    def _compute_stats(self) -> IndexStats:
        metas = self.all_item_meta()
        dates = sorted(m.date.isoformat() for m in metas if m.date)
        stamps = sorted(m.indexed_at for m in metas if m.indexed_at)
        return IndexStats(
            bodies=sorted({m.body for m in metas if m.body}),
            meetings=len({_meeting_key(m) for m in metas}),
            items=len(metas),
            units=self.unit_count(),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            last_indexed=stamps[-1] if stamps else None,
        )

    @staticmethod
    def _existing(collection: Collection, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), BATCH):
            got = collection.get(ids=list(ids[start : start + BATCH]), include=[])
            found.update(got["ids"])
        return found

    @staticmethod
    def _ids_where(collection: Collection, where: Where) -> list[str]:
        return list(collection.get(where=where, include=[])["ids"])


def _raise_search_ef(collection: Collection) -> None:
    """Give a collection made with Chroma's default search_ef ours (the one HNSW setting an
    existing collection can change); a server or version that refuses keeps its own."""
    try:
        hnsw = (collection.configuration or {}).get("hnsw") or {}
        if int(hnsw.get("ef_search") or SEARCH_EF) < SEARCH_EF:
            collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
    except Exception as exc:
        logger.info("could not raise hnsw search_ef on %s: %s", collection.name, exc)


CATALOGUE_FORMAT = "v2"
"""In the saved catalogue's file name: a process of another version neither loads nor trusts it."""
CATALOGUE_DROPS = ("resolutions", "actions", "votes", "dated", "related", "header", "link")
"""What the catalogue leaves out of each item: most of its size (a cold ``ask`` at 100k items
loaded 95 MB of them in 3 s), and nothing that filters, scopes or threads read."""


@dataclass(frozen=True)
class _SavedCatalogue:
    """The catalogue file's content: which generation it is of, the items, the unit count."""

    generation: str
    items: dict[str, ItemMeta]
    units: int


def _slim(meta: ItemMeta, shared: dict[Any, Any]) -> ItemMeta:
    """``meta`` without :data:`CATALOGUE_DROPS`, its values shared with earlier items' equal
    ones: bodies, dates and paths repeat across a meeting's items, and pickle writes a shared
    object once, so the saved file loads several times faster."""
    values = {}
    for name in _KEPT_FIELDS:
        value = getattr(meta, name)  # the kept fields are all text, numbers, dates or None
        values[name] = shared.setdefault((type(value), value), value)  # True == 1, not same
    return ItemMeta(**values)


def _save_pickle(target: Path, value: object) -> None:
    """Atomically, dropping older generations' files; a cache failure is only logged."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        for old in target.parent.glob("*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as exc:
        logger.warning("catalogue cache not written: %s", exc)


_KEPT_FIELDS = tuple(f.name for f in fields(ItemMeta) if f.name not in CATALOGUE_DROPS)


def _collection(client: ClientAPI, name: str, space: dict[str, Any] = SPACE) -> Collection:
    """Get or create ``name``, refusing one made by another layout version."""
    collection = client.get_or_create_collection(
        name, embedding_function=None, metadata={**space, SCHEMA_KEY: SCHEMA_VERSION}
    )
    found: Any = (collection.metadata or {}).get(SCHEMA_KEY, 1)
    if found != SCHEMA_VERSION:
        raise IncompatibleIndexError(name, found, SCHEMA_VERSION)
    return collection


def _meeting_key(meta: ItemMeta) -> tuple[str, ...]:
    """Item pages of one meeting are separate files; body and date say they are one meeting."""
    if meta.body and meta.date:
        return (meta.body, meta.date.isoformat())
    return (meta.doc_id,)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
