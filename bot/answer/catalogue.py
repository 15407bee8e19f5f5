"""What the answer needs of the index besides retrieval, behind one typed seam.

The store is reached through :class:`Records`: the three calls answering makes, so a test
can stand a small fake in for Chroma and the type checker sees every call. What is derived
from the store's catalogue (the body names questions are read against, what the index covers
for the scope check, the title threads of history answers) lives in :class:`Catalogue` and is
rebuilt together from one read: they can never disagree about which items exist.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Protocol

from bot.answer.acronyms import letters, may_be_initials, spelled_out
from bot.answer.history import Threads
from bot.answer.scope import Meetings, Scope
from index.schema import ItemMeta, Key, StoredItem, decode_unit
from index.store import IndexStats
from index.units import UnitTable

CATALOGUE_TTL_S = 30.0
"""How long a catalogue read answers questions before the store is asked again: the store's
own read is cheap while its generation holds, but deriving bodies, scope and threads is not."""
MENTION_UNITS = 60
SPELLED_INITIALS = 3
"""Two letters ("FC") are the initials of some pair of title words in almost any index: too
few to say the minutes know what they stand for."""


class Records(Protocol):
    """The store as answering uses it (:class:`index.store.MinutesStore` is one)."""

    def get_items(self, ids: Iterable[str]) -> dict[str, StoredItem]:
        """Items by ID, with their text and structured quotes; unknown IDs are left out."""
        ...

    def item_catalogue(self) -> dict[str, ItemMeta]:
        """Every item's metadata by item ID (titles, bodies, dates; no texts)."""
        ...

    def stats(self) -> IndexStats:
        """What the index holds, for "I searched …" replies."""
        ...


@dataclass(frozen=True)
class _Read:
    """One read of the store's catalogue and what is derived from it, each on first use."""

    items: dict[str, ItemMeta]
    lexical: UnitTable

    @cached_property
    def metas(self) -> list[ItemMeta]:
        return list(self.items.values())

    @cached_property
    def bodies(self) -> list[str]:
        return sorted({m.body for m in self.metas if m.body})

    @cached_property
    def scope(self) -> Scope:
        return Scope(Meetings.of(self.metas), self.mentions, self.knows, self.unnamed_mentions)

    def knows(self, token: str) -> bool:
        """A word the minutes write, or initials of at least :data:`SPELLED_INITIALS` letters
        their titles spell out ("cps": Community and Protective Services): a question using
        either asks about something the index holds, not about a council it lacks."""
        if self.lexical.has_term(token):
            return True
        initials = letters(token)  # "ltp5": the fifth "ltp"
        if initials != token and self.lexical.has_term(initials):
            return True
        return (
            len(initials) >= SPELLED_INITIALS
            and may_be_initials(initials)
            and initials in self.acronyms
        )

    @cached_property
    def threads(self) -> Threads:
        return Threads.of({i: m.title for i, m in self.items.items()})

    @cached_property
    def acronyms(self) -> dict[str, str]:
        return spelled_out(m.title for m in self.metas)

    def mentions(self, word: str) -> list[tuple[str, str | None]]:
        """Items whose units hold ``word``, each with its body (None when unknown)."""
        out = []
        for uid, _score in self.lexical.search(word, MENTION_UNITS):
            unit = self.lexical.unit(uid)
            if unit is not None:
                body = unit.metadata.get(Key.BODY)
                out.append((decode_unit(uid, unit.metadata).item_id, str(body) if body else None))
        return out

    @cached_property
    def _unnamed_docs(self) -> list[str]:
        return sorted({m.doc_id for m in self.metas if not m.body})

    def unnamed_mentions(self, words: Sequence[str]) -> set[str]:
        """Items of minutes that state no body and hold every one of ``words`` (searched among
        those minutes only, so a word common elsewhere cannot crowd them out)."""
        if not self._unnamed_docs or not words:
            return set()
        where = {Key.DOC_ID: {"$in": self._unnamed_docs}}
        found: set[str] | None = None
        for word in words:
            items = set()
            for uid, _score in self.lexical.search(word, MENTION_UNITS, where):
                unit = self.lexical.unit(uid)
                if unit is not None:
                    items.add(decode_unit(uid, unit.metadata).item_id)
            found = items if found is None else found & items
        return found or set()


class Catalogue:
    """Every item's metadata, the bodies, the scope and the history threads, from one read of
    ``records`` re-read at most every ``ttl`` seconds (``clock`` is :func:`time.monotonic`)."""

    def __init__(
        self,
        records: Records,
        lexical: UnitTable,
        *,
        ttl: float = CATALOGUE_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.records = records
        self.lexical = lexical
        self.ttl = ttl
        self.clock = clock
        self._read: _Read | None = None
        self._read_at = 0.0

    def _current(self) -> _Read:
        now = self.clock()
        if self._read is None or now - self._read_at > self.ttl:
            self._read = _Read(self.records.item_catalogue(), self.lexical)
            self._read_at = now
        return self._read

    @property
    def items(self) -> dict[str, ItemMeta]:
        """Every item's metadata by item ID."""
        return self._current().items

    @property
    def bodies(self) -> list[str]:
        """The bodies whose minutes the index holds, sorted: what questions name."""
        return self._current().bodies

    @property
    def scope(self) -> Scope:
        """What the index covers (bodies, meetings, places), for refusing specifically."""
        return self._current().scope

    @property
    def threads(self) -> Threads:
        """Title phrases of every item, for history threads."""
        return self._current().threads

    def knows(self, token: str) -> bool:
        """Whether the index holds ``token`` as a word or as initials it spells out
        (:meth:`_Read.knows`)."""
        return self._current().knows(token)

    def spelled_out(self, initials: str) -> str | None:
        """What the index's titles spell ``initials`` out as ("lgr" → "Local Government
        Reorganisation"), if any (:mod:`bot.answer.acronyms`)."""
        return self._current().acronyms.get(initials.lower())

    def last_meeting(self, bodies: Iterable[str] = ()) -> date | None:
        """The latest meeting date of ``bodies`` (of any body when none of theirs is dated)."""
        metas = self._current().metas
        named = set(bodies)
        dates = [m.date for m in metas if m.date]
        scoped = [m.date for m in metas if m.date and (not named or m.body in named)] or dates
        return max(scoped) if scoped else None


def searched(records: Records) -> dict[str, object]:
    """What a "no decision found" reply says it looked through."""
    stats = records.stats()
    return {
        "meetings": stats.meetings,
        "items": stats.items,
        "bodies": stats.bodies,
        "first_date": stats.first_date,
        "last_date": stats.last_date,
    }
