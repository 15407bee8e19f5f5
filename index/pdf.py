"""PDF minutes to text with pypdf, pages joined by newlines (as the Kent text corpus was made)."""

from __future__ import annotations

import io

from index.errors import SourceError


def pdf_to_text(raw: bytes, path: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise SourceError(path, f"unreadable PDF ({exc})") from exc
