"""The verbatim rule, enforced at the last moment before anything is shown.

A quote that is not a substring of the stored source text is a bug; we drop it and log it
rather than show words the minutes never said.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol, TypeVar

log = logging.getLogger(__name__)


class Quote(Protocol):
    """A structured unit quoting the minutes (a resolution, action, vote, dated statement)."""

    @property
    def text(self) -> str: ...


Q = TypeVar("Q", bound=Quote)


def is_verbatim(quote: str, source: str) -> bool:
    return bool(quote) and quote in source


def keep_verbatim(quotes: Iterable[Q], source: str) -> list[Q]:
    """Quotes whose text occurs in ``source``; any other is logged as a bug and dropped."""
    kept = []
    for quote in quotes:
        if is_verbatim(quote.text, source):
            kept.append(quote)
        else:
            _dropped(quote.text)
    return kept


def keep_verbatim_texts(texts: Iterable[str], source: str) -> list[str]:
    """:func:`keep_verbatim` for plain passages of text."""
    kept = []
    for text in texts:
        if is_verbatim(text, source):
            kept.append(text)
        else:
            _dropped(text)
    return kept


def _dropped(text: str) -> None:
    log.error("dropped a quote that is not in its source: %r", text[:120])
