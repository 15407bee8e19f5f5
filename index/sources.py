"""Find minutes files, read them into text, and attach what their sidecars say.

The decoded text returned here is *the* source text: every quote we ever show must be a
substring of it. HTML pages and PDFs are turned into text once, here, so the parser and
the quote check see the same characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.decoding import decode_bytes
from index.errors import EmptySourceError, SourceError
from index.metadata import MANIFEST_NAME, SIDECAR_SUFFIX, SourceMeta, load_meta

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".aspx"}
PDF_SUFFIXES = {".pdf"}
MINUTES_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES


@dataclass(frozen=True)
class SourceDocument:
    """A minutes file read into text. ``kind`` is ``text``, ``html`` or ``pdf``.

    ``encoding`` is the codec the text was decoded with (``None`` for PDFs); ``warnings`` are
    lines for the operator about what reading it cost (replaced bytes, dropped sidecar fields).
    """

    path: str
    text: str
    kind: str
    meta: SourceMeta
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


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
    warnings: list[str] = []
    encoding: str | None = None
    if suffix in PDF_SUFFIXES or raw.startswith(b"%PDF"):
        from index.pdf import pdf_to_text

        text, kind = pdf_to_text(raw, str(path)), "pdf"
    else:
        decoded = decode_bytes(raw, str(path), html=suffix in HTML_SUFFIXES)
        text, encoding = decoded.text, decoded.encoding
        warnings += decoded.warnings(str(path))
        kind = "html" if suffix in HTML_SUFFIXES or _sniff_html(text) else "text"
        if kind == "html":
            from index.html import html_to_text

            text = html_to_text(text)
    if not text.strip():
        raise EmptySourceError(str(path))
    loaded = load_meta(path)
    warnings += loaded.warnings
    return SourceDocument(
        path=str(path),
        text=text,
        kind=kind,
        meta=loaded.meta,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _sniff_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head
