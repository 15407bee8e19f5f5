"""`minutes-bot index` over the files a hostile probe used: each indexes, and each problem is
one warning line naming the file (issue 8, items 1, 7 and the deep-HTML half of 9).

One folder holds them all and is indexed once, as an operator would run it; the tests then read
the CLI's output and the index it wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from bot.cli.index_report import ExitCode
from tests.bot.cli.index_probe import minutes, run_index, stored_items, summary_row

pytestmark = pytest.mark.slow

URL = "https://democracy.fenwick.example/mgAi.aspx?ID=7"
DEEP = 20_000


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    folder = tmp_path_factory.mktemp("probe")
    # 1. UTF-8 with one stray cp1252 apostrophe, and a UTF-16 export with and without a BOM
    clean = minutes("STRAY BYTE CONTRACT", "stray contract").encode("utf-8")
    cut = clean.index(b"options") + 3
    (folder / "stray.txt").write_bytes(clean[:cut] + b"\x92" + clean[cut:])
    (folder / "export.txt").write_bytes(minutes("UTF16 CONTRACT", "wide contract").encode("utf-16"))
    (folder / "export-nobom.txt").write_bytes(
        minutes("UTF16LE CONTRACT", "narrow contract").encode("utf-16-le")
    )
    # 7. sidecars with a wrong type, impossible dates, and a manifest that is a list
    sidecar = folder / "typed.txt"
    sidecar.write_text(minutes("TYPED CONTRACT", "typed contract"), encoding="utf-8")
    (folder / "typed.txt.meta.json").write_text(
        json.dumps({"url": URL, "body": {"x": 1}, "date": "31/02/2024"}), encoding="utf-8"
    )
    iso = folder / "iso.txt"
    iso.write_text(minutes("ISO CONTRACT", "iso contract"), encoding="utf-8")
    (folder / "iso.txt.meta.json").write_text(
        json.dumps({"body": "Fenwick Cabinet", "date": "2024-02-31"}), encoding="utf-8"
    )
    listed = folder / "listed"
    listed.mkdir()
    (listed / "a.txt").write_text(minutes("LISTED CONTRACT", "listed contract"), "utf-8")
    (listed / "manifest.json").write_text('[{"a.txt": {"date": "2024-01-01"}}]', "utf-8")
    # 9. an item page nested 20,000 elements deep
    body = minutes("DEEP CONTRACT", "deep contract").replace("\n\n", "</p><p>")
    page = f"<html><body>{'<div>' * DEEP}<p>{body}</p>{'</div>' * DEEP}</body></html>"
    (folder / "deep.html").write_text(page, encoding="utf-8")

    data_dir = tmp_path_factory.mktemp("probe-index")
    return folder, data_dir, run_index(data_dir, folder)


def _item(data_dir: Path, title: str) -> tuple[str, dict]:
    return next((t, m) for t, m in stored_items(data_dir) if m["item_title"] == title)


def test_every_probe_file_is_indexed_and_nothing_is_skipped(probe) -> None:
    _, _, result = probe
    assert result.exit_code == ExitCode.OK
    assert summary_row(result.stdout, "indexed") == "7"
    assert summary_row(result.stdout, "skipped") == "0"
    assert summary_row(result.stdout, "encodings") == "utf-8 5, utf-16-le 2"
    assert "Traceback" not in result.stdout + result.stderr


def test_warnings_are_one_line_each_naming_file_field_or_offset(probe) -> None:
    folder, _, result = probe
    offset = minutes("STRAY BYTE CONTRACT", "stray contract").encode().index(b"options") + 3
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        f"warning: {folder / 'iso.txt.meta.json'}: metadata: date: '2024-02-31' is not a real "
        "date (day is out of range for month)",
        f"warning: {folder / 'listed' / 'manifest.json'}: metadata: expected an object mapping "
        "file names to metadata, got a list; ignored",
        f"warning: {folder / 'stray.txt'}: 1 invalid byte replaced with U+FFFD at byte offset "
        f"{offset} (decoded as utf-8)",
        f"warning: {folder / 'typed.txt.meta.json'}: metadata: body: expected text, got an object",
        f"warning: {folder / 'typed.txt.meta.json'}: metadata: date: '31/02/2024' is not a "
        "YYYY-MM-DD date",
    ]
    assert summary_row(result.stdout, "warnings") == "5"


def test_a_stray_byte_costs_one_character_not_the_file(probe) -> None:
    _, data_dir, _ = probe
    text, meta = _item(data_dir, "STRAY BYTE CONTRACT")
    assert "Councillor O’Farrell presented the opt\ufffdions" in text
    assert json.loads(meta["resolutions_json"])[0]["text"] == (
        "That the stray contract be extended for twelve months."
    )


@pytest.mark.parametrize("title", ["UTF16 CONTRACT", "UTF16LE CONTRACT"])
def test_utf16_exports_are_indexed_with_their_resolutions(probe, title: str) -> None:
    _, data_dir, _ = probe
    text, meta = _item(data_dir, title)
    assert "Councillor O’Farrell" in text
    assert len(json.loads(meta["resolutions_json"])) == 2


def test_bad_sidecar_fields_are_dropped_and_good_ones_kept(probe) -> None:
    _, data_dir, _ = probe
    _, typed = _item(data_dir, "TYPED CONTRACT")
    assert typed["url"] == URL
    assert "{'x': 1}" not in json.dumps(typed)
    assert not typed.get("body") and not typed.get("date")
    _, iso = _item(data_dir, "ISO CONTRACT")
    assert (iso["body"], iso.get("date") or None) == ("Fenwick Cabinet", None)
    _, listed = _item(data_dir, "LISTED CONTRACT")
    assert not listed.get("date")


def test_a_page_nested_20000_deep_is_read_whole(probe) -> None:
    _, data_dir, _ = probe
    text, meta = _item(data_dir, "DEEP CONTRACT")
    assert "Councillor O’Farrell presented the options for the deep contract." in text
    assert len(json.loads(meta["resolutions_json"])) == 2
