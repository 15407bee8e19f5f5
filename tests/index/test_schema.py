"""The stored-record schema: typed values survive storage, filters select what they say, and no
other module spells a metadata key. No model, no Chroma."""

from __future__ import annotations

import ast
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from index.chunking import build_records
from index.filters import matches_where
from index.models import (
    Action,
    AgendaItem,
    DatedStatement,
    Meeting,
    MinutesStatus,
    RelatedKind,
    RelatedLink,
    Resolution,
    ResolutionKind,
    Vote,
    VoteResult,
)
from index.schema import (
    ItemMeta,
    Key,
    UnitKind,
    UnitRef,
    date_num,
    decode_item,
    decode_unit,
    doc_filter,
    encode_item,
    encode_unit,
    item_filter,
    unit_id,
)
from tests.paths import REPO

FULL = ItemMeta(
    doc_id="d1",
    source_path="/minutes/eastbrook-2025-03-04.txt",
    index=2,
    title="Play Park Refurbishment",
    link="https://example.org/eastbrook/2025-03-04#item-3",
    truncated=True,
    resolutions=(
        Resolution("That the refurbishment be approved.", "1)", ResolutionKind.RESOLVED),
        Resolution("That the Board noted the survey.", None, ResolutionKind.NOTED),
        Resolution(
            "that the gates be painted.",
            None,
            ResolutionKind.RESOLVED,
            quote="RESOLVED that the gates be painted.",
        ),
    ),
    actions=(
        Action(
            "Ms Adeyemi to report back in June.",
            owner="Ms Adeyemi",
            due="June",
            update="Report drafted.",
            status="open",
            quote="Action – Ms Adeyemi to report back in June.",
        ),
    ),
    votes=(
        Vote(
            "Carried 5 to 2",
            VoteResult.CARRIED,
            motion="refurbish",
            yeas=("Cllr Ames", "Cllr Bell"),
            nays=("Cllr Cole",),
            yea_count=5,
            nay_count=2,
        ),
    ),
    dated=(DatedStatement("The new swings were due to arrive by May 2025.", "by May 2025"),),
    number="3",
    body="Eastbrook Parish Council",
    meeting_title="Eastbrook Parish Council — 4 March 2025",
    url="https://example.org/eastbrook/2025-03-04",
    time="7.00 pm",
    venue="Village Hall",
    format="plain",
    date=date(2025, 3, 4),
    header="Eastbrook Parish Council — 4 March 2025 — Item 3: Play Park Refurbishment",
    indexed_at="2025-03-05T10:00:00+00:00",
)


def test_an_item_survives_encoding_with_every_field_typed() -> None:
    stored = encode_item(FULL)
    assert all(isinstance(v, str | int | float | bool) for v in stored.values())  # Chroma's rule
    assert decode_item(stored) == FULL
    assert decode_item(json.loads(json.dumps(stored))) == FULL  # as a JSON round trip gives it


def test_unknown_optional_fields_are_left_out_and_read_back_as_unknown() -> None:
    bare = ItemMeta(doc_id="d2", source_path="x.txt", title="Apologies", link="x.txt#item-1")
    stored = encode_item(bare)
    for key in (Key.BODY, Key.DATE, Key.DATE_NUM, Key.ITEM_NUMBER, Key.HEADER, Key.INDEXED_AT):
        assert key not in stored
    # Synced-only fields too, so a file indexed before sync existed keeps its item ID.
    for key in (Key.MINUTES_STATUS, Key.RELATED, Key.SITE, Key.MEETING_ID, Key.SOURCE_ITEM_ID):
        assert key not in stored
    assert decode_item(stored) == bare


def test_an_item_synced_from_a_site_keeps_its_status_links_and_origin() -> None:
    synced = replace(
        FULL,
        link="https://democracy.eastbrook.example/mgAi.aspx?ID=8812",
        minutes_status=MinutesStatus.DRAFT,
        related=(
            RelatedLink(
                RelatedKind.DOCUMENTS,
                "https://democracy.eastbrook.example/ieListDocuments.aspx?CId=1&MId=2",
            ),
            RelatedLink(
                RelatedKind.PRINTED_MINUTES,
                "https://democracy.eastbrook.example/documents/g2/Printed%20minutes.pdf?T=1",
                "Printed minutes PDF 120 KB",
            ),
        ),
        site="https://democracy.eastbrook.example/",
        meeting_id="2",
        source_item_id="8812",
    )
    stored = encode_item(synced)
    assert all(isinstance(v, str | int | float | bool) for v in stored.values())
    assert stored[Key.MINUTES_STATUS] == "draft"
    assert decode_item(stored) == synced
    assert decode_item(json.loads(json.dumps(stored))) == synced


def test_a_record_missing_fields_decodes_to_defaults() -> None:
    meta = decode_item({Key.ITEM_TITLE: "Minutes"})
    assert meta.title == "Minutes"
    assert (meta.source_path, meta.link, meta.truncated) == ("", "", False)
    assert meta.resolutions == meta.actions == meta.votes == meta.dated == ()
    assert meta.date is None and meta.body is None


def test_date_num_orders_like_dates() -> None:
    days = [date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 10), date(2025, 10, 1)]
    assert [date_num(d) for d in days] == sorted(date_num(d) for d in days)
    assert date_num(date(2025, 3, 4)) == 20250304
    assert encode_item(FULL)[Key.DATE_NUM] == date_num(FULL.date)


def meeting(body: str, day: date, title: str) -> Meeting:
    text = f"{title} was discussed. RESOLVED: That the {title.lower()} be approved."
    item = AgendaItem(title, text, "1", resolutions=[Resolution(text[text.index("That") :])])
    return Meeting(f"/minutes/{body}-{day}.txt", text, [item], body=body, date=day)


@pytest.fixture(scope="module")
def units() -> list[tuple[str, dict]]:
    """Every unit the chunker stores for three fictional meetings, as (unit id, metadata)."""
    meetings = [
        meeting("Eastbrook", date(2024, 11, 5), "Play park"),
        meeting("Eastbrook", date(2025, 2, 4), "Bus shelter"),
        meeting("Westvale", date(2025, 2, 11), "Library hours"),
    ]
    return [(u.id, u.metadata) for m in meetings for u in build_records(m).units]


def titles(units: list[tuple[str, dict]], where) -> set[str]:
    return {str(meta[Key.ITEM_TITLE]) for _, meta in units if matches_where(meta, where)}


def test_filters_select_units_by_body_and_inclusive_dates(units) -> None:
    assert item_filter() is None
    assert titles(units, item_filter(["Eastbrook"])) == {"Play park", "Bus shelter"}
    assert titles(units, item_filter(["Eastbrook", "Westvale"], date(2025, 1, 1))) == {
        "Bus shelter",
        "Library hours",
    }
    assert titles(units, item_filter((), date(2025, 2, 4), date(2025, 2, 4))) == {"Bus shelter"}
    assert titles(units, item_filter(["Westvale"], None, date(2025, 2, 10))) == set()


def test_a_doc_filter_selects_one_source_document(units) -> None:
    doc_id = str(units[0][1][Key.DOC_ID])
    chosen = {
        str(meta[Key.SOURCE_PATH]) for _, meta in units if matches_where(meta, doc_filter(doc_id))
    }
    assert chosen == {str(units[0][1][Key.SOURCE_PATH])}


def test_units_name_their_item_and_kind(units) -> None:
    kinds = {decode_unit(uid, meta).kind for uid, meta in units}
    assert kinds == {UnitKind.CHUNK, UnitKind.DECISION, UnitKind.RESOLUTION}
    for uid, meta in units:
        ref = decode_unit(uid, meta)
        assert unit_id(ref) == uid


def test_unit_ids_tell_every_kind_apart() -> None:
    """A unit ID takes its kind's first letter: two kinds sharing one would share IDs."""
    kinds = [v for name, v in vars(UnitKind).items() if name.isupper()]
    assert len({kind[0] for kind in kinds}) == len(kinds)


def test_dated_statements_are_stored_as_units_led_by_their_date() -> None:
    text = "The swings were due to arrive by May 2025. RESOLVED: That the park be reopened."
    item = AgendaItem(
        "Play park",
        text,
        "1",
        resolutions=[Resolution("That the park be reopened.")],
        dated=[DatedStatement("The swings were due to arrive by May 2025.", "by May 2025")],
    )
    day = date(2025, 3, 4)
    meeting_ = Meeting("/minutes/eastbrook.txt", text, [item], body="Eastbrook", date=day)
    records = build_records(meeting_)
    [unit] = [u for u in records.units if decode_unit(u.id, u.metadata).kind == UnitKind.DATED]
    assert unit.text.endswith("by May 2025: The swings were due to arrive by May 2025.")
    assert records.items[0].meta.dated == tuple(item.dated)


def test_a_unit_stored_without_its_item_id_is_read_from_its_id() -> None:
    ref = UnitRef("abc123", UnitKind.ACTION, 2)
    meta = encode_unit(encode_item(FULL), ref)
    assert meta[Key.BODY] == FULL.body and Key.LINK not in meta  # filter keys only
    assert decode_unit(unit_id(ref), meta) == ref
    bare = {k: v for k, v in meta.items() if k != Key.ITEM_ID}
    assert decode_unit(unit_id(ref), bare).item_id == "abc123"


# Keys that are not also everyday words ("body", "date" and "unit" are regex groups and
# template names too): spelled anywhere else, they are a second schema.
DISTINCTIVE = {value for name, value in vars(Key).items() if name.isupper() and "_" in value}


def spelled_keys(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in DISTINCTIVE
    }


def test_only_the_schema_spells_metadata_keys() -> None:
    assert {"doc_id", "date_num", "item_id", "resolutions_json"} <= DISTINCTIVE
    sources = [p for pkg in ("bot", "index", "bench") for p in (REPO / pkg).rglob("*.py")]
    offenders = {
        str(p.relative_to(REPO)): sorted(spelled_keys(p))
        for p in sources
        if p != REPO / "index" / "schema.py" and spelled_keys(p)
    }
    assert not offenders
