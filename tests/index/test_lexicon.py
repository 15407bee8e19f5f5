"""The shared lexicon: months, abbreviations and sentence splitting by offsets (fictional text)."""

from __future__ import annotations

import re

import pytest

from index.lexicon import (
    MONTH_NAME_RE,
    MONTH_NAMES,
    MONTH_RE,
    MONTHS,
    is_abbreviation,
    month_number,
    sentence_breaks,
    sentence_end,
    sentence_spans,
)


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("January", 1),
        ("JANUARY", 1),
        ("jan", 1),
        ("Feb.", 2),
        ("May", 5),
        ("sept", 9),
        ("Sep", 9),
        ("September", 9),
        ("dec", 12),
    ],
)
def test_month_number_reads_names_abbreviations_and_sept(word: str, number: int) -> None:
    assert month_number(word) == number


@pytest.mark.parametrize("word", ["Janu", "Mayday", "Smarch", "", "13"])
def test_month_number_rejects_other_words(word: str) -> None:
    assert month_number(word) is None


def test_month_names_are_in_calendar_order_for_display() -> None:
    assert MONTH_NAMES[0] == "January" and MONTH_NAMES[11] == "December"
    assert {MONTHS[name.lower()] for name in MONTH_NAMES} == set(range(1, 13))


def test_month_re_prefers_the_longest_word() -> None:
    pattern = re.compile(rf"\b({MONTH_RE})\b", re.IGNORECASE)
    assert pattern.search("at its Sept 2024 meeting").group(1) == "Sept"
    assert pattern.search("since SEPTEMBER").group(1) == "SEPTEMBER"
    assert pattern.search("the marching band") is None


def test_month_name_re_matches_only_full_names_as_printed() -> None:
    pattern = re.compile(rf"\b{MONTH_NAME_RE}\b")
    assert pattern.findall("by March 2025, not Mar or march") == ["March"]


@pytest.mark.parametrize(
    "before",
    ["Mr", "Mrs", "Cllr", "Dr", "e.g", "i.e", "Inc", "Ltd", "No", "St", "approx", "S"],
)
def test_a_full_stop_after_an_abbreviation_or_initial_is_not_an_ending(before: str) -> None:
    text = f"The report of {before}. Brown"
    assert is_abbreviation(text, text.index(". B"))


@pytest.mark.parametrize("before", ["noted", "Board", "DATA", "no", "Mrss", "Co-op"])
def test_a_full_stop_after_an_ordinary_word_is_an_ending(before: str) -> None:
    text = f"It was {before}. Then"
    assert not is_abbreviation(text, text.index(". T"))


def test_is_abbreviation_looks_only_at_full_stops_and_inside_the_floor() -> None:
    text = "Option A? Then"
    assert not is_abbreviation(text, text.index("?"))
    text = "Mr. Brown"
    assert not is_abbreviation(text, 2, floor=1)  # "r" alone is not an initial


def test_sentence_spans_are_verbatim_offsets_and_skip_abbreviations() -> None:
    text = (
        "  Cllr. A. Brown moved the report, e.g. the budget. It was agreed!  "
        "“Who pays?” The Chair said approx. 5 people objected."
    )
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Cllr. A. Brown moved the report, e.g. the budget.",
        "It was agreed!",
        "“Who pays?”",
        "The Chair said approx. 5 people objected.",
    ]


def test_sentence_breaks_need_a_sentence_opener_after_the_stop() -> None:
    text = "Paragraph 3.2 was noted. the next line. (a) Item two. £4m was set aside. 12 members."
    ends = ["line.", "two.", "aside."]
    assert sentence_breaks(text) == [text.index(e) + len(e) for e in ends]


def test_sentence_end_accepts_a_stop_that_ends_the_range() -> None:
    text = "The Board agreed the plan.\nThe next line"
    assert sentence_end(text, 0, text.index("\n")) == text.index("\n")
    assert sentence_end(text) == text.index("\n")
    assert sentence_end("Referred to Mr.", 0) is None
    assert sentence_end("It was agreed “in full.”  ") == len("It was agreed “in full.”")
    assert sentence_end("No ending here") is None


def test_sentence_spans_stay_inside_the_range() -> None:
    text = "Ignored. The first. The second. Ignored too."
    start, end = text.index("The first"), text.index(" Ignored too")
    assert [text[s:e] for s, e in sentence_spans(text, start, end)] == [
        "The first.",
        "The second.",
    ]
    assert sentence_spans("   ") == []
