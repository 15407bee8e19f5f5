"""Shared by the modern.gov parser tests: read a seed or sample, and the verbatim-quote check."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.formats import parse_document
from index.models import AgendaItem, Meeting
from index.sources import SourceDocument, read_source


def assert_all_quotes_verbatim(meeting: Meeting) -> None:
    """Every field we would show as a quote is a non-empty, trimmed, exact substring of the
    document text, and lies inside its own item's text (resolution-derived actions included)."""
    source = meeting.source_text
    for item in meeting.items:
        assert item.text and item.text in source, f"item text not verbatim: {item.title!r}"
        assert item.text == item.text.strip()
        quotes = [r.text for r in item.resolutions] + [a.text for a in item.actions]
        quotes += [a.update for a in item.actions if a.update is not None]
        quotes += [r.quote for r in item.resolutions if r.quote is not None]
        quotes += [a.quote for a in item.actions if a.quote is not None]
        quotes += [d.text for d in item.dated]
        for quote in quotes:
            assert quote, f"empty quote in {item.title!r}"
            assert quote == quote.strip(), f"untrimmed quote: {quote!r}"
            assert quote in source, f"quote not verbatim: {quote!r}"
            assert quote in item.text, f"quote outside its item {item.title!r}: {quote!r}"


def parse_path(path: Path) -> tuple[SourceDocument, Meeting]:
    """Read and parse a file exactly as the indexer does (sidecar applied by the dispatcher)."""
    doc = read_source(path)
    meeting = parse_document(doc)
    assert meeting.source_text == doc.text
    return doc, meeting


def item_numbered(meeting: Meeting, number: str) -> AgendaItem:
    return next(item for item in meeting.items if item.number == number)


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds


@pytest.fixture(scope="session")
def seed(seeds_dir: Path):
    """``seed("001")`` → (document, meeting) for the seed whose name starts with that number."""
    cache: dict[str, tuple[SourceDocument, Meeting]] = {}

    def load(prefix: str) -> tuple[SourceDocument, Meeting]:
        if prefix not in cache:
            matches = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
            if not matches:
                pytest.skip(f"seed {prefix} is not in {seeds_dir}")
            cache[prefix] = parse_path(matches[0])
        return cache[prefix]

    return load
