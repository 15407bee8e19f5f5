"""Answer a question from the index: retrieve items, quote them, or say nothing was found.

The CLI, the Slack bot and the evaluation all call :meth:`Answerer.ask`, so they give the
same answer to the same question.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

from bot.answer import abstain
from bot.answer.history import HISTORY_ITEMS, in_date_order
from bot.answer.models import Answer, Intent, ItemMatch
from bot.answer.passages import best_passages
from bot.answer.question import Query, understand
from bot.answer.quotes import keep_verbatim
from bot.answer.retrieval import (
    MODE_DENSE,
    MODE_HYBRID,
    MODE_LEXICAL,
    ItemCandidate,
    retrieve,
)
from bot.settings import Settings
from index.embeddings import Embedder, shared_embedder
from index.lexical import LexicalIndex, lexical_index_for, tokenize
from index.models import Action, action_from_dict, resolution_from_dict, vote_from_dict
from index.store import MinutesStore, StoredItem, open_store

CANDIDATES = 10
PASSAGES_PER_ITEM = 2
CATALOGUE_TTL_S = 30.0


class Answerer:
    """``mode`` is ``hybrid`` (the product) or ``dense`` / ``lexical`` (evaluation baselines)."""

    def __init__(
        self,
        settings: Settings,
        store: MinutesStore | None = None,
        embedder: Embedder | None = None,
        *,
        mode: str = MODE_HYBRID,
        lexical: LexicalIndex | None = None,
        thresholds: abstain.Thresholds = abstain.DEFAULT,
        today: date | None = None,
    ) -> None:
        self.settings = settings
        self.store = store or open_store(settings)
        self.mode = mode
        self.thresholds = thresholds
        self.today = today
        self.lexical = lexical or (lexical_index_for(settings) if mode != MODE_DENSE else None)
        self.embedder = (
            None
            if mode == MODE_LEXICAL
            else embedder or shared_embedder(settings.model_path, settings.embed_batch_size)
        )
        self.last_evidence: abstain.Evidence | None = None  # the top candidate's, for calibration
        self._catalogue: list[dict[str, object]] = []
        self._catalogue_at = -1e9

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
        query = self.understand(question)
        text = f"{context}\n{query.text}" if context else query.text
        wanted = max(CANDIDATES, offset + limit, HISTORY_ITEMS)
        candidates = retrieve(
            self.store,
            self.embedder,
            text,
            k_items=wanted,
            where=query.where(),
            lexical=self.lexical,
            mode=self.mode,
        )
        answer = Answer(question=question, intent=query.intent, filters=query.filters())
        items = self.store.get_items(c.item_id for c in candidates)
        judged = [(c, self.evidence(query, c, items.get(c.item_id), text)) for c in candidates]
        self.last_evidence = judged[0][1] if judged else None
        strong = [
            (c, e)
            for c, e in judged
            if c.item_id in items and abstain.should_answer(e, self.thresholds)
        ]
        # Abstention is decided by the top candidate: a weak best match means the question is
        # not minuted, even if something further down happens to share a word with it.
        if judged and strong and strong[0][0] is judged[0][0]:
            # History: the most relevant items (at least HISTORY_ITEMS), then shown oldest first.
            width = max(limit, HISTORY_ITEMS) if query.intent == Intent.HISTORY else limit
            chosen = strong[offset : offset + width]
            matches = [self._match(query, items[c.item_id], c) for c, _ in chosen]
            if query.intent == Intent.HISTORY:
                matches = in_date_order(matches)
            answer.matches = matches
        else:
            near = [
                c
                for c, e in judged
                if c.item_id in items and (e.dense is None or e.dense >= abstain.NEAR_MISS_DENSE)
            ][:limit]
            answer.near_misses = [self._match(query, items[c.item_id], c) for c in near]
            answer.searched = self._searched()
        return answer

    def understand(self, question: str) -> Query:
        """Intent and filters, with "last meeting" resolved against what the index holds."""
        catalogue = self.catalogue()
        bodies = sorted({str(m["body"]) for m in catalogue if m.get("body")})
        dates = [str(m["date"]) for m in catalogue if m.get("date")]
        today = self.today or date.today()
        query = understand(question, bodies, today)
        if query.last_meeting:
            scoped = [
                str(m["date"])
                for m in catalogue
                if m.get("date") and (not query.bodies or m.get("body") in query.bodies)
            ] or dates
            if scoped:
                last = date.fromisoformat(max(scoped))
                query = query.with_dates(last, last)
        return query

    def catalogue(self) -> list[dict[str, object]]:
        """Item metadata (body, date) for filters; re-read at most every 30 s."""
        now = time.monotonic()
        if now - self._catalogue_at > CATALOGUE_TTL_S:
            self._catalogue = [
                {"body": m.get("body"), "date": m.get("date")}
                for m in self.store.all_item_metadata()
            ]
            self._catalogue_at = now
        return self._catalogue

    def evidence(
        self,
        query: Query,
        candidate: ItemCandidate,
        item: StoredItem | None,
        asked: str | None = None,
    ) -> abstain.Evidence:
        """``asked`` is what was searched for (with a follow-up's earlier question)."""
        asked = asked or query.text
        text = ""
        if item is not None:
            text = "\n".join(
                str(x)
                for x in (item.metadata.get("header"), item.metadata.get("item_title"), item.text)
                if x
            )
        if self.lexical is not None:
            idf, known = self.lexical.idf, self.lexical.has_term
        else:
            idf, known = (lambda _t: 1.0), (lambda _t: True)
        return abstain.Evidence(
            dense=candidate.dense if self.mode != MODE_LEXICAL else None,
            coverage=abstain.coverage(asked, text, idf, ignore=self._body_tokens(item)),
            unknown_names=abstain.unknown_names(asked, known) if self.lexical else (),
        )

    def _body_tokens(self, item: StoredItem | None) -> set[str]:
        if item is None or not item.metadata.get("body"):
            return set()
        return set(tokenize(str(item.metadata["body"])))

    def _match(self, query: Query, item: StoredItem, candidate: ItemCandidate) -> ItemMatch:
        match = to_match(item, candidate.score)
        shown = [r.text for r in match.resolutions] + [a.text for a in match.actions]
        idf = self.lexical.idf if self.lexical is not None else None
        passages = best_passages(
            query.text, item.text, k=PASSAGES_PER_ITEM, cues=query.cues, idf=idf, exclude=shown
        )
        match.passages = keep_verbatim(passages, item.text, text_of=lambda p: p)
        return match

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
