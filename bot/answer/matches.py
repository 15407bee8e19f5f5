"""An item as an answer shows it: its stored structure, and the passages that answer the
question, every quote kept only if it is found word for word in the item's text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.answer.models import ItemMatch
from bot.answer.passages import best_passages
from bot.answer.question import Query
from bot.answer.quotes import keep_verbatim, keep_verbatim_texts
from bot.answer.sources import document_name
from bot.search.pipeline import ItemCandidate
from index.models import Action, Vote
from index.schema import StoredItem

PASSAGES_PER_ITEM = 2


def quoted(
    query: Query, item: StoredItem, candidate: ItemCandidate, idf: Callable[[str], float]
) -> ItemMatch:
    """``item`` as a match for ``query``: its units and the passages that answer it best."""
    match = to_match(item, candidate.score)
    shown = [r.text for r in match.resolutions] + [a.text for a in match.actions]
    passages = best_passages(
        query.words,
        item.text,
        k=PASSAGES_PER_ITEM,
        cues=query.cues,
        idf=idf,
        exclude=shown,
    )
    match.passages = [
        p for p in keep_verbatim_texts(passages, item.text) if not _on_a_vote(p, match, item.text)
    ]
    return match


def _on_a_vote(passage: str, match: ItemMatch, source: str) -> bool:
    """Does ``passage`` overlap a vote shown with the item (its tally or its motion)? The vote
    is shown whole, with its motion, so a passage cut from it only repeats part of it, or its
    raw tally ("For (13)")."""
    at = source.find(passage)
    if at < 0:
        return False
    end = at + len(passage)
    for vote in match.votes:
        for span in (vote.text, vote.motion):
            start = source.find(span) if span else -1
            if start >= 0 and start < end and at < start + len(span or ""):
                return True
    return False


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
        votes=motion_first(keep_verbatim(meta.votes, item.text)),
        truncated=meta.truncated,
        dated=keep_verbatim(meta.dated, item.text),
        minutes_status=meta.minutes_status,
        document=document_name(meta.meeting_title, meta.source_path),
    )


def _with_verbatim_update(action: Action, source: str) -> Action:
    if action.update and action.update not in source:
        return replace(action, update=None)
    return action


def motion_first(votes: Sequence[Vote]) -> list[Vote]:
    """The votes on the item's motions first, then procedural ones (amendments, a recess, a
    referral …), each group in the minutes' order: a 33–2 vote to recess must not be read
    as the vote on the motion."""
    return sorted(votes, key=lambda vote: vote.procedural)
