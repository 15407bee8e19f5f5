"""modern.gov format edges: detection, no-structure files, headers, CRLF, Decision sections."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.errors import NoAgendaStructureError
from index.extract.text import collapse_duplicate_title, parse_meeting_header
from index.formats import moderngov, parse_document
from index.models import ResolutionKind
from index.sources import SourceDocument, SourceMeta
from tests.index.conftest import assert_all_quotes_verbatim, parse_path


def document(text: str, meta: SourceMeta | None = None) -> SourceDocument:
    return SourceDocument(path="test.txt", text=text, kind="text", meta=meta or SourceMeta())


def test_detect_is_the_fallback_for_any_text() -> None:
    assert moderngov.FORMAT.detect("Agenda item\n\nParking\n\nMinutes:\n\nNoted.")
    assert moderngov.FORMAT.detect("some words")
    assert not moderngov.FORMAT.detect("")
    assert not moderngov.FORMAT.detect(" \n\u00a0\n")


@pytest.mark.parametrize(
    "text",
    [
        "Shopping list: eggs, flour, milk.\nRemember to call the plumber.",
        "Dear Sam,\n\nThanks for the photos from the weekend.\n\nBest wishes, Jo",
    ],
)
def test_text_without_agenda_structure_is_refused(text: str) -> None:
    assert moderngov.FORMAT.parse(document(text)).items == []
    with pytest.raises(NoAgendaStructureError):
        parse_document(document(text))


def test_sidecar_metadata_overrides_the_page() -> None:
    text = "Agenda item\n\nPARKING\n\nMinutes:\n\nRESOLVED: That the report be noted."
    meta = SourceMeta(url="https://democracy.fenwick.example/mgAi.aspx?ID=1", body="Fenwick")
    meeting = parse_document(document(text, meta))
    assert (meeting.url, meeting.body) == (meta.url, "Fenwick")
    assert meeting.items[0].resolutions[0].text == "That the report be noted."


@pytest.mark.parametrize(
    "line, body, when, time",
    [
        (
            "Chorley Public Services Reform Executive - Tuesday, 19th July 2016 4.00 pm",
            "Chorley Public Services Reform Executive",
            date(2016, 7, 19),
            "4.00 pm",
        ),
        (
            "Fenwick Cabinet - Wednesday, 5th June, 2024 10:30 am",
            "Fenwick Cabinet",
            date(2024, 6, 5),
            "10:30 am",
        ),
        ("Harbour Board - 1 March 2023", "Harbour Board", date(2023, 3, 1), None),
        (
            "Planning Committee – Thursday, 2nd Feb 2023 7.00 p.m.",
            "Planning Committee",
            date(2023, 2, 2),
            "7.00 p.m.",
        ),
    ],
)
def test_meeting_header_lines(line: str, body: str, when: date, time: str | None) -> None:
    header = parse_meeting_header(line)
    assert header is not None
    assert (header.body, header.date, header.time) == (body, when, time)


@pytest.mark.parametrize(
    "line",
    [
        "Contact: Sam Okoro 01632 960123",
        "Venue: Committee Room 1, Town Hall",
        "Next meeting - 31st February 2024",  # no such day
    ],
)
def test_lines_that_are_not_meeting_headers(line: str) -> None:
    assert parse_meeting_header(line) is None


def test_duplicated_titles_collapse() -> None:
    assert collapse_duplicate_title("Dr Dr Mensah") == "Dr Mensah"
    assert collapse_duplicate_title("Cllr Cllr  Okafor") == "Cllr Okafor"
    assert collapse_duplicate_title("Dr Drummond") == "Dr Drummond"


def test_windows_line_endings_parse_the_same(samples_dir: Path, tmp_path: Path) -> None:
    source = samples_dir / "westvale" / "westvale-psr-executive-2024-03-12.txt"
    crlf = tmp_path / "westvale-crlf.txt"
    crlf.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    _, unix = parse_path(source)
    _, windows = parse_path(crlf)
    assert [(i.number, i.title) for i in windows.items] == [(i.number, i.title) for i in unix.items]
    assert [len(i.resolutions) for i in windows.items] == [len(i.resolutions) for i in unix.items]
    assert [[a.owner for a in i.actions] for i in windows.items] == [
        [a.owner for a in i.actions] for i in unix.items
    ]
    assert windows.date == date(2024, 3, 12)
    assert_all_quotes_verbatim(windows)


def test_decision_section_above_the_minutes_is_kept() -> None:
    text = (
        "Agenda and decisions\n\n"
        "Fenwick Cabinet - Wednesday, 5th June 2024 10.00 am\n\n"
        "Items\nNo. Item\n\n"
        "4.\n\nHarbour Wall Repairs pdf icon PDF 310 KB\n\n"
        "Decision:\n\nThat the harbour wall repairs be approved at a cost of £1.2m.\n\n"
        "Minutes:\n\nThe Cabinet Member for Coasts introduced the report.\n\n"
        "5.\n\nAny other business\n\nMinutes:\n\nThere was none.\n"
    )
    meeting = moderngov.FORMAT.parse(document(text))
    assert [(i.number, i.title) for i in meeting.items] == [
        ("4", "Harbour Wall Repairs"),
        ("5", "Any other business"),
    ]
    [decision] = meeting.items[0].resolutions
    assert decision.text == "That the harbour wall repairs be approved at a cost of £1.2m."
    assert decision.kind == ResolutionKind.DECISION
    assert meeting.items[0].text.endswith("introduced the report.")
    assert_all_quotes_verbatim(meeting)
