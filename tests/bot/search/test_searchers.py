"""The dense and BM25 searchers rank items by their best unit (fake vectors, real BM25)."""

from __future__ import annotations

from pathlib import Path

from bot.search.base import UNITS_PER_ITEM, Ranked
from bot.search.bm25 import BM25Searcher
from bot.search.dense import DenseSearcher
from bot.search.pipeline import CONVEX
from bot.search.pipelines import HYBRID, baselines, standard
from index.schema import Key, UnitKind, UnitRef, encode_unit, item_filter, unit_id
from index.store import UnitHit
from index.units import UnitRow, UnitTable


class FakeStore:
    """Chroma's part in dense search: the hits for a query vector, best first."""

    def __init__(self, hits: list[UnitHit]) -> None:
        self.hits = hits
        self.asked: list[tuple[int, object]] = []

    def query(self, vector, k, where=None, **_) -> list[UnitHit]:
        self.asked.append((k, where))
        return self.hits[:k]


class FakeEmbedder:
    def embed_query(self, text: str) -> list[float]:
        return [float(len(text))]


def test_dense_ranks_items_by_their_best_unit():
    hits = [
        UnitHit("a:r0", "a", UnitKind.RESOLUTION, "…", 0.81),
        UnitHit("b:c0", "b", UnitKind.CHUNK, "…", 0.80),
        UnitHit("a:c0", "a", UnitKind.CHUNK, "…", 0.62),
        UnitHit("c:c0", "c", UnitKind.CHUNK, "…", 0.80),
    ]
    store = FakeStore(hits)
    where = item_filter(["Eastbrook"])
    got = DenseSearcher(store, FakeEmbedder()).search("play park", 3, where)
    assert got == [Ranked("a", 0.81), Ranked("b", 0.80), Ranked("c", 0.80)]  # ties: hit order
    assert store.asked == [(3 * UNITS_PER_ITEM, where)]


def lexical_unit(item_id: str, kind: str, ordinal: int, text: str, body: str) -> UnitRow:
    ref = UnitRef(item_id, kind, ordinal)
    item_meta = {Key.BODY: body}  # the filter field the chunker copies from its item
    return UnitRow(unit_id(ref), text, encode_unit(item_meta, ref))


def test_lexical_ranks_items_by_their_best_unit_and_filters(tmp_path: Path):
    index = UnitTable.in_memory()
    index.upsert_doc(
        "doc",
        [
            lexical_unit(
                "park", UnitKind.CHUNK, 0, "The play park refurbishment was discussed.", "E"
            ),
            lexical_unit("park", UnitKind.RESOLUTION, 0, "Play park refurbishment approved.", "E"),
            lexical_unit("bus", UnitKind.CHUNK, 0, "A bus shelter beside the park.", "E"),
            lexical_unit("lib", UnitKind.CHUNK, 0, "Library park and ride hours.", "W"),
        ],
    )
    searcher = BM25Searcher(index)
    got = searcher.search("play park refurbishment", 5)
    assert got[0].item_id == "park"
    assert {r.item_id for r in got} == {"park", "bus", "lib"}
    assert len(got) == 3  # one entry per item, at its best unit
    assert [r.item_id for r in searcher.search("park", 5, item_filter(["W"]))] == ["lib"]


def test_the_product_and_baselines_are_named_as_the_evaluation_reports_them():
    store, embedder, index = FakeStore([]), FakeEmbedder(), UnitTable.in_memory()
    product = standard(store, embedder, index)
    assert product.name == HYBRID
    assert [(w.searcher.name, w.weight) for w in product.searchers] == [
        ("dense", 0.7),
        ("lexical", 0.3),
    ]
    assert product.fusion == CONVEX
    assert [p.name for p in baselines(store, embedder, index)] == ["dense", "lexical"]
