"""One decision minuted twice: a committee's recommendation and the council item adopting it.

Councils that work through committees minute most decisions twice with the same wording: the
committee resolves "that ... BE APPROVED" and the council's minutes repeat the committee's
report item by item. Shown as two answers, the twin pushes a different decision off the page
and reads as if the bot could not tell which one it meant. So twins are folded into one match:
the earliest minuting (where the decision was made and discussed) answers, and the later
ones are named beside it ("also minuted at City Council, 13 May 2025"), with their links.

Twins are told apart from a title that merely recurs ("Minutes of the previous meeting",
"Budget update") by their decisions: the titles must agree once the bits councils add on
adoption are removed, and they must share a resolution quoted word for word.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.answer.models import SameDecision
from bot.answer.reading import Words
from bot.answer.sources import document_name
from index.schema import ItemMeta
from index.words import tokenize

T = TypeVar("T")

MIN_SHARED_CHARS = 40
"""A shared resolution shorter than this ("That the report be noted.") proves nothing."""

# What a council adds to a committee item's title when it adopts it: "(ADDED)" in front,
# "(Relates to Bill No. 123)" behind.
_ADDED = re.compile(r"^\s*\((?:added|revised|amended)\)\s*", re.IGNORECASE)
_RELATES = re.compile(r"\s*\((?:relates to|see)\b[^)]*\)\s*$", re.IGNORECASE)


def title_key(title: str) -> str:
    """The title as both minutings spell it: case, spacing and adoption marks removed."""
    title = _RELATES.sub("", _ADDED.sub("", title))
    return " ".join(title.lower().split())


def _decisions(meta: ItemMeta) -> set[str]:
    return {
        " ".join(r.text.split())
        for r in meta.resolutions
        if len(" ".join(r.text.split())) >= MIN_SHARED_CHARS
    }


def are_twins(a: ItemMeta, b: ItemMeta) -> bool:
    """Two items of different meetings that minute one decision in the same words."""
    if (a.body, a.date) == (b.body, b.date) and a.source_path == b.source_path:
        return False
    if title_key(a.title) != title_key(b.title) or not title_key(a.title):
        return False
    return bool(_decisions(a) & _decisions(b))


def fold(
    entries: Sequence[T],
    meta_of: Callable[[T], ItemMeta | None],
    question: Words | None = None,
) -> list[tuple[T, list[T]]]:
    """Group twins among ranked ``entries``: each group once, at its best-ranked member's place,
    led by the minuting whose body the question names ("did council agree …" means the
    council's, with the council's vote), else by the earliest one; the others beside it."""
    groups: list[list[T]] = []
    for entry in entries:
        meta = meta_of(entry)
        home = None
        if meta is not None:
            for group in groups:
                first = meta_of(group[0])
                if first is not None and are_twins(first, meta):
                    home = group
                    break
        if home is None:
            groups.append([entry])
        else:
            home.append(entry)
    asked = set(question.tokens) if question is not None else set()
    out = []
    for group in groups:
        named = _named_bodies([meta_of(e) for e in group], asked)
        ordered = sorted(group, key=lambda e: (_body(meta_of(e)) not in named, _when(meta_of(e))))
        out.append((ordered[0], ordered[1:]))
    return out


def _body(meta: ItemMeta | None) -> str | None:
    return meta.body if meta is not None else None


def _named_bodies(metas: Sequence[ItemMeta | None], asked: set[str]) -> set[str | None]:
    """The group's bodies named in the question by a word the other bodies lack."""
    words = {m.body: set(tokenize(m.body)) for m in metas if m is not None and m.body}
    if len(words) < 2:
        return set()
    shared = set.intersection(*words.values())
    return {body for body, w in words.items() if (w - shared) & asked}


def _when(meta: ItemMeta | None) -> dt.date:
    """Undated items sort last: the dated minuting is the one a reader can place."""
    return meta.date if meta is not None and meta.date else dt.date.max


def one_item(a: ItemMeta, b: ItemMeta) -> bool:
    """Two stretches of one agenda item in one document: minutes that print an item's decision
    in one place and its discussion in another (Portland lists each entry with its roll call,
    then the transcript of its debate) give both parts the item's number and title."""
    return (
        a.source_path == b.source_path
        and bool(a.number)
        and a.number == b.number
        and title_key(a.title) == title_key(b.title)
    )


def same_decision(meta: ItemMeta, item_id: str) -> SameDecision:
    return SameDecision(
        item_id=item_id,
        link=meta.link,
        item_title=meta.title,
        body=meta.body,
        meeting_date=meta.date.isoformat() if meta.date else None,
        item_number=meta.number,
        document=document_name(meta.meeting_title, meta.source_path),
    )
