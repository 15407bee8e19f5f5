"""Each file is decoded in its own encoding, and whatever decoding cost is said out loud.

Probe (issue 8, item 1): a UTF-8 file with one stray byte was read as cp1252 throughout
(``O’Farrell`` → ``Oâ€™Farrell``, resolutions lost) or rejected as binary, and UTF-16 exports
were rejected as binary. These tests write such files to disk and read them as the indexer does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.errors import BinarySourceError
from index.formats import parse_document
from index.sources import read_source

MINUTES = """Agenda item

PARKS MAINTENANCE CONTRACT

Minutes:

Councillor O’Farrell presented the options for the parks maintenance contract.

RESOLVED:

1)    That the contract be extended for twelve months.

2)    That the Head of Green Spaces is to report back in six months.

Supporting documents:
"""
RESOLUTION = "That the contract be extended for twelve months."


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _resolutions(path: Path) -> list[str]:
    meeting = parse_document(read_source(path))
    return [r.text for item in meeting.items for r in item.resolutions]


@pytest.mark.parametrize("stray", [b"\x92", b"\x81", b"\xff", b"\xe2\x80"])
def test_utf8_with_a_stray_byte_stays_utf8_and_the_offset_is_reported(
    tmp_path: Path, stray: bytes
) -> None:
    clean = MINUTES.encode("utf-8")
    offset = clean.index(b"options") + 3
    path = _write(tmp_path, "stray.txt", clean[:offset] + stray + clean[offset:])

    doc = read_source(path)

    assert doc.encoding == "utf-8"
    assert "Councillor O’Farrell presented" in doc.text
    assert "opt\ufffdions" in doc.text
    noun = "byte" if len(stray) == 1 else "bytes"
    assert doc.warnings == (
        f"{path}: {len(stray)} invalid {noun} replaced with U+FFFD at byte offset {offset} "
        "(decoded as utf-8)",
    )
    assert RESOLUTION in _resolutions(path)


def test_many_stray_bytes_are_counted_and_the_first_offsets_listed(tmp_path: Path) -> None:
    clean = MINUTES.encode("utf-8")
    body = clean + b"".join(b"\n\nNote \x9d" + str(n).encode() for n in range(3))
    body += "\n\nCaf\u00e9 \u00e0 la carte \u2014 \u00a35 \u2018fees\u2019 na\u00efve\n".encode()
    path = _write(tmp_path, "several.txt", body)

    (warning,) = read_source(path).warnings

    offsets = [i for i, b in enumerate(body) if b == 0x9D]
    assert warning == (
        f"{path}: 3 invalid bytes replaced with U+FFFD at byte offsets "
        f"{', '.join(map(str, offsets))} (decoded as utf-8)"
    )


@pytest.mark.parametrize(
    ("codec", "bom", "reported"),
    [
        ("utf-16", True, "utf-16-le"),  # Python writes a little-endian BOM, as Windows does
        ("utf-16-le", False, "utf-16-le"),
        ("utf-16-be", False, "utf-16-be"),
        ("utf-32", True, "utf-32-le"),
        ("utf-32-be", False, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_or_without_bom_are_read(
    tmp_path: Path, codec: str, bom: bool, reported: str
) -> None:
    data = MINUTES.encode(codec)
    assert data.startswith((b"\xff\xfe", b"\xfe\xff")) == bom
    path = _write(tmp_path, f"export-{codec}.txt", data)

    doc = read_source(path)

    assert doc.encoding == reported
    assert doc.text == MINUTES
    assert doc.warnings == ()
    assert RESOLUTION in _resolutions(path)


def test_utf16_without_bom_with_a_broken_code_unit_is_read_and_reported(tmp_path: Path) -> None:
    data = MINUTES.encode("utf-16-le")
    offset = data.index("options".encode("utf-16-le"))
    path = _write(tmp_path, "broken-16.txt", data[:offset] + b"\x00\xd8" + data[offset:])

    doc = read_source(path)

    assert doc.encoding == "utf-16-le"
    assert "\ufffdoptions" in doc.text
    assert doc.warnings == (
        f"{path}: 2 invalid bytes replaced with U+FFFD at byte offset {offset} "
        "(decoded as utf-16-le)",
    )


def test_a_real_cp1252_file_is_still_read_as_cp1252(tmp_path: Path) -> None:
    text = MINUTES.replace("PARKS", "CAF\u00c9 KIOSK").replace("options", "\u2018options\u2019")
    path = _write(tmp_path, "windows.txt", text.encode("cp1252"))

    doc = read_source(path)

    assert (doc.encoding, doc.text, doc.warnings) == ("cp1252", text, ())
    assert RESOLUTION in _resolutions(path)


def test_another_code_page_is_detected_and_flagged(tmp_path: Path) -> None:
    text = "Протокол заседания совета. РЕШИЛИ: утвердить отчёт о работе библиотеки.\n" * 4
    path = _write(tmp_path, "cyrillic.txt", text.encode("cp1251"))

    doc = read_source(path)

    assert (doc.encoding, doc.text) == ("cp1251", text)
    assert doc.warnings == (
        f"{path}: encoding detected as cp1251, not UTF-8 or cp1252: check the text "
        "(decoded as cp1251)",
    )


def test_a_file_mixing_utf8_and_cp1252_says_so(tmp_path: Path) -> None:
    data = MINUTES.encode("utf-8") + "\nCaf\u00e9 \u2018fees\u2019 \u2013 \u00a35\n".encode(
        "cp1252"
    )
    path = _write(tmp_path, "mixed.txt", data)

    doc = read_source(path)

    assert doc.encoding == "cp1252"
    assert doc.warnings == (
        f"{path}: the file mixes encodings: 1 UTF-8 character and 5 bytes that are not UTF-8; "
        "check its non-ASCII text (decoded as cp1252)",
    )


def test_html_declaring_its_charset_is_read_in_it(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-15"></head><body>'
        "<p>The levy is 5 \u20ac per visit.</p><p>RESOLVED: That the levy be approved.</p>"
        "</body></html>"
    )
    path = _write(tmp_path, "page.html", page.encode("iso-8859-15"))

    doc = read_source(path)

    assert doc.encoding == "iso8859-15"
    assert "The levy is 5 \u20ac per visit." in doc.text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        os.urandom(8192),
        os.urandom(8192).replace(b"\x00", b"a"),
        b"\xff\xfe" + os.urandom(8192),  # a UTF-16 BOM in front of noise
        b"\x89PNG\r\n\x1a\n" + os.urandom(4096),
    ],
    ids=["all-bytes", "random", "random-without-nul", "bom-then-noise", "png"],
)
def test_real_binary_is_still_rejected(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "binary.txt", data)
    with pytest.raises(BinarySourceError, match="binary file, not minutes text, HTML or PDF"):
        read_source(path)
