"""Sidecars are validated field by field: a bad field is named and dropped, the rest is kept.

Probe (issue 8, item 7): ``"body": {"x": 1}`` was accepted and shown in App Home,
``"date": "31/02/2024"`` surfaced as "parser error: ValueError" with a traceback, and a
``manifest.json`` holding a list skipped its whole folder without naming the manifest.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from index.sources import SourceMeta, read_source

MINUTES = """Agenda item

LIBRARY OPENING HOURS

Minutes:

RESOLVED:

1)    That the opening hours be extended.

Supporting documents:
"""
URL = "https://democracy.fenwick.example/mgAi.aspx?ID=1"


def _minutes(folder: Path, name: str = "item.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(MINUTES, encoding="utf-8")
    return path


def _sidecar(path: Path, content: object | str) -> Path:
    sidecar = path.with_name(path.name + ".meta.json")
    text = content if isinstance(content, str) else json.dumps(content)
    sidecar.write_text(text, encoding="utf-8")
    return sidecar


def test_a_good_sidecar_is_used_whole(tmp_path: Path) -> None:
    path = _minutes(tmp_path)
    _sidecar(path, {"url": URL, "body": " Fenwick Cabinet ", "date": "2024-02-06", "title": "T"})

    doc = read_source(path)

    assert doc.meta == SourceMeta(URL, "Fenwick Cabinet", dt.date(2024, 2, 6), "T")
    assert doc.warnings == ()


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("body", {"x": 1}, "expected text, got an object"),
        ("body", ["Cabinet"], "expected text, got a list"),
        ("title", 2024, "expected text, got a number"),
        ("date", "31/02/2024", "'31/02/2024' is not a YYYY-MM-DD date"),
        ("date", "2024-02-31", "'2024-02-31' is not a real date (day is out of range for month)"),
        ("date", "2024-13-01", "'2024-13-01' is not a real date (month must be in 1..12)"),
        ("date", 20240206, "expected text, got a number"),
        ("url", "javascript:alert(1)", "'javascript:alert(1)' is not an http(s) URL"),
        (
            "url",
            "democracy.fenwick.example/x",
            "'democracy.fenwick.example/x' is not an http(s) URL",
        ),
        ("url", "https://x.example/" + "a" * 3000, "longer than 3,000 characters"),
        # issue 21: credentials are refused without repeating them; other schemes refused
        (
            "url",
            "https://bob:s3cret@x.example/a b|<!channel>",
            "a URL with a user or password is not accepted",
        ),
        ("url", "file:///etc/passwd", "'file:///etc/passwd' is not an http(s) URL"),
    ],
)
def test_a_bad_field_is_named_and_dropped_and_the_others_kept(
    tmp_path: Path, field: str, value: object, reason: str
) -> None:
    path = _minutes(tmp_path)
    good = {"url": URL, "body": "Fenwick Cabinet", "date": "2024-02-06", "title": "T"}
    sidecar = _sidecar(path, {**good, field: value})

    doc = read_source(path)

    assert doc.warnings == (f"{sidecar}: metadata: {field}: {reason}",)
    expected = SourceMeta(URL, "Fenwick Cabinet", dt.date(2024, 2, 6), "T")
    assert doc.meta == SourceMeta(**{**expected.__dict__, field: None})


def test_a_sidecar_url_is_quoted_so_it_cannot_break_out_of_a_slack_link(tmp_path: Path) -> None:
    path = _minutes(tmp_path)
    _sidecar(path, {"url": "https://x.example/minutes 1.pdf?a=|<!channel>", "body": "Cabinet"})

    doc = read_source(path)

    assert doc.meta.url == "https://x.example/minutes%201.pdf?a=%7C%3C!channel%3E"


def test_an_unknown_field_is_reported_not_silently_ignored(tmp_path: Path) -> None:
    path = _minutes(tmp_path)
    sidecar = _sidecar(path, {"Date": "2024-02-06", "body": "Fenwick Cabinet"})

    doc = read_source(path)

    assert doc.warnings == (
        f"{sidecar}: metadata: Date: unknown field, ignored (known: url, body, date, title)",
    )
    assert doc.meta == SourceMeta(body="Fenwick Cabinet")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON (Expecting property name enclosed in double quotes: "),
        ("[1, 2]", "expected a JSON object, got a list"),
        ('"Cabinet"', "expected a JSON object, got text"),
    ],
)
def test_an_unusable_sidecar_is_named_and_the_file_still_reads(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = _minutes(tmp_path)
    sidecar = _sidecar(path, content)

    doc = read_source(path)

    (warning,) = doc.warnings
    assert warning.startswith(f"{sidecar}: metadata: {problem}")
    assert warning.endswith("; ignored")
    assert doc.meta == SourceMeta()


def test_a_manifest_that_is_a_list_is_named_and_its_folder_still_reads(tmp_path: Path) -> None:
    folder = tmp_path / "board"
    first, second = _minutes(folder, "a.txt"), _minutes(folder, "b.txt")
    manifest = folder / "manifest.json"
    manifest.write_text(json.dumps([{"a.txt": {"date": "2024-01-01"}}]), encoding="utf-8")

    for path in (first, second):
        doc = read_source(path)
        assert doc.meta == SourceMeta()
        assert doc.warnings == (
            f"{manifest}: metadata: expected an object mapping file names to metadata, "
            "got a list; ignored",
        )


def test_a_bad_manifest_entry_names_the_file_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "board"
    first, second, third = (_minutes(folder, n) for n in ("a.txt", "b.txt", "c.txt"))
    manifest = folder / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "a.txt": {"body": "Fenwick Cabinet", "date": "2024-02-31"},
                "b.txt": "Fenwick Cabinet",
                "c.txt": {"body": "Fenwick Cabinet", "date": "2024-02-06"},
            }
        ),
        encoding="utf-8",
    )

    a, b, c = read_source(first), read_source(second), read_source(third)

    assert a.warnings == (
        f"{manifest}: metadata: a.txt: date: '2024-02-31' is not a real date "
        "(day is out of range for month)",
    )
    assert a.meta == SourceMeta(body="Fenwick Cabinet")
    assert b.warnings == (f"{manifest}: metadata: b.txt: expected an object, got text; ignored",)
    assert b.meta == SourceMeta()
    assert (c.warnings, c.meta) == (
        (),
        SourceMeta(body="Fenwick Cabinet", date=dt.date(2024, 2, 6)),
    )


def test_a_sidecar_wins_over_the_manifest(tmp_path: Path) -> None:
    path = _minutes(tmp_path / "board", "a.txt")
    (path.parent / "manifest.json").write_text('{"a.txt": {"body": "Manifest"}}', "utf-8")
    _sidecar(path, {"body": "Sidecar"})

    assert read_source(path).meta == SourceMeta(body="Sidecar")
