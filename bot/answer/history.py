"""Decision history: "what has the board decided about X over time?".

The answer is the matching items across meetings in date order, oldest first, each with its
quoted resolutions and link, so a reader sees how a decision developed (a committee's
recommendation, then the council's decision) rather than one item out of context. The items
of one subject are found by relevance and by their titles: a subject keeps its title phrase
from meeting to meeting ("Mobility Master Plan Networks Maps", then "Mobility Master Plan
Notice of Completion") even when the later minutes share few words with the question.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from bot.answer.models import ItemMatch
from index.words import tokenize

HISTORY_ITEMS = 5  # with the default of 3 answers, history still spans a few meetings


def in_date_order(matches: Sequence[ItemMatch]) -> list[ItemMatch]:
    """Items that quote something, oldest meeting first; undated items go last, by score."""
    quoted = [m for m in matches if m.resolutions or m.actions or m.votes or m.passages]
    dated = sorted((m for m in quoted if m.meeting_date), key=lambda m: str(m.meeting_date))
    undated = [m for m in quoted if not m.meeting_date]
    return dated + undated


# -- threads: one agenda subject across meetings ----------------------------------------------

THREAD_MAX_TITLES = 8
"""A title phrase shared by at most this many items marks one subject's thread ("Mobility
Master Plan …", "Report by Leader of the Council"); a phrase in more titles is generic."""

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[A-Z]\.|\(?[a-z0-9]{1,3}\))\s+")
_ITEM_REF = re.compile(r"\((?:Item|Items)\s+[^)]*\)\s*$", re.IGNORECASE)


def title_phrases(title: str) -> set[tuple[str, str]]:
    """The title's consecutive pairs of content words, numbering and "(Item 7)" left out:
    what two titles of one subject share ("mobility master", "master plan")."""
    core = _ITEM_REF.sub("", _NUMBERING.sub("", title))
    tokens = tokenize(core)
    return set(pairwise(tokens))


@dataclass
class Threads:
    """Every item's title phrases, and how many titles carry each phrase."""

    phrases: dict[str, set[tuple[str, str]]]
    counts: Counter[tuple[str, str]]

    @classmethod
    def of(cls, titles: dict[str, str]) -> Threads:
        phrases = {item_id: title_phrases(title) for item_id, title in titles.items()}
        counts: Counter[tuple[str, str]] = Counter()
        for found in phrases.values():
            counts.update(found)
        return cls(phrases, counts)

    def members(self, item_id: str) -> list[str]:
        """Other items sharing a distinctive title phrase with ``item_id``, most shared first."""
        own = {p for p in self.phrases.get(item_id, ()) if self.counts[p] <= THREAD_MAX_TITLES}
        if not own:
            return []
        shared = [
            (len(own & found), other)
            for other, found in self.phrases.items()
            if other != item_id and own & found
        ]
        shared.sort(key=lambda pair: -pair[0])
        return [other for _, other in shared]
