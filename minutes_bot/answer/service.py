"""Answer a question from the index: retrieve items, quote them, or say nothing was found.

The CLI, the Slack bot and the evaluation all call :meth:`Answerer.ask`, so they give the
same answer to the same question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from minutes_bot.answer.models import Answer, Intent, ItemMatch
from minutes_bot.answer.quotes import keep_verbatim
from minutes_bot.answer.retrieval import ItemCandidate, retrieve
from minutes_bot.config import Settings
from minutes_bot.index.embeddings import Embedder, shared_embedder
from minutes_bot.index.store import MinutesStore, StoredItem, open_store
from minutes_bot.models import Action, action_from_dict, resolution_from_dict, vote_from_dict

# Below this cosine similarity the best item is unrelated more often than not (v1 guess,
# calibrated by the evaluation in issue 4).
MIN_SIMILARITY = 0.35
NEAR_MISS_SIMILARITY = 0.2
CANDIDATES = 10

_OWNER = re.compile(r"^\s*(who|whose|whom)\b|\bwho(?:'s| is| will| was)\b|\bowns?\b", re.I)


class Answerer:
    def __init__(
        self,
        settings: Settings,
        store: MinutesStore | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.settings = settings
        self.store = store or open_store(settings)
        self.embedder = embedder or shared_embedder(settings.model_path, settings.embed_batch_size)

    def ask(
        self,
        question: str,
        *,
        context: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Answer:
        """``context`` is an earlier question in the same thread, for follow-ups."""
        limit = limit or self.settings.top_k
        text = f"{context}\n{question}" if context else question
        intent = Intent.OWNER if _OWNER.search(question) else Intent.DECISION
        candidates = retrieve(
            self.store, self.embedder, text, k_items=max(CANDIDATES, offset + limit)
        )
        strong = [c for c in candidates if c.score >= MIN_SIMILARITY]
        answer = Answer(question=question, intent=intent)
        if strong:
            answer.matches = self._matches(strong[offset : offset + limit])
        else:
            near = [c for c in candidates if c.score >= NEAR_MISS_SIMILARITY][:limit]
            answer.near_misses = self._matches(near)
            answer.searched = self._searched()
        return answer

    def _searched(self) -> dict[str, object]:
        """What a "no decision found" reply says it looked through."""
        stats = self.store.stats()
        return {
            "meetings": stats.meetings,
            "items": stats.items,
            "bodies": stats.bodies,
            "first_date": stats.first_date,
            "last_date": stats.last_date,
        }

    def _matches(self, candidates: Sequence[ItemCandidate]) -> list[ItemMatch]:
        items = self.store.get_items(c.item_id for c in candidates)
        return [to_match(items[c.item_id], c.score) for c in candidates if c.item_id in items]


def to_match(item: StoredItem, score: float) -> ItemMatch:
    """Build the match from stored structure, keeping only quotes found in the item's text."""
    meta = item.metadata
    resolutions = [resolution_from_dict(r) for r in item.json_field("resolutions_json")]
    actions = [action_from_dict(a) for a in item.json_field("actions_json")]
    votes = [vote_from_dict(v) for v in item.json_field("votes_json")]
    return ItemMatch(
        item_id=item.id,
        source_path=str(meta.get("source_path", "")),
        item_title=str(meta.get("item_title", "")),
        link=str(meta.get("link", "")),
        score=round(score, 4),
        body=meta.get("body"),
        meeting_date=meta.get("date"),
        item_number=meta.get("item_number"),
        resolutions=keep_verbatim(resolutions, item.text),
        actions=[_with_verbatim_update(a, item.text) for a in keep_verbatim(actions, item.text)],
        votes=keep_verbatim(votes, item.text),
        truncated=bool(meta.get("truncated", False)),
    )


def _with_verbatim_update(action: Action, source: str) -> Action:
    if action.update and action.update not in source:
        return replace(action, update=None)
    return action
