"""Bytes → text for minutes files, choosing the encoding per file and saying what was lost.

Every quote we show must be a substring of the text made here, so a wrong guess is not
cosmetic: a UTF-8 file read as cp1252 turns ``O’Farrell`` into ``Oâ€™Farrell`` and breaks the
parser's patterns. The order of checks:

1. a byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32, either byte order);
2. a file full of NUL bytes is UTF-16/32 without a BOM if charset-normalizer (or, for a file
   with a broken code unit, the layout of the NULs) says so, else binary;
3. strict UTF-8;
4. for HTML, the ``<meta charset>`` the page declares, if the bytes decode in it;
5. *mostly* UTF-8: if at least as many characters decode as valid multi-byte UTF-8 as there
   are invalid bytes, it is a UTF-8 file with a few stray bytes. They become U+FFFD and a
   warning names their byte offsets; reading the whole file as cp1252 instead would garble
   every valid character silently;
6. cp1252, what council systems still export, if the text reads as text in it (with a
   warning if valid UTF-8 was mixed in);
7. ASCII with a few junk bytes: UTF-8 with the junk replaced and reported;
8. whatever code page charset-normalizer detects (e.g. cp1251 for Cyrillic), with a warning;
9. whatever was chosen, text with more than 1% control, private-use or undecodable characters
   is binary.
"""

from __future__ import annotations

import codecs
import re
from contextvars import ContextVar
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from index.errors import BinarySourceError

REPLACEMENT = "\ufffd"
LEGACY_DEFAULT = "cp1252"
MAX_JUNK_RATIO = 0.01
"""More than 1% control, private-use or undecodable characters and it is not minutes text."""
NUL_RATIO_FOR_WIDE = 0.1
"""UTF-16/32 text in a Latin script is a third to three quarters NUL bytes; UTF-8 text has none."""
OFFSETS_SHOWN = 5
MAX_MESS = 0.2
"""charset-normalizer's own default cut-off between text and mess."""
MESS_SAMPLE_CHARS = 65_536

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_NUL_LAYOUTS: dict[tuple[bool, ...], str] = {
    (False, True, False, True): "utf-16-le",
    (True, False, True, False): "utf-16-be",
    (False, True, True, True): "utf-32-le",
    (True, True, True, False): "utf-32-be",
}
_NON_ASCII = re.compile("[^\x00-\x7f]")
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")
"""Controls other than tab, newlines, vertical tab and form feed; surrogates; private use."""
_WHATWG_ALIASES = {"ascii": "cp1252", "latin-1": "cp1252", "iso8859-1": "cp1252"}
"""Browsers read pages declaring ASCII or Latin-1 as windows-1252, so we do too."""

_bad_spans: ContextVar[list[tuple[int, int]] | None] = ContextVar("_bad_spans", default=None)


def _record_and_replace(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: like ``errors="replace"``, but remembers which bytes were bad."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    spans = _bad_spans.get()
    if spans is not None:
        spans.append((exc.start, exc.end))
    return REPLACEMENT, exc.end


_HANDLER = "minutes-bot-record-replace"
codecs.register_error(_HANDLER, _record_and_replace)


@dataclass(frozen=True)
class DecodedText:
    """The text, the codec that made it, and the byte ranges that had to be replaced."""

    text: str
    encoding: str
    bad_spans: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def bad_bytes(self) -> int:
        return sum(end - start for start, end in self.bad_spans)

    def warnings(self, path: str) -> list[str]:
        """Lines for the operator: ``<file>: <what happened> (decoded as <encoding>)``."""
        lines = [f"{path}: {note} (decoded as {self.encoding})" for note in self.notes]
        if self.bad_spans:
            offsets = ", ".join(str(start) for start, _ in self.bad_spans[:OFFSETS_SHOWN])
            more = len(self.bad_spans) - OFFSETS_SHOWN
            if more > 0:
                offsets += f" and {more} more"
            lines.insert(
                0,
                f"{path}: {_plural(self.bad_bytes, 'invalid byte')} replaced with U+FFFD at byte "
                f"offset{'s' if len(self.bad_spans) > 1 else ''} {offsets} "
                f"(decoded as {self.encoding})",
            )
        return lines


def decode_bytes(raw: bytes, path: str, *, html: bool = False) -> DecodedText:
    """Decode one file's bytes (see the module docstring), or raise :class:`BinarySourceError`."""
    decoded = _decode(raw, html=html)
    if decoded is None or _junk_ratio(decoded) > MAX_JUNK_RATIO:
        raise BinarySourceError(path)
    return decoded


def _decode(raw: bytes, *, html: bool) -> DecodedText | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _lenient(raw, codec, skip=len(bom))
    if raw.count(0) > NUL_RATIO_FOR_WIDE * len(raw):
        return _wide_without_bom(raw)
    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw) if html else None
    if declared:
        try:
            return DecodedText(raw.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    as_utf8 = _lenient(raw, "utf-8")
    valid_multibyte = len(_NON_ASCII.findall(as_utf8.text)) - len(as_utf8.bad_spans)
    if valid_multibyte >= len(as_utf8.bad_spans):
        return as_utf8
    cp1252 = _cp1252(raw)
    if cp1252 is not None:
        if valid_multibyte > 0:
            note = (
                f"the file mixes encodings: {_plural(valid_multibyte, 'UTF-8 character')} "
                f"and {_plural(as_utf8.bad_bytes, 'byte')} that are not UTF-8; check its "
                "non-ASCII text"
            )
            return DecodedText(cp1252.text, cp1252.encoding, notes=(note,))
        return cp1252
    if as_utf8.bad_bytes <= MAX_JUNK_RATIO * len(raw):
        return as_utf8  # ASCII with a little junk in it: replace and report the junk
    return _detected(raw)


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _lenient(raw: bytes, codec: str, skip: int = 0) -> DecodedText:
    """Decode with bad byte ranges replaced by U+FFFD and recorded as file offsets."""
    spans: list[tuple[int, int]] = []
    token = _bad_spans.set(spans)
    try:
        text = raw[skip:].decode(codec, errors=_HANDLER)
    finally:
        _bad_spans.reset(token)
    shifted = tuple((start + skip, end + skip) for start, end in spans)
    return DecodedText(text, codec, shifted)


def _wide_without_bom(raw: bytes) -> DecodedText | None:
    """UTF-16/32 without a byte-order mark (a common Windows export), or ``None`` for binary.

    charset-normalizer recognises clean files in any script; one with a broken code unit it
    rejects outright, so for those the layout of NUL bytes (every other byte of Latin-script
    UTF-16, three in four of UTF-32) names the encoding and the bad units are replaced.
    """
    best = from_bytes(raw, cp_isolation=_WIDE).best()
    if best is not None:
        return _lenient(raw, codecs.lookup(best.encoding).name)
    codec = _wide_by_nul_layout(raw)
    return _lenient(raw, codec) if codec else None


def _wide_by_nul_layout(raw: bytes) -> str | None:
    """Which of the four byte positions (mod 4) are mostly NUL says which UTF-16/32 it is."""
    layout = tuple(raw[i::4].count(0) > len(raw[i::4]) / 2 for i in range(4))
    return _NUL_LAYOUTS.get(layout)


def _cp1252(raw: bytes) -> DecodedText | None:
    """cp1252 if the bytes decode and read like text in it, by charset-normalizer's measure.

    Cyrillic or Greek code pages also decode as cp1252, into nonsense ("Ïðîòîêîë"); the
    detector's "mess" ratio tells the two apart (it is 0 for English in cp1252, above 1 there).
    """
    try:
        text = raw.decode(LEGACY_DEFAULT)
    except UnicodeDecodeError:
        return None
    if mess_ratio(text[:MESS_SAMPLE_CHARS], maximum_threshold=1.0) >= MAX_MESS:
        return None
    return DecodedText(text, LEGACY_DEFAULT)


def _detected(raw: bytes) -> DecodedText | None:
    """The detector's best single- or multi-byte code page, flagged for the operator to check."""
    for match in from_bytes(raw):
        encoding = codecs.lookup(match.encoding).name
        if encoding.startswith("utf"):
            continue  # the UTF readings were tried already, with offsets
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        note = f"encoding detected as {encoding}, not UTF-8 or cp1252: check the text"
        return DecodedText(text, encoding, notes=(note,))
    return None


def _declared_charset(raw: bytes) -> str | None:
    """The ``<meta charset>`` an HTML page declares, if Python knows that codec."""
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _WHATWG_ALIASES.get(name, name)


def _junk_ratio(decoded: DecodedText) -> float:
    """Share of characters no minutes file contains: replaced bytes, controls, private use."""
    if not decoded.text:
        return 0.0
    junk = len(decoded.bad_spans) + len(_JUNK.findall(decoded.text))
    return junk / len(decoded.text)
