"""Re-indexing is idempotent, incremental, and ends in the same index after an interruption."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.settings import Settings
from index.chunking import build_records
from index.formats import parse_document
from index.indexer import STATUS_INDEXED, STATUS_UNCHANGED, index_paths
from index.schema import Key
from index.sources import discover, read_source
from index.store import MinutesStore, open_store

pytestmark = pytest.mark.slow


def snapshot(store: MinutesStore) -> dict[str, object]:
    """Everything stored except the time it was stored."""
    units = store.units.get(include=["documents", "metadatas"])
    items = store.items.get(include=["documents", "metadatas"])
    return {
        "units": sorted(
            zip(units["ids"], units["documents"], map(_sorted, units["metadatas"]), strict=True)
        ),
        "items": sorted(
            (i, d, _sorted({k: v for k, v in m.items() if k != Key.INDEXED_AT}))
            for i, d, m in zip(items["ids"], items["documents"], items["metadatas"], strict=True)
        ),
    }


def _sorted(meta: dict) -> tuple:
    return tuple(sorted(meta.items()))


@pytest.fixture
def corpus(tmp_path: Path, samples_dir: Path) -> Path:
    folder = tmp_path / "minutes"
    shutil.copytree(samples_dir, folder)
    return folder


@pytest.fixture(scope="module")
def clean_snapshot(tmp_path_factory, samples_dir: Path, embedder) -> dict[str, object]:
    """The index one uninterrupted run gives, over a copy at the same relative place."""
    root = tmp_path_factory.mktemp("clean")
    folder = root / "minutes"
    shutil.copytree(samples_dir, folder)
    settings = Settings(data_dir=root / "data")
    index_paths([folder], settings, embedder=embedder)
    snap = snapshot(open_store(settings))
    return {"root": root, "snapshot": snap}


def test_indexing_twice_changes_nothing(corpus: Path, tmp_path: Path, embedder) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = index_paths([corpus], settings, embedder=embedder)
    before = snapshot(open_store(settings))
    second = index_paths([corpus], settings, embedder=embedder)

    assert first.count(STATUS_INDEXED) == len(first.outcomes) > 0
    assert second.count(STATUS_UNCHANGED) == len(second.outcomes)
    assert second.units_added == second.units_deleted == 0
    assert snapshot(open_store(settings)) == before


def test_an_edited_file_replaces_its_old_chunks(corpus: Path, tmp_path: Path, embedder) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    index_paths([corpus], settings, embedder=embedder)
    target = next(p for p in discover([corpus]) if "library-opening-hours" in p.name)
    text = target.read_text(encoding="utf-8")
    edited = text.replace("six months", "nine months")
    assert edited != text
    target.write_text(edited, encoding="utf-8")

    summary = index_paths([corpus], settings, embedder=embedder)
    assert [Path(o.path).name for o in summary.outcomes if o.status == STATUS_INDEXED] == [
        target.name
    ]
    store = open_store(settings)
    stored = store.items.get(where={Key.SOURCE_PATH: str(target)}, include=["documents"])
    assert stored["documents"] and all("nine months" in d for d in stored["documents"])
    assert not any("six months" in d for d in stored["documents"])
    expected = build_records(parse_document(read_source(target)))
    assert sorted(stored["ids"]) == sorted(i.id for i in expected.items)
    units = store.units.get(where={Key.SOURCE_PATH: str(target)}, include=[])
    assert sorted(units["ids"]) == sorted(u.id for u in expected.units)


def test_interrupted_run_then_rerun_equals_a_clean_run(clean_snapshot, embedder) -> None:
    """Interrupt after the second file, and leave a third half-written (units, no items)."""
    root: Path = clean_snapshot["root"]
    folder = root / "minutes"
    settings = Settings(data_dir=root / "interrupted")
    files = list(discover([folder]))

    class Interrupted(Exception):
        pass

    seen: list[str] = []

    def stop_after_two(path: str) -> None:
        seen.append(path)
        if len(seen) == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        index_paths([folder], settings, embedder=embedder, on_file=stop_after_two)
    store = open_store(settings)
    half = build_records(parse_document(read_source(files[2])))
    store.add_units(half.units, embedder.embed_documents([u.text for u in half.units]))
    assert snapshot(store) != clean_snapshot["snapshot"]

    rerun = index_paths([folder], settings, embedder=embedder)
    assert rerun.count(STATUS_UNCHANGED) == 2
    assert snapshot(open_store(settings)) == clean_snapshot["snapshot"]
