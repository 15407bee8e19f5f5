"""Answer a question from the index: retrieve items, quote them, or say nothing was found.

The CLI, the Slack bot and the evaluation all call :meth:`Answerer.ask`, so they give the
same answer to the same question.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date

from bot.answer import abstain
from bot.answer.asked import Asked, asked, missing
from bot.answer.history import HISTORY_ITEMS, Threads, in_date_order
from bot.answer.lead import choose as choose_lead
from bot.answer.models import Answer, Intent, ItemMatch, Refusal, RefusalKind
from bot.answer.passages import best_passages
from bot.answer.plain_words import equivalents
from bot.answer.premise import lost_motion
from bot.answer.question import Query, impossible_dates, understand
from bot.answer.quotes import keep_verbatim
from bot.answer.scope import Catalogue, Scope
from bot.answer.twins import fold as fold_twins
from bot.answer.twins import same_decision
from bot.search.dense import DENSE
from bot.search.pipeline import ItemCandidate, Pipeline
from bot.search.pipelines import standard
from bot.settings import Settings
from index.embeddings import Embedder, shared_embedder
from index.filters import matches_where
from index.models import Action
from index.schema import ItemMeta, Key, StoredItem, decode_unit, encode_item
from index.store import MinutesStore, open_store
from index.units import UnitTable, unit_table_for
from index.words import tokenize

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
        lexical: UnitTable | None = None,
        thresholds: abstain.Thresholds = abstain.DEFAULT,
        today: date | None = None,
        exact_dense: bool = False,
    ) -> None:
        self.settings = settings
        self.store = store or open_store(settings)
        self.thresholds = thresholds
        self.today = today
        self.lexical = lexical if lexical is not None else unit_table_for(settings)
        self.pipeline = pipeline or standard(
            self.store,
            embedder or shared_embedder(settings.model_path, settings.embed_batch_size),
            self.lexical,
            exact=exact_dense,  # a process answering once: see DenseSearcher.exact
        )
        self._catalogue: list[ItemMeta] = []
        self._catalogue_at = -1e9
        self._scope: Scope | None = None
        self._threads: Threads | None = None
        self._item_catalogue: dict[str, ItemMeta] = {}
        self._bodies: list[str] | None = None  # per catalogue read: a pass costs ~40 ms at 100k

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
        bad_input = check_input(question)
        if bad_input is not None:
            return Answer(question=question, refusal=bad_input)
        query = self.understand(question)
        answer = Answer(question=question, intent=query.intent, filters=query.filters())
        impossible = impossible_dates(question)
        if impossible:
            answer.refusal = Refusal(RefusalKind.BAD_DATE, name=impossible[0])
            return answer
        outside = self.scope().check(query)
        if outside is not None:
            answer.refusal = outside
            answer.searched = self._searched()
            return answer

        text = f"{context}\n{query.text}" if context else query.text
        wanted = max(CANDIDATES, offset + limit, HISTORY_ITEMS)
        searched = f"{text} {query.expansion}".strip()
        candidates = self.pipeline.search(searched, wanted, query.where())
        items = self.store.get_items(c.item_id for c in candidates)
        needs = asked(query)
        judged = [self._judge(query, needs, c, items.get(c.item_id), text) for c in candidates]
        top = _deciding(judged)
        answer.evidence = top.evidence if top else None
        # Abstention is decided by the top candidate: a weak best match means the question is
        # not minuted, even if something further down happens to share a word with it.
        if top is None or not top.strong:
            return self._refuse(answer, query, judged, items, RefusalKind.NOT_FOUND, limit)
        if top.missing is not None:
            return self._refuse(
                answer, query, judged, items, RefusalKind.WRONG_TYPE, limit, top.missing
            )
        fitting = [j for j in judged if j.strong and j.missing is None and j.item is not None]
        close = [j for j in fitting if not _far_below(j, top)]
        far = [j for j in fitting if _far_below(j, top)]
        # History: the most relevant items (at least HISTORY_ITEMS), then shown oldest first.
        # Otherwise one decision minuted twice (committee, then council) is one answer.
        width = max(limit, HISTORY_ITEMS) if query.intent == Intent.HISTORY else limit
        twins: dict[str, list[Judged]] = {}
        if query.intent != Intent.HISTORY:
            folded = fold_twins(close, lambda j: j.item.meta if j.item else None, text)
            close = [first for first, _ in folded]
            twins = {first.candidate.item_id: rest for first, rest in folded}
            shown = {j.candidate.item_id for group in twins.values() for j in group}
            far = [j for j in far if j.candidate.item_id not in shown]
        chosen = close[offset : offset + width]
        if query.intent == Intent.HISTORY:
            chosen = self._thread(query, needs, chosen, judged, text, width)
        matches = []
        for j in chosen:
            if j.item is None:
                continue
            match = self._match(query, j.item, j.candidate)
            match.also = [
                same_decision(t.item.meta, t.item.id)
                for t in twins.get(j.candidate.item_id, [])
                if t.item is not None
            ]
            matches.append(match)
        if query.intent == Intent.HISTORY:
            matches = in_date_order(matches)
        answer.matches = matches
        answer.related = [self._match(query, j.item, j.candidate) for j in far[:limit] if j.item]
        by_id = {j.candidate.item_id: j.candidate for j in [*judged, *chosen]}
        items_by_id = {j.item.id: j.item for j in chosen if j.item is not None}
        answer.lead = choose_lead(query, matches, items_by_id, by_id, self.lexical.idf)
        if matches and query.intent != Intent.HISTORY and matches[0].item_id in items_by_id:
            lost = lost_motion(
                question, text, matches[0], items_by_id[matches[0].item_id], self.lexical.idf
            )
            if lost is not None:
                # It did not pass: say so, with the vote, instead of dating a non-decision.
                answer.near_misses, answer.matches, answer.related = matches[:1], [], []
                answer.lead = None
                answer.refusal = Refusal(RefusalKind.MOTION_LOST, lost=lost)
        return answer

    def _judge(
        self,
        query: Query,
        needs: Asked,
        candidate: ItemCandidate,
        item: StoredItem | None,
        text: str,
    ) -> Judged:
        evidence = self.evidence(query, candidate, item, text)
        strong = item is not None and abstain.should_answer(evidence, self.thresholds)
        gap = None
        if item is not None:
            gap = missing(
                needs,
                text,
                item,
                self.lexical.idf,
                ignore=_body_tokens(item),
                unit_scores=candidate.units,
            )
        return Judged(candidate, item, evidence, strong, gap)

    def _thread(
        self,
        query: Query,
        needs: Asked,
        chosen: list[Judged],
        judged: list[Judged],
        text: str,
        width: int,
    ) -> list[Judged]:
        """History: the chosen items' subjects at their other meetings (same title phrase),
        judged on a lower bar (the shared title is evidence too), then the other relevant
        items; the best match first, ``width`` in all."""
        if not chosen:
            return chosen
        threads = self.threads()
        catalogue = self.item_catalogue()
        where = query.where()
        members: list[str] = []
        for j in chosen:
            for other in threads.members(j.candidate.item_id):
                fits = other in catalogue and matches_where(encode_item(catalogue[other]), where)
                if fits and other not in members:
                    members.append(other)
        known = {j.candidate.item_id: j for j in judged}
        extra = [i for i in members if i not in known][:THREAD_EXTRA]
        fresh = self.pipeline.rescore(text, extra) if extra else []
        items = self.store.get_items(c.item_id for c in fresh)
        for c in fresh:
            known[c.item_id] = self._judge(query, needs, c, items.get(c.item_id), text)
        in_thread = [
            known[i]
            for i in members
            if i in known
            and known[i].item is not None
            and known[i].missing is None
            and known[i].confidence >= THREAD_MIN_CONFIDENCE
        ]
        out: list[Judged] = []
        for j in [chosen[0], *in_thread, *chosen[1:]]:
            if all(j.candidate.item_id != o.candidate.item_id for o in out):
                out.append(j)
        return out[:width]

    def threads(self) -> Threads:
        """Title phrases of every item, for history threads (rebuilt with the catalogue)."""
        self.catalogue()
        if self._threads is None:
            self._threads = Threads.of({i: m.title for i, m in self.item_catalogue().items()})
        return self._threads

    def item_catalogue(self) -> dict[str, ItemMeta]:
        self.catalogue()
        return self._item_catalogue

    def _refuse(
        self,
        answer: Answer,
        query: Query,
        judged: list[Judged],
        items: dict[str, StoredItem],
        kind: str,
        limit: int,
        wanted: str | None = None,
    ) -> Answer:
        """No answer: say why, and show the closest items as what they are (not answers)."""
        near = [
            j
            for j in judged
            if j.item is not None
            and (j.evidence.dense is None or j.evidence.dense >= abstain.NEAR_MISS_DENSE)
        ][:limit]
        answer.near_misses = [self._match(query, j.item, j.candidate) for j in near if j.item]
        answer.searched = self._searched()
        answer.refusal = Refusal(kind, wanted=wanted, held=self.scope().catalogue.held())
        return answer

    def understand(self, question: str) -> Query:
        """Intent and filters, with "last meeting" resolved against what the index holds."""
        catalogue = self.catalogue()
        if self._bodies is None:
            self._bodies = sorted({m.body for m in catalogue if m.body})
        today = self.today or date.today()
        query = understand(question, self._bodies, today)
        if query.last_meeting:
            dates = [m.date for m in catalogue if m.date]
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
            by_id = getattr(self.store, "item_catalogue", None)
            if by_id is not None:
                self._item_catalogue = by_id()
                self._catalogue = list(self._item_catalogue.values())
            else:
                self._item_catalogue = {}
                self._catalogue = self.store.all_item_meta()
            self._catalogue_at = now
            self._scope = None
            self._threads = None
            self._bodies = None
        return self._catalogue

    def scope(self) -> Scope:
        """What the index covers (bodies, meetings, places), for refusing specifically."""
        catalogue = self.catalogue()
        if self._scope is None:
            self._scope = Scope(Catalogue.of(catalogue), self._mentions, self.lexical.has_term)
        return self._scope

    def _mentions(self, word: str) -> list[tuple[str, str | None]]:
        """Items whose units hold ``word``, each with its body (None when unknown)."""
        out = []
        for uid, _score in self.lexical.search(word, MENTION_UNITS):
            unit = self.lexical.unit(uid)
            if unit is not None:
                body = unit.metadata.get(Key.BODY)
                out.append((decode_unit(uid, unit.metadata).item_id, str(body) if body else None))
        return out

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
        ignore = _body_tokens(item)
        return abstain.Evidence(
            dense=candidate.scores.get(DENSE),
            coverage=abstain.coverage(
                asked, text, self.lexical.idf, ignore=ignore, equivalents=equivalents(asked)
            ),
            unknown_names=(
                abstain.unknown_names(asked, self.lexical.has_term) if known_names else ()
            ),
            scoped=bool(
                query.bodies
                and query.date_from is not None
                and query.date_from == query.date_to
                and not abstain.topic_tokens(asked, ignore)
            ),
            named=item is not None and abstain.named_in(asked, item.meta.title, ignore),
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


@dataclass(frozen=True)
class Judged:
    """A candidate with what abstention and the type checks found: ``strong`` evidence that
    it is about the question, and ``missing`` the asked-for unit it lacks (None: it has all)."""

    candidate: ItemCandidate
    item: StoredItem | None
    evidence: abstain.Evidence
    strong: bool
    missing: str | None

    @property
    def confidence(self) -> float:
        return (self.evidence.dense or 0.0) + abstain.COVERAGE_WEIGHT * self.evidence.coverage


SET_ASIDE = 3  # how far down a candidate lacking the asked-for unit can be passed over


def _deciding(judged: list[Judged]) -> Judged | None:
    """The candidate whose evidence decides between answering and refusing.

    Normally the top one: a weak best match means the question is not minuted, even if
    something further down shares a word with it. But an item without the asked-for unit is no
    answer to the question ("how did they vote" and no vote recorded), so among the first
    ``SET_ASIDE`` such items are passed over for the next one that has it, provided its
    evidence is at least as strong as the first candidate's: a weaker item does not get to
    answer because a stronger one could not.
    """
    if not judged:
        return None
    first = judged[0]
    for n, j in enumerate(judged):
        if j.missing is None:
            if n == 0 or (j.strong and j.confidence >= first.confidence):
                return j
            return first
        if n + 1 >= SET_ASIDE:
            break
    return first


RELATED_MARGIN = 0.3
"""Confidence below the best match beyond which an item is "related", not an answer."""


def _far_below(judged: Judged, top: Judged) -> bool:
    return judged is not top and judged.confidence < top.confidence - RELATED_MARGIN


THREAD_EXTRA = 6  # items of the best match's thread scored beyond the retrieved candidates
THREAD_MIN_CONFIDENCE = 0.5  # the bar for a thread member (the shared title is evidence too)
MAX_QUESTION_CHARS = 1000
MENTION_UNITS = 60


def check_input(question: str) -> Refusal | None:
    """A question that cannot be searched: nothing in it, or far longer than a question."""
    if not re.search(r"[^\W_]", question):
        return Refusal(RefusalKind.EMPTY)
    if len(question) > MAX_QUESTION_CHARS:
        return Refusal(RefusalKind.TOO_LONG, limit=MAX_QUESTION_CHARS)
    return None


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
        minutes_status=meta.minutes_status,
    )


def _with_verbatim_update(action: Action, source: str) -> Action:
    if action.update and action.update not in source:
        return replace(action, update=None)
    return action
