"""Splitting answers into messages (fast: no model, no index): at most 50 blocks a message, and
only ever between quotes."""

from __future__ import annotations

import pytest

from bot.answer.models import Answer, ItemMatch
from bot.slack.render.blocks import MAX_BLOCKS, MAX_SECTION_TEXT, answer_messages
from bot.slack.render.limits import ELLIPSIS, clip, split
from bot.slack.render.packing import pack
from bot.slack.render.payloads import Page
from index.models import Resolution
from prompts.mrkdwn import ENTITY, escape, unescape
from tests.bot.slack.blockkit import as_json, button, texts


def block(name: str) -> dict[str, str]:
    """Packing only counts and orders blocks, so any labelled stand-in will do."""
    return {"name": name}


def names(messages) -> list[list[str]]:
    return [[b["name"] for b in m] for m in messages]


def group(name: str, *sizes: int) -> list[list[dict[str, str]]]:
    """An item whose units hold ``sizes`` blocks each: ``a0.0``, ``a0.1``, ``a1.0`` …"""
    return [[block(f"{name}{u}.{i}") for i in range(size)] for u, size in enumerate(sizes)]


def test_items_that_fit_share_a_message_and_the_footer_closes_the_last():
    messages = pack([block("intro")], [group("a", 1, 1), group("b", 2)], [block("foot")], limit=6)
    assert names(messages) == [["intro", "a0.0", "a1.0", "b0.0", "b0.1", "foot"]]


def test_an_item_that_does_not_fit_moves_whole_to_the_next_message():
    messages = pack([block("intro")], [group("a", 2), group("b", 1, 2)], [block("foot")], limit=5)
    assert names(messages) == [["intro", "a0.0", "a0.1"], ["b0.0", "b1.0", "b1.1", "foot"]]


def test_an_item_bigger_than_a_message_splits_between_units_never_inside_one():
    # Units of 2, 3, 2 and 3 blocks into messages of 5 (4 plus the footer on the last).
    messages = pack([], [group("a", 2, 3, 2, 3)], [block("foot")], limit=5)
    assert names(messages) == [
        ["a0.0", "a0.1"],
        ["a1.0", "a1.1", "a1.2"],
        ["a2.0", "a2.1"],
        ["a3.0", "a3.1", "a3.2", "foot"],
    ]


def test_the_intro_is_never_left_alone_in_a_message():
    messages = pack([block("intro")], [group("a", 2, 2)], [], limit=4)
    assert names(messages)[0][0] == "intro" and len(names(messages)[0]) > 1
    assert [n for m in names(messages) for n in m] == ["intro", "a0.0", "a0.1", "a1.0", "a1.1"]


def test_a_unit_bigger_than_a_message_is_the_one_case_split_by_blocks():
    messages = pack([], [group("a", 7)], [], limit=3)
    assert [len(m) for m in messages] == [3, 3, 1]


@pytest.mark.parametrize("limit", [5, 6, 8, 50])  # room for the largest unit (3)
def test_every_block_is_sent_once_in_order_within_the_limit(limit):
    groups = [group(f"g{g}-", *[(g * 7 + u) % 3 + 1 for u in range(g + 1)]) for g in range(12)]
    intro, footer = [block("intro")], [block("note"), block("buttons")]
    messages = pack(intro, groups, footer, limit=limit)
    sent = [n for m in names(messages) for n in m]
    expected = ["intro", *(b["name"] for g in groups for u in g for b in u), "note", "buttons"]
    assert sent == expected
    assert all(len(m) <= limit for m in messages)
    for g in groups:  # no unit straddles two messages
        for unit in g:
            homes = {i for i, m in enumerate(names(messages)) if unit[0]["name"] in m}
            assert homes == {i for i, m in enumerate(names(messages)) if unit[-1]["name"] in m}


def test_split_breaks_at_spaces_and_joins_back_to_the_text():
    text = escape("the Board <agreed> & noted " * 400)
    pieces = split(text, MAX_SECTION_TEXT)
    assert len(pieces) > 1 and "".join(pieces) == text
    assert all(len(p) <= MAX_SECTION_TEXT for p in pieces)
    assert all(
        p.endswith(("noted", "&amp;", "&lt;agreed&gt;", "Board", "the")) for p in pieces[:-1]
    )


def test_split_and_clip_never_cut_an_escape_in_two():
    text = escape("&" * 4000)  # no spaces to break at
    for limit in range(3000, 3006):
        pieces = split(text, limit)
        assert "".join(pieces) == text
        assert all(len(p) <= limit and unescape(p) == "&" * (len(p) // 5) for p in pieces)
        clipped = clip(text, limit)
        assert len(clipped) <= limit and clipped.endswith(ELLIPSIS)
        assert ENTITY.sub("", clipped[:-1]) == ""  # only whole escapes before the ellipsis


def test_clip_leaves_short_text_alone():
    assert clip("Item 4: Budget", 150) == "Item 4: Budget"


def item(n: int, quotes: list[str]) -> ItemMatch:
    return ItemMatch(
        item_id=f"item{n}",
        source_path=f"minutes/{n}.txt",
        item_title=f"Item title {n}",
        link=f"https://democracy.example/mgAi.aspx?ID={n}",
        score=0.9,
        body="Fictional Board",
        meeting_date="2024-05-14",
        item_number=str(n),
        resolutions=[Resolution(q, f"({i})") for i, q in enumerate(quotes, 1)],
    )


def test_a_long_quote_and_its_heading_stay_in_one_message():
    """44 short quotes fill most of the first message: the long one moves whole to the next."""
    short = [f"Noted item {n}." for n in range(44)]
    long_quote = "the Board agreed the plan " * 300  # three sections' worth
    answer = Answer(question="q", matches=[item(1, [*short, long_quote.strip()])])
    messages = answer_messages(answer, Page("q", full=True), more=True)
    assert len(messages) == 2
    holding = [
        i for i, m in enumerate(messages) if any("the Board agreed" in t for t in texts(m.blocks))
    ]
    assert holding == [1]
    assert all(len(m.blocks) <= MAX_BLOCKS for m in messages)
    assert button(messages[-1].blocks, "show_more") and not button(messages[0].blocks, "show_more")
    last_of_first = as_json(messages[0].blocks)[-1]
    assert last_of_first["type"] == "section"  # not a heading or a header left hanging
