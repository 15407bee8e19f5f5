"""Find minutes files, read them into text, and attach what their sidecars say.

The decoded text returned here is *the* source text: every quote we ever show must be a
substring of it. HTML pages and PDFs are turned into text once, here, so the parser and
the quote check see the same characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from index.errors import BinarySourceError, EmptySourceError, SourceError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".aspx"}
PDF_SUFFIXES = {".pdf"}
MINUTES_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class SourceMeta:
    """What a sidecar (``<file>.meta.json``) or folder ``manifest.json`` says about a file."""

    url: str | None = None
    body: str | None = None
    date: date | None = None
    title: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SourceMeta:
        raw_date = data.get("date")
        return cls(
            url=_str_or_none(data.get("url")),
            body=_str_or_none(data.get("body")),
            date=date.fromisoformat(str(raw_date)) if raw_date else None,
            title=_str_or_none(data.get("title")),
        )


@dataclass(frozen=True)
class SourceDocument:
    """A minutes file read into text. ``kind`` is ``text``, ``html`` or ``pdf``."""

    path: str
    text: str
    kind: str
    meta: SourceMeta


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield minutes files under ``paths`` in a stable order; a named file is always yielded.

    A file the user names explicitly is yielded whatever its suffix, so that a bad file gets a
    reason in the summary instead of being silently passed over.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _looks_like_minutes(child):
                    yield child
        else:
            yield path


def _looks_like_minutes(path: Path) -> bool:
    name = path.name
    if name.endswith(SIDECAR_SUFFIX) or name == MANIFEST_NAME or name.startswith("."):
        return False
    return path.suffix.lower() in MINUTES_SUFFIXES


def read_source(path: Path) -> SourceDocument:
    """Read one file into a :class:`SourceDocument`, or raise a :class:`SourceError` saying why."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), f"unreadable ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise EmptySourceError(str(path))
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or raw.startswith(b"%PDF"):
        from index.pdf import pdf_to_text

        text, kind = pdf_to_text(raw, str(path)), "pdf"
    else:
        text = decode_text(raw, str(path))
        kind = "html" if suffix in HTML_SUFFIXES or _sniff_html(text) else "text"
        if kind == "html":
            from index.html import html_to_text

            text = html_to_text(text)
    if not text.strip():
        raise EmptySourceError(str(path))
    return SourceDocument(path=str(path), text=text, kind=kind, meta=load_meta(path))


def decode_text(raw: bytes, path: str) -> str:
    """UTF-8 first (with or without BOM), then cp1252, which council systems still export."""
    if b"\x00" in raw[:4096]:
        raise BinarySourceError(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise BinarySourceError(path) from exc
    if _control_ratio(text) > 0.01:
        raise BinarySourceError(path)
    return text


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)


def _sniff_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def load_meta(path: Path) -> SourceMeta:
    """The file's sidecar wins; else its entry in the folder's ``manifest.json``; else nothing.

    A manifest maps file names (relative to its folder) to the same fields as a sidecar.
    """
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_file():
        return SourceMeta.from_dict(_load_json(sidecar))
    manifest = path.parent / MANIFEST_NAME
    if manifest.is_file():
        entry = _load_json(manifest).get(path.name)
        if isinstance(entry, dict):
            return SourceMeta.from_dict(entry)
    return SourceMeta()


def _load_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(str(path), f"bad metadata JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise SourceError(str(path), "metadata JSON must be an object")
    return data
