"""The register the bot answers from, kept between questions.

Building it reads every item of the index, so it is held and rebuilt only when the store's
generation changes (an index or sync run, a correction, a removal); every question in between
reads the same one. Keyed by store, since tests run several bots in one process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.register.register import Register, load_register
from index.store import MinutesStore, open_store

if TYPE_CHECKING:
    from bot.slack.runtime.services import Services


@dataclass
class Registers:
    """The register of one store, rebuilt when the store's generation changes."""

    store: MinutesStore
    _held: tuple[str, Register] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self) -> Register:
        generation = self.store.generation()
        with self._lock:
            if self._held is None or self._held[0] != generation or not generation:
                self._held = (generation, load_register(self.store))
            return self._held[1]


_registers: dict[int, Registers] = {}
_registers_lock = threading.Lock()


def current_register(services: Services) -> Register:
    """The register of the store the bot answers from (opened from settings if it has none)."""
    store = getattr(services.answerer, "store", None) or open_store(services.settings)
    with _registers_lock:
        registers = _registers.setdefault(id(store), Registers(store))
    return registers.current()
