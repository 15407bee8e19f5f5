"""The verbatim rule, enforced at the last moment before anything is shown.

A quote that is not a substring of the stored source text is a bug; we drop it and log it
rather than show words the minutes never said.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def is_verbatim(quote: str, source: str) -> bool:
    return bool(quote) and quote in source


def keep_verbatim(quotes: Iterable[T], source: str, text_of=lambda q: q.text) -> list[T]:
    """Quotes whose text occurs in ``source``; any other is logged as a bug and dropped."""
    kept = []
    for quote in quotes:
        if is_verbatim(text_of(quote), source):
            kept.append(quote)
        else:
            log.error("dropped a quote that is not in its source: %r", text_of(quote)[:120])
    return kept
