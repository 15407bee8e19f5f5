"""Passages end where a line's sentence ends, and never restate a quote already shown."""

from __future__ import annotations

from bot.answer.passages import best_passages, segments
from bot.answer.reading import read

ITEM = (
    "· It was suggested that the library venues be used for strength and balance classes.\n"
    "Decision – The Alliance accepted the following recommended proposal:\n"
    "i) The Alliance noted the progress on the falls prevention plan.\n"
    "\n"
    "3)\u00a0\u00a0 That the Head of Libraries is to report on the strength and balance classes.\n"
)


def test_a_line_ending_a_sentence_ends_the_passage() -> None:
    passages = best_passages(read("strength and balance classes in libraries"), ITEM, k=1)
    assert passages == [
        "· It was suggested that the library venues be used for strength and balance classes."
    ]


def test_a_labelled_copy_of_a_shown_resolution_is_not_a_passage() -> None:
    shown = "That the Head of Libraries is to report on the strength and balance classes."
    passages = best_passages(
        read("who reports on strength and balance classes?"), ITEM, exclude=[shown]
    )
    assert passages and all(shown not in p for p in passages)
    assert all(p in ITEM for p in passages)


def test_segments_cut_at_sentence_ends_but_not_after_abbreviations() -> None:
    text = (
        "Cllr. S. Brown asked whether London Hydro Inc. BE HELD to account; "
        "The Chair said “it will.” The vote was 5 to 2.\n"
        "The Board agreed to fund Option A.\n\nThe next paragraph."
    )
    assert [text[s.start : s.end] for s in segments(text)] == [
        "Cllr. S. Brown asked whether London Hydro Inc. BE HELD to account;",
        "The Chair said “it will.”",
        "The vote was 5 to 2.",
        "The Board agreed to fund Option A.",
        "The next paragraph.",
    ]
