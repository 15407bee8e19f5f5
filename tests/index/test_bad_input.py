"""Bad files get a one-line reason naming the file, and the rest of the batch still indexes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import Settings
from index.indexer import STATUS_INDEXED, STATUS_SKIPPED, index_paths

pytestmark = pytest.mark.slow

GOOD_ITEM = """Agenda item

PARKS MAINTENANCE CONTRACT

Minutes:

The Head of Green Spaces presented the options for the parks maintenance contract.

RESOLVED:

1)    That the contract be extended for twelve months.

2)    That the Head of Green Spaces is to report back in six months.

Supporting documents:
"""


@pytest.fixture
def batch(tmp_path: Path, samples_dir: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_ITEM, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("\n \u00a0\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n%%EOF")
    (folder / "shopping.txt").write_text("eggs\nmilk\nbread\n", encoding="utf-8")
    cp1252 = GOOD_ITEM.replace("PARKS", "CAF\u00c9 KIOSK").replace("options", "\u2018options\u2019")
    (folder / "windows.txt").write_bytes(cp1252.encode("cp1252"))
    shutil.copy(samples_dir / "westvale" / "westvale-psr-executive-2024-03-12.txt", folder)
    return folder


def test_each_bad_file_is_skipped_with_its_reason_and_the_rest_indexes(
    batch: Path, tmp_path: Path, embedder
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    missing = batch / "not-there.txt"
    summary = index_paths([batch, missing], settings, embedder=embedder)

    reasons = {Path(o.path).name: o.reason for o in summary.outcomes if o.status == STATUS_SKIPPED}
    assert reasons == {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "binary.txt": "binary file, not minutes text, HTML or PDF",
        "scan.pdf": reasons["scan.pdf"],
        "shopping.txt": "no recognisable agenda items or decisions",
    }
    assert summary.missing == [str(missing)]
    assert reasons["scan.pdf"].startswith("unreadable PDF")
    indexed = {Path(o.path).name for o in summary.outcomes if o.status == STATUS_INDEXED}
    assert indexed == {"good.txt", "windows.txt", "westvale-psr-executive-2024-03-12.txt"}


def test_cp1252_file_is_decoded_and_quoted_exactly(tmp_path: Path, embedder) -> None:
    from index.formats import parse_document
    from index.sources import read_source

    path = tmp_path / "windows.txt"
    path.write_bytes(GOOD_ITEM.replace("options", "\u2018options\u2019").encode("cp1252"))
    meeting = parse_document(read_source(path))
    assert "\u2018options\u2019" in meeting.source_text
    texts = [r.text for item in meeting.items for r in item.resolutions]
    assert "That the contract be extended for twelve months." in texts


def test_cli_prints_one_line_per_skipped_file(batch: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["index", "--data-dir", str(tmp_path / "cli-data"), str(batch)], catch_exceptions=False
    )
    assert result.exit_code == 0
    skipped_lines = [line for line in result.stdout.splitlines() if line.startswith("skipped ")]
    assert len(skipped_lines) == 5
    assert (
        f"skipped {batch / 'binary.txt'}: binary file, not minutes text, HTML or PDF"
        in skipped_lines
    )
