"""BM25 derived from the units stored in Chroma: search, filters inside the index, rebuilding
when another process writes, and nothing kept on local disk."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from index.chunking import Unit
from index.errors import IncompatibleIndexError
from index.lexical import LexicalIndex, LexicalUnit, _columns, _where_mask, matches_where, tokenize
from index.settings import IndexSettings
from index.store import SCHEMA_KEY, SPACE, make_client, open_store


def unit(uid: str, text: str, body: str, day: int) -> LexicalUnit:
    return LexicalUnit(uid, text, {"body": body, "date_num": day, "unit": "chunk"})


@pytest.fixture()
def index() -> LexicalIndex:
    ix = LexicalIndex.in_memory()
    ix.upsert_doc(
        "westvale",
        [
            unit("w1", "The library opening hours review was approved.", "Westvale", 20240110),
            unit("w2", "Parking charges on the High Street were increased.", "Westvale", 20240110),
        ],
    )
    ix.upsert_doc(
        "northmoor",
        [unit("n1", "Tender RFT-2024-315 awarded to Bre-Build Ltd.", "Northmoor", 20250301)],
    )
    return ix


def test_finds_exact_names_and_codes(index: LexicalIndex):
    assert index.search("library hours", 5)[0][0] == "w1"
    assert [uid for uid, _ in index.search("who won RFT-2024-315?", 5)] == ["n1"]
    assert index.search("zebra crossings", 5) == []


def test_hashtag_spellings_and_inflections_meet():
    assert set(tokenize("#FutureTrafford")) >= set(tokenize("#Future Trafford"))
    assert tokenize("adopted") == tokenize("adopts") == tokenize("adopting")
    assert tokenize("libraries") == tokenize("library")


def test_filters_apply_like_chroma_where(index: LexicalIndex):
    assert index.search("parking library tender", 5, {"body": "Northmoor"})[0][0] == "n1"
    assert index.search("library", 5, {"date_num": {"$gte": 20250101}}) == []
    hits = index.search("library parking", 5, {"$and": [{"body": {"$in": ["Westvale"]}}]})
    assert {uid for uid, _ in hits} == {"w1", "w2"}
    assert index.search("library", 5, {"no_such_key": "x"}) == []


def test_upsert_replaces_and_unit_metadata_reads_back(index: LexicalIndex):
    index.upsert_doc("westvale", [unit("w3", "Allotment rents frozen.", "Westvale", 20240201)])
    assert index.search("library", 5) == []
    assert index.search("allotment", 5)[0][0] == "w3"
    got = index.unit("w3")
    assert got is not None and got.metadata == {
        "body": "Westvale",
        "date_num": 20240201,
        "unit": "chunk",
    }
    assert index.unit("w1") is None


def test_the_column_filter_agrees_with_the_reference_on_random_clauses():
    rng = random.Random(7)
    bodies = ["A", "B", "C"]
    metas = []
    for _ in range(300):
        meta: dict = {"unit": rng.choice(["chunk", "resolution"])}
        if rng.random() < 0.9:
            meta["body"] = rng.choice(bodies)
        if rng.random() < 0.8:
            meta["date_num"] = rng.randint(20200101, 20251231)
        metas.append(meta)
    columns = _columns(metas)

    def clause() -> dict:
        kind = rng.randrange(6)
        if kind == 0:
            return {"body": rng.choice(bodies)}
        if kind == 1:
            return {"body": {"$in": rng.sample(bodies, 2)}}
        if kind == 2:
            return {"body": {"$nin": [rng.choice(bodies)]}}
        if kind == 3:
            op = rng.choice(["$gt", "$gte", "$lt", "$lte"])
            return {"date_num": {op: rng.randint(20200101, 20251231)}}
        if kind == 4:
            return {"$or": [clause(), clause()]}
        return {"$and": [clause(), clause()]}

    for _ in range(200):
        where = clause()
        expected = [matches_where(m, where) for m in metas]
        assert _where_mask(where, columns, len(metas)).tolist() == expected, where


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
    reader = LexicalIndex(open_store(settings), refresh_s=0.0)
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

    reader = LexicalIndex(Counting(), refresh_s=3600)
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
    reader = LexicalIndex(open_store(settings), refresh_s=0.0, background=True)
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
    from index.lexical import forget_shared, lexical_index_for

    settings = IndexSettings(data_dir=tmp_path / "data", collection="cached")
    store = open_store(settings)
    store.add_units([stored_unit("a:c0", "Library hours.", "W")], vectors(1))
    forget_shared()
    first = lexical_index_for(settings)
    assert first.search("library", 5)
    saved = list((tmp_path / "data" / "state" / "lexical" / "cached").glob("*.pickle"))
    assert [p.name.split(".")[0] for p in saved] == [store.generation()]

    class NoReads:  # a fresh process whose source must not be read: the saved build serves
        def generation(self) -> str:
            return store.generation()

        def unit_pages(self):
            raise AssertionError("rebuilt although a build for this generation was saved")

    again = LexicalIndex(NoReads(), cache_dir=saved[0].parent)
    assert [uid for uid, _ in again.search("library", 5)] == ["a:c0"]
    store.add_units([stored_unit("b:c0", "Allotment rents.", "W")], vectors(1))
    assert first.search("allotment", 5)  # this process wrote: rebuilt at once, new file
    assert [p.name.split(".")[0] for p in saved[0].parent.glob("*.pickle")] == [store.generation()]
    forget_shared()


def test_a_saved_build_loads_and_searches_without_importing_bm25s(tmp_path: Path):
    import subprocess
    import sys

    from index.lexical import forget_shared, lexical_index_for
    from tests.paths import REPO

    settings = IndexSettings(data_dir=tmp_path / "data", collection="light")
    open_store(settings).add_units([stored_unit("a:c0", "Library hours.", "W")], vectors(1))
    forget_shared()
    assert lexical_index_for(settings).search("library", 5)  # built and saved here
    forget_shared()
    code = (
        "import sys; from index.lexical import lexical_index_for; "
        "from index.settings import IndexSettings; "
        f"ix = lexical_index_for(IndexSettings(data_dir={str(tmp_path / 'data')!r}, "
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
