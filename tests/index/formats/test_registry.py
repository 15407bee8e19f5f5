"""The format registry: its order, each format's own fixture, and votes read by their own grammar."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.formats import FORMATS, format_for, parse_document
from index.formats.base import CouncilFormat
from index.sources import SourceDocument, SourceMeta, read_source
from tests.paths import FIXTURES

# One fixture per registered format; a new format adds its line here (and fails until it does).
OWN_FIXTURE: dict[str, Path] = {
    "portland": FIXTURES / "portland" / "portland_official_minutes_raw.txt",
    "london_markdown": FIXTURES
    / "london"
    / "2025-03-03 4th Meeting of the Riverside Services Committee.md",
    "kent_printed": FIXTURES / "kent" / "cabinet_printed_minutes.txt",
    "parish": FIXTURES / "parish" / "ashcombe_parish_council_2025-03-04.txt",
    "moderngov": FIXTURES / "html" / "ieListDocuments-meeting.html",
}


def test_the_registry_order_is_most_specific_first_and_the_fallback_last() -> None:
    assert [fmt.name for fmt in FORMATS] == [
        "portland",
        "london_markdown",
        "kent_printed",
        "parish",
        "moderngov",
    ]
    assert all(isinstance(fmt, CouncilFormat) for fmt in FORMATS)


def test_every_registered_format_has_its_own_fixture() -> None:
    assert set(OWN_FIXTURE) == {fmt.name for fmt in FORMATS}


def test_every_registered_format_has_its_own_test_module() -> None:
    """docs/extending.md's recipe: a format comes with tests/index/formats/test_<name>*.py."""
    here = Path(__file__).parent
    assert [fmt.name for fmt in FORMATS if not list(here.glob(f"test_{fmt.name}*.py"))] == []


@pytest.mark.parametrize("position", range(len(FORMATS)), ids=[fmt.name for fmt in FORMATS])
def test_a_format_detects_its_fixture_and_no_earlier_format_claims_it(position: int) -> None:
    fmt = FORMATS[position]
    doc = read_source(OWN_FIXTURE[fmt.name])
    assert fmt.detect(doc.text)
    assert [earlier.name for earlier in FORMATS[:position] if earlier.detect(doc.text)] == []
    assert format_for(doc.text) is fmt
    assert parse_document(doc).format == fmt.name


def test_a_format_without_detect_or_parse_cannot_be_made() -> None:
    class Incomplete(CouncilFormat):
        name = "incomplete"

        def detect(self, text: str) -> bool:
            return False

    with pytest.raises(TypeError):
        Incomplete()  # type: ignore[abstract]


# London markdown whose minutes happen to contain a line in Kent's vote shape and a
# parenthesised "(Y-2)" in Portland's: only London's grammar reads London minutes.
LONDON_WITH_LOOKALIKES = """---
title: 3rd Meeting of the Riverside Services Committee
date: 2025-02-03
---

# 2.&nbsp;&nbsp;&nbsp;Consent

## 2.1&nbsp;&nbsp;&nbsp;Pool Opening Hours

> Moved by R. Stone

> Seconded by T. Vale

That the report on pool hours (Y-2 option) BE RECEIVED.

> **Motion Passed (5 to 0)**

## 2.2&nbsp;&nbsp;&nbsp;Deputation Notes

The deputation's letter ended with its own summary of an earlier meeting elsewhere:

Motion carried.

Members thanked the delegation (Y-2) for attending.
"""


def test_votes_are_read_only_with_the_formats_own_grammar() -> None:
    doc = SourceDocument("riverside.md", LONDON_WITH_LOOKALIKES, "text", SourceMeta())
    meeting = parse_document(doc)
    assert meeting.format == "london_markdown"
    votes = [(item.number, vote.text) for item in meeting.items for vote in item.votes]
    assert votes == [
        (
            "2.1",
            "> Moved by R. Stone\n\n> Seconded by T. Vale\n\n"
            "That the report on pool hours (Y-2 option) BE RECEIVED.\n\n"
            "> **Motion Passed (5 to 0)**",
        )
    ]
