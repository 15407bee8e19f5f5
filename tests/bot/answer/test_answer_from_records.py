"""From stored records to an answer, without a model or Chroma: the match is built from the
typed record only, and each answer carries the evidence abstention judged it on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.answer.matches import to_match
from bot.answer.service import Answerer
from bot.search.base import Ranked
from bot.search.pipeline import Pipeline, Weighted
from bot.settings import Settings
from index.models import Action, Resolution, Vote, VoteResult
from index.schema import (
    ItemMeta,
    StoredItem,
    UnitKind,
    UnitRef,
    decode_item,
    encode_item,
    encode_unit,
    unit_id,
)
from index.store import IndexStats
from index.units import UnitRow, UnitTable

PARK_TEXT = (
    "Members discussed the play park refurbishment at Brook Lane. "
    "RESOLVED: That the play park refurbishment be approved at a cost of £48,000. "
    "Ms Adeyemi to seek three quotes for the play park surfacing. "
    "The motion was carried 5 to 2."
)
PARK = ItemMeta(
    doc_id="d1",
    source_path="/minutes/eastbrook-2025-03-04.txt",
    index=2,
    title="Play Park Refurbishment",
    link="https://example.org/eastbrook#item-3",
    resolutions=(
        Resolution("That the play park refurbishment be approved at a cost of £48,000."),
        Resolution("That the paddling pool be reopened."),  # not in the text: must not show
    ),
    actions=(
        Action(
            "Ms Adeyemi to seek three quotes for the play park surfacing.",
            owner="Ms Adeyemi",
            update="Quotes received from two firms.",  # not in the text either
        ),
    ),
    votes=(Vote("The motion was carried 5 to 2.", VoteResult.CARRIED, yea_count=5, nay_count=2),),
    number="3",
    body="Eastbrook Parish Council",
    date=date(2025, 3, 4),
    header="Eastbrook Parish Council — 4 March 2025 — Item 3: Play Park Refurbishment",
)
BINS_TEXT = "The Clerk reported on bin collections in Mill Road; missed rounds had fallen."
BINS = ItemMeta(
    doc_id="d2",
    source_path="/minutes/eastbrook-2025-04-01.txt",
    title="Bin Collections",
    link="https://example.org/eastbrook#item-4",
    body="Eastbrook Parish Council",
    date=date(2025, 4, 1),
)


def stored(item_id: str, text: str, meta: ItemMeta) -> StoredItem:
    """The item as the store reads it back: through its flat, encoded metadata."""
    return StoredItem(item_id, text, decode_item(encode_item(meta)))


def test_a_match_is_built_from_the_typed_record_and_quotes_only_what_the_text_says():
    match = to_match(stored("park", PARK_TEXT, PARK), 0.123456)
    assert (match.item_id, match.item_title, match.item_number) == ("park", PARK.title, "3")
    assert (match.source_path, match.link, match.body) == (PARK.source_path, PARK.link, PARK.body)
    assert match.meeting_date == "2025-03-04"
    assert match.score == 0.1235
    assert [r.text for r in match.resolutions] == [PARK.resolutions[0].text]
    assert [(a.owner, a.update) for a in match.actions] == [("Ms Adeyemi", None)]
    assert match.votes == [PARK.votes[0]]
    assert match.truncated is False
    undated = to_match(stored("x", PARK_TEXT, replace(PARK, date=None, number=None)), 1.0)
    assert undated.meeting_date is None and undated.item_number is None


class FakeStore:
    def __init__(self, items: dict[str, StoredItem]) -> None:
        self.items = items

    def get_items(self, ids):
        return {i: self.items[i] for i in ids if i in self.items}

    def item_catalogue(self) -> dict[str, ItemMeta]:
        return {i: item.meta for i, item in self.items.items()}

    def stats(self) -> IndexStats:
        return IndexStats(bodies=["Eastbrook Parish Council"], meetings=2, items=len(self.items))


class ScoreBook:
    """A searcher whose ranking depends on the question, as a real one's would."""

    def __init__(self, name: str, rankings: dict[str, list[Ranked]]) -> None:
        self.name = name
        self.rankings = rankings

    def search(self, text, k, where=None) -> list[Ranked]:
        return next((r for word, r in self.rankings.items() if word in text), [])


def chunk_table(items: dict[str, StoredItem]) -> UnitTable:
    """An in-memory lexical index holding each item's text as its one chunk."""
    lexical = UnitTable.in_memory()
    refs = [(UnitRef(i, UnitKind.CHUNK), item) for i, item in items.items()]
    lexical.upsert_doc(
        "d",
        [
            UnitRow(unit_id(ref), item.text, encode_unit(encode_item(item.meta), ref))
            for ref, item in refs
        ],
    )
    return lexical


@pytest.fixture
def parts(tmp_path: Path):
    items = {"park": stored("park", PARK_TEXT, PARK), "bins": stored("bins", BINS_TEXT, BINS)}
    settings = Settings(data_dir=tmp_path / "data")
    return settings, FakeStore(items), chunk_table(items)


def answerer(parts, searcher) -> Answerer:
    settings, store, lexical = parts
    return Answerer(
        settings,
        store,
        pipeline=Pipeline("test", [Weighted(searcher)]),
        lexical=lexical,
        today=date(2025, 5, 1),
    )


def test_each_answer_carries_the_evidence_for_its_own_top_candidate(parts):
    dense = ScoreBook(
        "dense",
        {
            "play park": [Ranked("park", 0.72), Ranked("bins", 0.30)],
            "swimming": [Ranked("bins", 0.12)],
        },
    )
    bot = answerer(parts, dense)
    found = bot.ask("What was decided about the play park refurbishment?")
    missed = bot.ask("What did Eastbrook decide about swimming lessons?")

    assert found.found and found.matches[0].item_id == "park"
    assert found.evidence is not None and found.evidence.dense == 0.72
    assert found.evidence.coverage > 0.5
    assert not missed.found and missed.near_misses == []
    assert missed.evidence is not None and missed.evidence.dense == 0.12
    assert found.evidence.dense == 0.72  # asking again did not overwrite the first answer's
    assert missed.searched["items"] == 2


def test_without_a_dense_signal_the_evidence_has_no_similarity(parts):
    bm25 = ScoreBook("lexical", {"play park": [Ranked("park", 7.5)]})
    answer = answerer(parts, bm25).ask("Who is getting quotes for the play park surfacing?")
    assert answer.evidence is not None and answer.evidence.dense is None
    assert answer.found and answer.matches[0].actions[0].owner == "Ms Adeyemi"


def test_nothing_retrieved_means_no_evidence(parts):
    answer = answerer(parts, ScoreBook("dense", {})).ask("What about the play park?")
    assert answer.evidence is None and not answer.found
