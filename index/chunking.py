"""Turn a parsed Meeting into retrievable units and item records, with IDs from content.

One agenda item is the unit of meaning. Retrieval sees:
- ``chunk`` units: the item's text in windows that fit the model (256 word pieces), each
  prefixed by the meeting and item header so a window is never anonymous;
- a ``decision`` chunk holding the item's resolutions and actions together, so resolutions are
  never split away from their item or from each other;
- one ``resolution`` unit per resolution and one ``action`` unit per action, pointing back to
  their item, so "who owns X" can match the one sentence that says so;
- one ``when`` unit per dated statement ("… due to be completed by June 2024"), led by its
  date phrase, so "when will X happen?" can match the sentence that dates it.
IDs hash the content (and the metadata shown with it), so indexing twice changes nothing and
an edited file produces new IDs whose old ones get deleted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from index.models import AgendaItem, Meeting
from index.schema import ItemMeta, Metadata, UnitKind, UnitRef, encode_item, encode_unit, unit_id


@dataclass(frozen=True)
class Unit:
    """A piece of text we embed and search; ``item_id`` says which item it answers for."""

    id: str
    kind: str
    text: str
    item_id: str
    metadata: Metadata


@dataclass(frozen=True)
class ItemRecord:
    """An agenda item as stored: its verbatim text plus everything an answer quotes from it.

    ``header`` (meeting and item names) is what the item's vector embeds; ``meta`` leaves it
    out, because the ID hashes ``meta`` and the text only.
    """

    id: str
    text: str
    header: str
    meta: ItemMeta


@dataclass
class DocumentRecords:
    doc_id: str
    items: list[ItemRecord] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)


def doc_id_for(path: str) -> str:
    """A file's ID hashes its absolute path; a page synced from a site (a URL) hashes the URL,
    which must not be resolved against the working directory like a relative file name."""
    if is_url(path):
        return _digest(path)[:16]
    return _digest(str(Path(path).resolve()))[:16]


def is_url(source_path: str) -> bool:
    return source_path.startswith(("http://", "https://"))


def link_for(meeting: Meeting, item: AgendaItem, index: int) -> str:
    """The page a reader should open: the item's own page, else the meeting's page, else the
    file path and item number."""
    if item.url:
        return item.url
    if meeting.url:
        return meeting.url
    return f"{meeting.source_path}#item-{item.number or index + 1}"


def item_header(meeting: Meeting, item: AgendaItem) -> str:
    parts = [meeting.body or meeting.title or Path(meeting.source_path).stem]
    if meeting.date:
        parts.append(meeting.date.strftime("%-d %B %Y"))
    label = f"Item {item.number}: {item.title}" if item.number else item.title
    return " — ".join([*parts, label])


def build_records(
    meeting: Meeting, *, chunk_words: int = 180, overlap_words: int = 40
) -> DocumentRecords:
    doc_id = doc_id_for(meeting.source_path)
    records = DocumentRecords(doc_id=doc_id)
    for index, item in enumerate(meeting.items):
        header = item_header(meeting, item)
        meta = _item_meta(meeting, item, index, doc_id)
        stored = encode_item(meta)
        item_id = _digest(json.dumps([stored, item.text], sort_keys=True, default=str))[:20]
        records.items.append(ItemRecord(id=item_id, text=item.text, header=header, meta=meta))
        records.units.extend(_units_for(item, item_id, header, stored, chunk_words, overlap_words))
    return records


def _item_meta(meeting: Meeting, item: AgendaItem, index: int, doc_id: str) -> ItemMeta:
    return ItemMeta(
        doc_id=doc_id,
        source_path=meeting.source_path,
        index=index,
        title=item.title,
        link=link_for(meeting, item, index),
        truncated=item.truncated,
        resolutions=tuple(item.resolutions),
        actions=tuple(item.actions),
        votes=tuple(item.votes),
        dated=tuple(item.dated),
        number=item.number,
        body=meeting.body,
        meeting_title=meeting.title,
        url=meeting.url,
        time=meeting.time,
        venue=meeting.venue,
        format=meeting.format,
        date=meeting.date,
        minutes_status=meeting.minutes_status,
        related=tuple(meeting.related),
        site=meeting.site,
        meeting_id=meeting.meeting_id,
        source_item_id=item.source_id,
        council=meeting.council,
    )


def _units_for(
    item: AgendaItem,
    item_id: str,
    header: str,
    item_meta: Metadata,
    chunk_words: int,
    overlap_words: int,
) -> list[Unit]:
    units: list[Unit] = []

    def add(kind: str, ordinal: int, body: str) -> None:
        ref = UnitRef(item_id, kind, ordinal)
        text = f"{header}\n{body}".strip()
        units.append(Unit(unit_id(ref), kind, text, item_id, encode_unit(item_meta, ref)))

    for ordinal, window in enumerate(split_words(item.text, chunk_words, overlap_words)):
        add(UnitKind.CHUNK, ordinal, window)
    decisions = [r.text for r in item.resolutions] + [a.text for a in item.actions]
    if decisions:
        add(UnitKind.DECISION, 0, "\n".join(decisions))
    for ordinal, resolution in enumerate(item.resolutions):
        add(UnitKind.RESOLUTION, ordinal, resolution.text)
    for ordinal, action in enumerate(item.actions):
        owner = f"{action.owner}: " if action.owner else ""
        add(UnitKind.ACTION, ordinal, f"{owner}{action.text}")
    for ordinal, dated in enumerate(item.dated):
        add(UnitKind.DATED, ordinal, f"{dated.when}: {dated.text}")
    if not units:
        add(UnitKind.CHUNK, 0, item.title)
    return units


def split_words(text: str, size: int, overlap: int) -> list[str]:
    """Word windows of ``size`` with ``overlap``; a short text is one window."""
    words = text.split()
    if len(words) <= size:
        return [" ".join(words)] if words else []
    step = max(size - overlap, 1)
    windows = []
    for start in range(0, len(words), step):
        windows.append(" ".join(words[start : start + size]))
        if start + size >= len(words):
            break
    return windows


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
