"""The unit table derived from the units stored in Chroma: BM25 search, filters inside the
table, rebuilding when another process writes, and saved builds (only derived copies) reused or
replaced."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from index.chunking import Unit
from index.errors import IncompatibleIndexError
from index.settings import IndexSettings
from index.store import SCHEMA_KEY, SPACE, make_client, open_store
from index.units import UnitRow, UnitTable


def unit(uid: str, text: str, body: str, day: int) -> UnitRow:
    return UnitRow(uid, text, {"body": body, "date_num": day, "unit": "chunk"})


@pytest.fixture()
def table() -> UnitTable:
    t = UnitTable.in_memory()
    t.upsert_doc(
        "westvale",
        [
            unit("w1", "The library opening hours review was approved.", "Westvale", 20240110),
            unit("w2", "Parking charges on the High Street were increased.", "Westvale", 20240110),
        ],
    )
    t.upsert_doc(
        "northmoor",
        [unit("n1", "Tender RFT-2024-315 awarded to Bre-Build Ltd.", "Northmoor", 20250301)],
    )
    return t


def test_finds_exact_names_and_codes(table: UnitTable):
    assert table.search("library hours", 5)[0][0] == "w1"
    assert [uid for uid, _ in table.search("who won RFT-2024-315?", 5)] == ["n1"]
    assert table.search("zebra crossings", 5) == []


def test_filters_apply_like_chroma_where(table: UnitTable):
    assert table.search("parking library tender", 5, {"body": "Northmoor"})[0][0] == "n1"
    assert table.search("library", 5, {"date_num": {"$gte": 20250101}}) == []
    hits = table.search("library parking", 5, {"$and": [{"body": {"$in": ["Westvale"]}}]})
    assert {uid for uid, _ in hits} == {"w1", "w2"}
    assert table.search("library", 5, {"no_such_key": "x"}) == []


def test_upsert_replaces_and_unit_metadata_reads_back(table: UnitTable):
    table.upsert_doc("westvale", [unit("w3", "Allotment rents frozen.", "Westvale", 20240201)])
    assert table.search("library", 5) == []
    assert table.search("allotment", 5)[0][0] == "w3"
    got = table.unit("w3")
    assert got is not None and got.metadata == {
        "body": "Westvale",
        "date_num": 20240201,
        "unit": "chunk",
    }
    assert table.unit("w1") is None


# -- derived from the store ---------------------------------------------------------------------


def stored_unit(uid: str, text: str, body: str) -> Unit:
    item_id = uid.partition(":")[0]
    meta = {"doc_id": f"doc-{item_id}", "body": body, "item_id": item_id, "unit": "chunk"}
    return Unit(uid, "chunk", text, item_id, meta)


def vectors(n: int) -> list[list[float]]:
    return [[1.0, float(i), 0.5] for i in range(n)]


def test_built_from_chroma_and_rebuilt_when_another_process_writes(tmp_path: Path):
    settings = IndexSettings(data_dir=tmp_path / "data")
    writer = open_store(settings)
    units = [
        stored_unit("a:c0", "The library opening hours review was approved.", "Westvale"),
        stored_unit("b:c0", "Tender RFT-2024-315 awarded to Bre-Build Ltd.", "Northmoor"),
    ]
    writer.add_units(units, vectors(2))
    # A reader with its own client, as another replica would have.
    reader = UnitTable(open_store(settings), refresh_s=0.0)
    assert [uid for uid, _ in reader.search("RFT-2024-315", 5)] == ["b:c0"]
    first = reader.generation

    writer.add_units([stored_unit("c:c0", "Allotment rents frozen.", "Westvale")], vectors(1))
    assert [uid for uid, _ in reader.search("allotment rents", 5)] == ["c:c0"]
    assert reader.generation != first
    writer.delete(["b:c0"], [])
    assert reader.search("RFT-2024-315", 5) == []
    assert reader.search("library", 5, {"body": "Northmoor"}) == []

    # Nothing about the minutes outside Chroma's own folder.
    outside = [p for p in (tmp_path / "data").rglob("*") if "chroma" not in p.parts and p.is_file()]
    assert outside == []


def test_a_reader_asks_for_changes_at_most_every_refresh_interval(tmp_path: Path):
    settings = IndexSettings(data_dir=tmp_path / "data")
    store = open_store(settings)
    store.add_units([stored_unit("a:c0", "Library hours.", "W")], vectors(1))
    calls = []

    class Counting:
        def generation(self) -> str:
            calls.append(1)
            return store.generation()

        def unit_pages(self):
            return store.unit_pages()

    reader = UnitTable(Counting(), refresh_s=3600)
    for _ in range(5):
        assert reader.search("library", 1)
    assert len(calls) == 1


def test_a_collection_made_by_another_version_is_one_clear_error(tmp_path: Path):
    settings = IndexSettings(data_dir=tmp_path / "data", collection="council")
    make_client(settings).create_collection(
        "council", embedding_function=None, metadata={**SPACE, SCHEMA_KEY: 99}
    )
    with pytest.raises(IncompatibleIndexError) as err:
        open_store(settings)
    message = str(err.value)
    assert "'council'" in message and "another version" in message and "\n" not in message


def test_a_change_by_another_process_is_built_in_the_background(tmp_path: Path, monkeypatch):
    settings = IndexSettings(data_dir=tmp_path / "data")
    store = open_store(settings)
    store.add_units([stored_unit("a:c0", "Library hours.", "W")], vectors(1))
    reader = UnitTable(open_store(settings), refresh_s=0.0, background=True)
    assert [uid for uid, _ in reader.search("library", 5)] == ["a:c0"]
    # Writes from here on look like another process's (not counted as this process's own).
    monkeypatch.setattr("index.store.local_writes", lambda: -7)
    reader.search("library", 5)
    store.add_units([stored_unit("b:c0", "Allotment rents frozen.", "W")], vectors(1))
    first = reader.search("allotment", 5)  # served by the previous build meanwhile
    deadline = time.monotonic() + 30
    while not reader.search("allotment", 5):
        assert time.monotonic() < deadline, "the background build never landed"
        time.sleep(0.05)
    assert first == [] and reader.search("allotment", 5)[0][0] == "b:c0"


def test_embedded_mode_reuses_a_build_saved_for_the_same_generation(tmp_path: Path):
    from index.units import forget_shared, unit_table_for

    settings = IndexSettings(data_dir=tmp_path / "data", collection="cached")
    store = open_store(settings)
    store.add_units([stored_unit("a:c0", "Library hours.", "W")], vectors(1))
    forget_shared()
    first = unit_table_for(settings)
    assert first.search("library", 5)
    saved = list((tmp_path / "data" / "state" / "lexical" / "cached").glob("*.pickle"))
    assert [p.name.split(".")[0] for p in saved] == [store.generation()]

    class NoReads:  # a fresh process whose source must not be read: the saved build serves
        def generation(self) -> str:
            return store.generation()

        def unit_pages(self):
            raise AssertionError("rebuilt although a build for this generation was saved")

    again = UnitTable(NoReads(), cache_dir=saved[0].parent)
    assert [uid for uid, _ in again.search("library", 5)] == ["a:c0"]
    store.add_units([stored_unit("b:c0", "Allotment rents.", "W")], vectors(1))
    assert first.search("allotment", 5)  # this process wrote: rebuilt at once, new file
    assert [p.name.split(".")[0] for p in saved[0].parent.glob("*.pickle")] == [store.generation()]
    forget_shared()


def test_a_saved_build_loads_and_searches_without_importing_bm25s(tmp_path: Path):
    import subprocess
    import sys

    from index.units import forget_shared, unit_table_for
    from tests.paths import REPO

    settings = IndexSettings(data_dir=tmp_path / "data", collection="light")
    open_store(settings).add_units([stored_unit("a:c0", "Library hours.", "W")], vectors(1))
    forget_shared()
    assert unit_table_for(settings).search("library", 5)  # built and saved here
    forget_shared()
    code = (
        "import sys; from index.units import unit_table_for; "
        "from index.settings import IndexSettings; "
        f"ix = unit_table_for(IndexSettings(data_dir={str(tmp_path / 'data')!r}, "
        "collection='light')); "
        "print([u for u, _ in ix.search('library', 5)], 'bm25s' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["['a:c0']", "False"]


def test_a_build_saved_by_an_older_version_is_rebuilt_and_replaced(tmp_path: Path):
    from index.units import CACHE_FORMAT, forget_shared, unit_table_for

    settings = IndexSettings(data_dir=tmp_path / "data", collection="older")
    store = open_store(settings)
    store.add_units([stored_unit("a:c0", "Library hours.", "W")], vectors(1))
    folder = tmp_path / "data" / "state" / "lexical" / "older"
    folder.mkdir(parents=True)
    # What the version before the unit table left: its format tag, its class paths.
    older = b"\x80\x04cindex.lexical\n_Built\n."
    (folder / f"{store.generation()}.v3.pickle").write_bytes(older)
    (folder / f"{store.generation()}.v3.vectors").write_bytes(b"\0" * 12)
    forget_shared()
    assert [uid for uid, _ in unit_table_for(settings).search("library", 5)] == ["a:c0"]
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{store.generation()}.{CACHE_FORMAT}.pickle",
        f"{store.generation()}.{CACHE_FORMAT}.vectors",
    ]

    # The same bytes under this version's name (a file it cannot read) are rebuilt over.
    (folder / f"{store.generation()}.{CACHE_FORMAT}.pickle").write_bytes(older)
    forget_shared()
    assert [uid for uid, _ in unit_table_for(settings).search("library", 5)] == ["a:c0"]
    forget_shared()
    assert (folder / f"{store.generation()}.{CACHE_FORMAT}.pickle").read_bytes() != older
