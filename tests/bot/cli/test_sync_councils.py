"""Several councils in one index: two modern.gov sites (fakes on 127.0.0.1), each with an
"Audit Committee", synced into one data folder by ``minutes-bot sync`` and asked about by
council through ``minutes-bot ask``, as a county or shared service would run them.

Northfield's pages end their titles with the council's name, as real modern.gov sites do;
Southbrook's say nothing, so it is synced with ``--council``. Each council's audit committee
is its own body everywhere: stored, in the catalogue, in filters and in the printed header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, cast

import pytest

from bot.answer.catalogue import Catalogue
from bot.settings import Settings
from index.store import open_store
from tests.bot.cli.sync_probe import ask_json, ask_text, run_sync, stored
from tests.index.sites.fake_moderngov import Committee, FakeModernGov, Item, Meeting

pytestmark = pytest.mark.slow

TODAY = dt.date.today()
NORTHFIELD = "Northfield City Council"
SOUTHBROOK = "Southbrook District Council"
NORTH_RESOLVED = (
    "That the internal audit work programme for 2027/28 be approved, with a review of "
    "purchasing cards added to the third quarter."
)
SOUTH_RESOLVED = (
    "That the committee's work programme be agreed, with the fraud risk assessment moved to "
    "the March meeting."
)


def _minutes(text: str, resolved: str) -> str:
    return f'<p class="MsoNormal">{text}</p>\n<p class="MsoNormal">RESOLVED: {resolved}</p>'


def _site(prefix: str, item_id: int, text: str, resolved: str, **options: Any) -> FakeModernGov:
    committees = [Committee(4101, "Audit Committee"), Committee(4102, "Cabinet")]
    meetings = [
        Meeting(
            9101,
            4101,
            TODAY - dt.timedelta(days=20),
            items=[
                Item(item_id, "Work Programme", "", "7", html=_minutes(text, resolved)),
            ],
        ),
        Meeting(
            9102,
            4102,
            TODAY - dt.timedelta(days=30),
            items=[
                Item(
                    item_id + 1,
                    "Library Opening Hours",
                    "",
                    "3",
                    html=_minutes(
                        "The Cabinet considered opening hours at the central library.",
                        "That Saturday opening be extended to 5.00 pm.",
                    ),
                )
            ],
        ),
    ]
    return FakeModernGov(committees, meetings, prefix=prefix, **options)


@pytest.fixture(scope="module")
def synced(tmp_path_factory) -> Iterator[dict[str, Any]]:
    data_dir = tmp_path_factory.mktemp("councils") / "data"
    north = _site(
        "northfield",
        51001,
        "The committee considered the Head of Internal Audit's proposed work programme.",
        NORTH_RESOLVED,
        council=NORTHFIELD,
    )
    south = _site(
        "southbrook",
        52001,
        "The committee reviewed its own work programme for the rest of the year.",
        SOUTH_RESOLVED,
    )
    with north, south:
        runs = [
            run_sync(data_dir, north.url),
            run_sync(data_dir, south.url, "--council", SOUTHBROOK),
        ]
        urls = {"north": north.url, "south": south.url}
        yield {"data_dir": data_dir, "runs": runs, "urls": urls, "south": south}


def test_each_site_is_stored_with_its_council(synced: dict[str, Any]) -> None:
    assert [run.code for run in synced["runs"]] == [0, 0], [r.stderr for r in synced["runs"]]
    items = stored(synced["data_dir"])
    assert {(m.council, m.body) for _text, m in items.values()} == {
        (NORTHFIELD, f"{NORTHFIELD} · Audit Committee"),
        (NORTHFIELD, f"{NORTHFIELD} · Cabinet"),
        (SOUTHBROOK, f"{SOUTHBROOK} · Audit Committee"),
        (SOUTHBROOK, f"{SOUTHBROOK} · Cabinet"),
    }
    # the minutes' own text is not changed: the council is in the metadata only
    text, _meta = items["51001"]
    assert NORTHFIELD not in text and text.startswith("The committee considered")


def test_the_catalogue_lists_each_councils_audit_committee(synced: dict[str, Any]) -> None:
    store = open_store(Settings(data_dir=synced["data_dir"]))
    bodies = Catalogue(store, cast(Any, None)).bodies
    audit = [b for b in bodies if b.endswith("Audit Committee")]
    assert audit == [f"{NORTHFIELD} · Audit Committee", f"{SOUTHBROOK} · Audit Committee"]
    assert store.stats().bodies == bodies


@pytest.mark.parametrize(
    ("place", "council", "site", "item", "resolved"),
    [
        ("Northfield", NORTHFIELD, "north", "51001", NORTH_RESOLVED),
        ("Southbrook", SOUTHBROOK, "south", "52001", SOUTH_RESOLVED),
    ],
)
def test_a_question_naming_the_council_is_answered_from_its_minutes(
    synced: dict[str, Any], place: str, council: str, site: str, item: str, resolved: str
) -> None:
    question = f"what did {place}'s audit committee consider about its work programme?"
    answer = ask_json(synced["data_dir"], question)
    assert answer["found"], answer
    assert answer["filters"]["bodies"] == [f"{council} · Audit Committee"]
    best = answer["matches"][0]
    assert best["link"] == f"{synced['urls'][site]}mgAi.aspx?ID={item[:5]}"
    assert best["body"] == f"{council} · Audit Committee"
    assert [r["text"] for r in best["resolutions"]] == [resolved]
    other = NORTH_RESOLVED if resolved == SOUTH_RESOLVED else SOUTH_RESOLVED
    assert other not in str(answer)
    printed = ask_text(synced["data_dir"], question)
    assert f"{council} · Audit Committee" in printed and resolved in printed


def test_a_council_the_index_does_not_hold_is_refused(synced: dict[str, Any]) -> None:
    answer = ask_json(
        synced["data_dir"], "what did Eastwich's audit committee consider about its work programme?"
    )
    assert answer["answer"] is None and answer["matches"] == []
    assert answer["refusal"]["kind"] == "unknown_place"
    assert answer["refusal"]["name"] == "Eastwich"
    held = {h["name"]: h["bodies"] for h in answer["refusal"]["held"]}
    assert held == {NORTHFIELD: 2, SOUTHBROOK: 2}  # what the index has, a line per council


def test_a_later_sync_keeps_the_council_it_was_given(synced: dict[str, Any]) -> None:
    """Southbrook's pages never name it: a re-sync without ``--council`` (as cron runs it,
    ``--full`` so every meeting is read again) keeps the name the first sync was given."""
    before = stored(synced["data_dir"])
    again = run_sync(synced["data_dir"], synced["south"].url, "--full")
    assert again.code == 0, again.stderr
    after = stored(synced["data_dir"])
    assert after["52001"][1].body == f"{SOUTHBROOK} · Audit Committee"
    assert {k: m.body for k, (_t, m) in after.items()} == {
        k: m.body for k, (_t, m) in before.items()
    }
