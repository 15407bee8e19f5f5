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
from bot.search.dense import DENSE
from bot.search.pipeline import ItemCandidate, Pipeline
from bot.search.pipelines import standard
from bot.settings import Settings
from index.embeddings import Embedder, shared_embedder
from index.lexical import LexicalIndex, lexical_index_for, tokenize
from index.models import Action
from index.schema import ItemMeta, StoredItem
from index.store import MinutesStore, open_store

CANDIDATES = 10
PASSAGES_PER_ITEM = 2
CATALOGUE_TTL_S = 30.0


class Answerer:
    """Answers with ``pipeline`` (default: the product's, :func:`bot.search.pipelines.standard`;
    the evaluation passes its baselines). ``lexical`` also supplies word statistics (idf,
    known terms) for abstention and passages, whichever pipeline retrieves; ``embedder`` is
    only needed to build the default pipeline."""

    def __init__(
        self,
        settings: Settings,
        store: MinutesStore | None = None,
        embedder: Embedder | None = None,
        *,
        pipeline: Pipeline | None = None,
        lexical: LexicalIndex | None = None,
        thresholds: abstain.Thresholds = abstain.DEFAULT,
        today: date | None = None,
    ) -> None:
        self.settings = settings
        self.store = store or open_store(settings)
        self.thresholds = thresholds
        self.today = today
        self.lexical = lexical if lexical is not None else lexical_index_for(settings)
        self.pipeline = pipeline or standard(
            self.store,
            embedder or shared_embedder(settings.model_path, settings.embed_batch_size),
            self.lexical,
        )
        self._catalogue: list[ItemMeta] = []
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
        candidates = self.pipeline.search(text, wanted, query.where())
        items = self.store.get_items(c.item_id for c in candidates)
        judged = [(c, self.evidence(query, c, items.get(c.item_id), text)) for c in candidates]
        answer = Answer(
            question=question,
            intent=query.intent,
            filters=query.filters(),
            evidence=judged[0][1] if judged else None,
        )
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
        bodies = sorted({m.body for m in catalogue if m.body})
        dates = [m.date for m in catalogue if m.date]
        today = self.today or date.today()
        query = understand(question, bodies, today)
        if query.last_meeting:
            scoped = [
                m.date for m in catalogue if m.date and (not query.bodies or m.body in query.bodies)
            ] or dates
            if scoped:
                last = max(scoped)
                query = query.with_dates(last, last)
        return query

    def catalogue(self) -> list[ItemMeta]:
        """Every item's metadata (body, date) for filters; re-read at most every 30 s."""
        now = time.monotonic()
        if now - self._catalogue_at > CATALOGUE_TTL_S:
            self._catalogue = self.store.all_item_meta()
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
            text = "\n".join(x for x in (item.meta.header, item.meta.title, item.text) if x)
        # An empty lexical index (made before BM25 existed) knows no words, so it cannot say
        # which names are unknown.
        known_names = len(self.lexical) > 0
        return abstain.Evidence(
            dense=candidate.scores.get(DENSE),
            coverage=abstain.coverage(asked, text, self.lexical.idf, ignore=_body_tokens(item)),
            unknown_names=(
                abstain.unknown_names(asked, self.lexical.has_term) if known_names else ()
            ),
        )

    def _match(self, query: Query, item: StoredItem, candidate: ItemCandidate) -> ItemMatch:
        match = to_match(item, candidate.score)
        shown = [r.text for r in match.resolutions] + [a.text for a in match.actions]
        passages = best_passages(
            query.text,
            item.text,
            k=PASSAGES_PER_ITEM,
            cues=query.cues,
            idf=self.lexical.idf,
            exclude=shown,
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


def _body_tokens(item: StoredItem | None) -> set[str]:
    """Words naming the item's body: they match every item of its minutes, so prove nothing."""
    if item is None or not item.meta.body:
        return set()
    return set(tokenize(item.meta.body))


def to_match(item: StoredItem, score: float) -> ItemMatch:
    """Build the match from stored structure, keeping only quotes found in the item's text."""
    meta = item.meta
    return ItemMatch(
        item_id=item.id,
        source_path=meta.source_path,
        item_title=meta.title,
        link=meta.link,
        score=round(score, 4),
        body=meta.body,
        meeting_date=meta.date.isoformat() if meta.date else None,
        item_number=meta.number,
        resolutions=keep_verbatim(meta.resolutions, item.text),
        actions=[
            _with_verbatim_update(a, item.text) for a in keep_verbatim(meta.actions, item.text)
        ],
        votes=keep_verbatim(meta.votes, item.text),
        truncated=meta.truncated,
        dated=keep_verbatim(meta.dated, item.text),
    )


def _with_verbatim_update(action: Action, source: str) -> Action:
    if action.update and action.update not in source:
        return replace(action, update=None)
    return action
