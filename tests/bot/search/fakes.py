"""A searcher that returns a fixed ranking and records what it was asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.search.base import Ranked


@dataclass
class FixedSearcher:
    name: str
    ranking: list[tuple[str, float]]
    calls: list[tuple[str, int, Any]] = field(default_factory=list)

    def search(self, text: str, k: int, where: Any = None) -> list[Ranked]:
        self.calls.append((text, k, where))
        return [Ranked(item_id, score) for item_id, score in self.ranking]
