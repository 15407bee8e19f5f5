"""What is stored about minutes, in one place: metadata keys, filters, dates, typed records.

Chroma holds two kinds of record (see :mod:`index.store`): *items* (one per agenda item, its
verbatim text plus everything an answer quotes) and *units* (the pieces we search: chunks,
decision blocks, single resolutions and actions). The unit table keeps the same unit
metadata beside its BM25 matrix. Every metadata key is spelled here and nowhere else, so a
renamed or added field is one edit, and the writer (:mod:`index.chunking`) and the readers
(the store, the unit table, the bot) cannot drift apart.

Stored metadata is flat (Chroma allows only str, int, float and bool values): structured
fields travel as JSON strings and dates twice, as ISO text for display and as a ``YYYYMMDD``
integer so a date range is a ``$gte``/``$lte`` filter.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Final

from index.extract.votes.kinds import classified
from index.models import (
    Action,
    DatedStatement,
    RelatedLink,
    Resolution,
    Vote,
    action_from_dict,
    dated_from_dict,
    related_from_dict,
    resolution_from_dict,
    vote_from_dict,
)

Metadata = dict[str, str | int | float | bool]
"""One record's metadata as Chroma takes it: flat, scalar values only."""

Where = Mapping[str, Any]
"""A Chroma ``where`` clause, evaluated by Chroma and by :func:`index.filters.matches_where`:
``{"body": "X"}``, ``{"$and": [...]}``, ``{"date_num": {"$gte": 20240101}}``. Build one with
:func:`item_filter` or :func:`doc_filter` rather than by hand."""


class Key:
    """The metadata keys. Items carry all item keys; units carry :data:`FILTER_KEYS` too."""

    DOC_ID: Final = "doc_id"
    SOURCE_PATH: Final = "source_path"
    ITEM_INDEX: Final = "item_index"
    ITEM_TITLE: Final = "item_title"
    LINK: Final = "link"
    TRUNCATED: Final = "truncated"
    RESOLUTIONS: Final = "resolutions_json"
    ACTIONS: Final = "actions_json"
    VOTES: Final = "votes_json"
    DATED: Final = "dated_json"
    ITEM_NUMBER: Final = "item_number"
    BODY: Final = "body"
    MEETING_TITLE: Final = "meeting_title"
    URL: Final = "url"
    TIME: Final = "time"
    VENUE: Final = "venue"
    FORMAT: Final = "format"
    DATE: Final = "date"
    DATE_NUM: Final = "date_num"
    # items synced from a site (index.sync): where they came from and how settled they are
    MINUTES_STATUS: Final = "minutes_status"
    RELATED: Final = "related_json"
    SITE: Final = "site"
    MEETING_ID: Final = "meeting_id"
    SOURCE_ITEM_ID: Final = "source_item_id"
    COUNCIL: Final = "council"
    # written by the store beside the item's fields
    HEADER: Final = "header"
    INDEXED_AT: Final = "indexed_at"
    # units only
    ITEM_ID: Final = "item_id"
    UNIT: Final = "unit"
    ORDINAL: Final = "ordinal"


FILTER_KEYS: Final = (
    Key.DOC_ID,
    Key.SOURCE_PATH,
    Key.BODY,
    Key.DATE,
    Key.DATE_NUM,
    Key.ITEM_NUMBER,
    Key.ITEM_TITLE,
)
"""Item keys copied onto each unit, so a search can filter units the way it filters items."""


class UnitKind:
    """The ``unit`` value of a unit record: what part of its item the unit's text is."""

    CHUNK: Final = "chunk"
    DECISION: Final = "decision"
    RESOLUTION: Final = "resolution"
    ACTION: Final = "action"
    DATED: Final = "when"
    """A dated statement. Not "dated": a unit's ID takes its kind's first letter (see
    :func:`unit_id`), and "d" is DECISION's."""


# -- dates and filters -----------------------------------------------------------------------


def date_num(day: dt.date) -> int:
    """The integer form stored beside the ISO date, so ranges work as ``$gte``/``$lte``."""
    return day.year * 10000 + day.month * 100 + day.day


def item_filter(
    bodies: Sequence[str] = (), date_from: dt.date | None = None, date_to: dt.date | None = None
) -> Where | None:
    """Items (and their units) of one of ``bodies`` met between the two dates, inclusive."""
    clauses: list[dict[str, Any]] = []
    if len(bodies) == 1:
        clauses.append({Key.BODY: bodies[0]})
    elif bodies:
        clauses.append({Key.BODY: {"$in": list(bodies)}})
    if date_from:
        clauses.append({Key.DATE_NUM: {"$gte": date_num(date_from)}})
    if date_to:
        clauses.append({Key.DATE_NUM: {"$lte": date_num(date_to)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def doc_filter(doc_id: str) -> Where:
    """Every record made from one source document."""
    return {Key.DOC_ID: doc_id}


# -- items -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemMeta:
    """An agenda item's stored metadata as typed values (its verbatim text is stored apart).

    ``header`` and ``indexed_at`` are written by the store, not by chunking: an item's ID hashes
    the metadata without them, so re-indexing the same text at another time changes nothing.
    ``minutes_status`` (:class:`~index.models.MinutesStatus`), ``related``, ``site``,
    ``meeting_id``, ``source_item_id`` and ``council`` are known for items synced from a site
    only; with a council, ``body`` is named with it ("Manchester City Council · Audit Committee").
    """

    doc_id: str = ""
    source_path: str = ""
    index: int = 0
    title: str = ""
    link: str = ""
    truncated: bool = False
    resolutions: tuple[Resolution, ...] = ()
    actions: tuple[Action, ...] = ()
    votes: tuple[Vote, ...] = ()
    dated: tuple[DatedStatement, ...] = ()
    number: str | None = None
    body: str | None = None
    meeting_title: str | None = None
    url: str | None = None
    time: str | None = None
    venue: str | None = None
    format: str | None = None
    date: dt.date | None = None
    minutes_status: str | None = None
    related: tuple[RelatedLink, ...] = ()
    site: str | None = None
    meeting_id: str | None = None
    source_item_id: str | None = None
    council: str | None = None
    header: str | None = None
    indexed_at: str | None = None


def encode_item(meta: ItemMeta) -> Metadata:
    """Flat Chroma metadata for an item; optional fields are left out when unknown."""
    out: Metadata = {
        Key.DOC_ID: meta.doc_id,
        Key.SOURCE_PATH: meta.source_path,
        Key.ITEM_INDEX: meta.index,
        Key.ITEM_TITLE: meta.title,
        Key.LINK: meta.link,
        Key.TRUNCATED: meta.truncated,
        Key.RESOLUTIONS: json.dumps([asdict(r) for r in meta.resolutions]),
        Key.ACTIONS: json.dumps([asdict(a) for a in meta.actions]),
        Key.VOTES: json.dumps([asdict(v) for v in meta.votes]),
        Key.DATED: json.dumps([asdict(d) for d in meta.dated]),
    }
    optional: dict[str, Any] = {
        Key.ITEM_NUMBER: meta.number,
        Key.BODY: meta.body,
        Key.MEETING_TITLE: meta.meeting_title,
        Key.URL: meta.url,
        Key.TIME: meta.time,
        Key.VENUE: meta.venue,
        Key.FORMAT: meta.format,
        Key.DATE: meta.date.isoformat() if meta.date else None,
        Key.DATE_NUM: date_num(meta.date) if meta.date else None,
        Key.MINUTES_STATUS: meta.minutes_status,
        Key.RELATED: json.dumps([asdict(r) for r in meta.related]) if meta.related else None,
        Key.SITE: meta.site,
        Key.MEETING_ID: meta.meeting_id,
        Key.SOURCE_ITEM_ID: meta.source_item_id,
        Key.COUNCIL: meta.council,
        Key.HEADER: meta.header,
        Key.INDEXED_AT: meta.indexed_at,
    }
    out.update({key: value for key, value in optional.items() if value is not None})
    return out


def decode_item(metadata: Mapping[str, Any]) -> ItemMeta:
    """The typed form of stored item metadata; a missing field takes its default."""
    raw_date = _text(metadata.get(Key.DATE))
    return ItemMeta(
        doc_id=str(metadata.get(Key.DOC_ID, "")),
        source_path=str(metadata.get(Key.SOURCE_PATH, "")),
        index=int(metadata.get(Key.ITEM_INDEX, 0)),
        title=str(metadata.get(Key.ITEM_TITLE, "")),
        link=str(metadata.get(Key.LINK, "")),
        truncated=bool(metadata.get(Key.TRUNCATED, False)),
        resolutions=tuple(resolution_from_dict(r) for r in _json(metadata, Key.RESOLUTIONS)),
        actions=tuple(action_from_dict(a) for a in _json(metadata, Key.ACTIONS)),
        votes=tuple(_stored_vote(v) for v in _json(metadata, Key.VOTES)),
        dated=tuple(dated_from_dict(d) for d in _json(metadata, Key.DATED)),
        number=_text(metadata.get(Key.ITEM_NUMBER)),
        body=_text(metadata.get(Key.BODY)),
        meeting_title=_text(metadata.get(Key.MEETING_TITLE)),
        url=_text(metadata.get(Key.URL)),
        time=_text(metadata.get(Key.TIME)),
        venue=_text(metadata.get(Key.VENUE)),
        format=_text(metadata.get(Key.FORMAT)),
        date=dt.date.fromisoformat(raw_date) if raw_date else None,
        minutes_status=_text(metadata.get(Key.MINUTES_STATUS)),
        related=tuple(related_from_dict(r) for r in _json(metadata, Key.RELATED)),
        site=_text(metadata.get(Key.SITE)),
        meeting_id=_text(metadata.get(Key.MEETING_ID)),
        source_item_id=_text(metadata.get(Key.SOURCE_ITEM_ID)),
        council=_text(metadata.get(Key.COUNCIL)),
        header=_text(metadata.get(Key.HEADER)),
        indexed_at=_text(metadata.get(Key.INDEXED_AT)),
    )


@dataclass(frozen=True)
class StoredItem:
    """An item as read back: its ID, its verbatim text and its typed metadata."""

    id: str
    text: str
    meta: ItemMeta = field(default_factory=ItemMeta)


# -- units -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRef:
    """What a unit's metadata says about it: the item it answers for and what kind it is."""

    item_id: str
    kind: str
    ordinal: int = 0


def unit_id(ref: UnitRef) -> str:
    """``<item_id>:<first letter of kind><ordinal>``: unique within an item, stable on re-index."""
    return f"{ref.item_id}:{ref.kind[0]}{ref.ordinal}"


def encode_unit(item_metadata: Mapping[str, Any], ref: UnitRef) -> Metadata:
    """A unit's metadata: its item's filter fields, then which item and what part it is."""
    shared: Metadata = {key: item_metadata[key] for key in FILTER_KEYS if key in item_metadata}
    return {**shared, Key.ITEM_ID: ref.item_id, Key.UNIT: ref.kind, Key.ORDINAL: ref.ordinal}


def decode_unit(uid: str, metadata: Mapping[str, Any]) -> UnitRef:
    """The unit's item and kind; a unit stored without them is read from its ID."""
    item_id = uid.partition(":")[0]
    return UnitRef(
        item_id=str(metadata.get(Key.ITEM_ID) or item_id),
        kind=str(metadata.get(Key.UNIT) or ""),
        ordinal=int(metadata.get(Key.ORDINAL, 0)),
    )


def _json(metadata: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(str(metadata.get(key) or "[]"))
    return loaded


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _stored_vote(data: dict[str, Any]) -> Vote:
    """A stored vote; one indexed before votes carried their kind is classified on reading,
    so an older index still orders the motion's vote before procedural ones."""
    vote = vote_from_dict(data)
    return vote if "kind" in data else classified(vote)
