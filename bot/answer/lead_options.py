"""What an item offers to lead an answer with: each of its verbatim units (resolutions,
actions, votes, dated statements) and shown passages as a possible one-line answer, with the
dense score that says how close it stands to the question. :mod:`bot.answer.lead` chooses
among them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answer.asked import PROCEDURAL
from bot.answer.models import ItemMatch, Lead, LeadKind
from bot.search.pipeline import ItemCandidate
from index.extract.dates import dated_phrase
from index.models import Resolution, Vote, VoteResult
from index.schema import StoredItem, UnitKind, UnitRef, unit_id

# The clauses that close most approvals ("the Mayor and the City Clerk BE AUTHORIZED to execute
# any contract or other documents, if required, to give effect to these recommendations"; "the
# Civic Administration BE AUTHORIZED to undertake all the administrative acts …"): they name
# who signs or files, not who decided or does the work, so they lead only when nothing else in
# the item answers.
SIGNING = re.compile(
    r"\bauthori[sz]ed to (?:execute|sign)\b[^.;]{0,80}\b(?:documents?|agreements?|contracts?)\b"
    r"[^.;]{0,80}\b(?:give effect|implement)|"
    r"\bauthori[sz]ed to undertake all (?:the )?administrative acts\b",
    re.IGNORECASE,
)

# A part of a decision that only notes, or hands the rest to someone ("c) note that a further
# report will be brought …", "b) delegate authority to the Director … to award the contract"):
# it decides less than the part that approves, agrees or awards, so it leads only when no such
# part answers about as well.
PROCEDURAL_PART = re.compile(
    r"^\W*(?:(?:to|and)\s+)?(?:notes?|noted|noting|delegates?|delegated)\b", re.IGNORECASE
)
# A decision that notes a paper and also decides ("That the report be noted and the
# recommendations agreed") decides: it is no mere noting.
DECIDES = re.compile(
    r"\b(?:agreed|approved|adopted|endorsed|awarded|appointed|ratified|accepted)\b"
    r"(?![^.;]{0,30}\bby\b)",
    re.IGNORECASE,
)
# "… signed as a correct record by the Chair": the previous minutes' approval decides nothing
# about any matter (penalised like SIGNING).
SIGNED_RECORD = re.compile(
    r"\bsigned (?:as a (?:true and )?correct record|by the (?:Chair|Chairman|Mayor))\b",
    re.IGNORECASE,
)

_DATE_PHRASE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?:\s+\d{4})?\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?(?:\s+\d{4})?\b|"
    r"\b(?:spring|summer|autumn|winter|the end of (?:the )?(?:year|month))(?:\s+\d{4})?\b"
)


# What a date phrase inside a decision says when it is no date the decision sets: the date of a
# document or of an earlier meeting it refers to ("the staff report dated April 28, 2025", "the
# Report … from its meeting held on January 13, 2025", "the communication of May 2").
_REFERENCE_BEFORE = re.compile(
    r"\b(?:dated|(?<!be )held(?:\s+on)?|(?:report|letter|communication|correspondence|"
    r"minutes|submission|presentation)\s+(?:of|on|from))\s*(?:the\s+)?$",
    re.IGNORECASE,
)
"""Not "at the Municipal Council meeting on May 13, 2025" nor "to be held on June 3": the
meeting a decision sends something to is a date it sets."""


def set_date(text: str) -> re.Match[str] | None:
    """The first date phrase of a decision that says when something is to happen, not the date
    of a document or meeting it cites: "… BE APPROVED as set out in the staff report dated April
    28, 2025" sets no date (the meeting that approved it dates it); "… to submit Climate Action
    Plans no later than May 31, 2026" does."""
    for m in _DATE_PHRASE.finditer(text):
        if not _REFERENCE_BEFORE.search(text, 0, m.start()):
            return m
    return None


@dataclass(frozen=True)
class Option:
    """A possible lead and what it is scored on."""

    lead: Lead
    text: str  # what is scored against the question
    dense: float | None
    procedural: bool = False
    meeting_date: bool = False  # a decision dated by its meeting, not by its own words
    passage: bool = False  # a sentence of the discussion, not an extracted unit
    signing: bool = False  # the closing clause naming who signs (see SIGNING)


def lead_from(match: ItemMatch, kind: str, quote: str, **extra: str | None) -> Lead:
    """A lead quoting ``quote`` from ``match``, placed by the match's meeting and link."""
    return Lead(
        kind=kind,
        quote=quote,
        item_id=match.item_id,
        link=match.link,
        item_title=match.item_title,
        item_number=match.item_number,
        body=match.body,
        meeting_date=match.meeting_date,
        minutes_status=match.minutes_status,
        document=match.document,
        **extra,
    )


def offered(match: ItemMatch, item: StoredItem, candidate: ItemCandidate | None) -> list[Option]:
    """Every verbatim unit of the item as a possible lead, with its exact dense score."""
    meta = item.meta
    source = item.text
    units = candidate.units if candidate else {}
    dense = unit_scores(item, candidate)

    def lead(kind: str, quote: str, **extra: str | None) -> Lead:
        return lead_from(match, kind, quote, **extra)

    # Passages have no vector of their own: a passage stands as close as the item's closest
    # text window (it lies in one); votes see vote_closeness.
    vote_sim = vote_closeness(item, candidate)
    chunk_prefix = unit_id(UnitRef(item.id, UnitKind.CHUNK, 0))[:-1]
    chunk_best = max((v for k, v in units.items() if k.startswith(chunk_prefix)), default=None)

    out: list[Option] = []
    for n, r in enumerate(meta.resolutions):
        quote = _verbatim(r.quote, r.text, source)
        if not quote:
            continue
        procedural = bool(PROCEDURAL.search(r.text) or PROCEDURAL_PART.search(r.text))
        procedural = procedural and not DECIDES.search(r.text)
        signing = bool(SIGNING.search(r.text) or SIGNED_RECORD.search(r.text))
        sim = dense(UnitKind.RESOLUTION, n)
        out.append(
            Option(lead(LeadKind.RESOLUTION, quote), r.text, sim, procedural, signing=signing)
        )
        said = set_date(r.text)
        if said:
            # "… be presented at the July meeting": the decision dates itself
            dated = lead(LeadKind.DATE, quote, when=said.group(0))
            out.append(Option(dated, r.text, sim, procedural, signing=signing))
        elif match.meeting_date:
            # "When did they adopt X?": the meeting that decided it dates the decision.
            out.append(
                Option(
                    lead(LeadKind.DATE, quote, when=match.meeting_date),
                    r.text,
                    sim,
                    procedural,
                    meeting_date=True,
                    signing=signing,
                )
            )
    for n, a in enumerate(meta.actions):
        quote = _verbatim(a.quote, a.text, source)
        if not quote:
            continue
        update = a.update if a.update and a.update in source else None
        extra = {"owner": a.owner, "due": a.due, "status": a.status}
        text = f"{a.owner or ''} {a.text} {update or ''}"
        sim = dense(UnitKind.ACTION, n)
        signing = bool(SIGNING.search(a.text))
        out.append(Option(lead(LeadKind.ACTION, quote, **extra), text, sim, signing=signing))
        if a.due:
            out.append(
                Option(lead(LeadKind.DATE, quote, owner=a.owner, due=a.due, when=a.due), text, sim)
            )
    for v in meta.votes:
        quote = _verbatim(v.motion, v.text, source)
        if quote:
            sim = vote_sim(v)
            out.append(
                Option(
                    lead(
                        LeadKind.VOTE,
                        quote,
                        result=v.result if v.result != VoteResult.UNKNOWN else None,
                        tally=tally(v),
                    ),
                    f"{v.motion or ''} {v.text}",
                    sim,
                    bool(v.motion and PROCEDURAL.search(v.motion)),
                )
            )
    for n, d in enumerate(meta.dated):
        if d.text and d.text in source:
            out.append(
                Option(lead(LeadKind.DATE, d.text, when=d.when), d.text, dense(UnitKind.DATED, n))
            )
    for p in match.passages:
        if p not in source:
            continue
        out.append(Option(lead(LeadKind.PASSAGE, p), p, chunk_best, passage=True))
        # a deadline or start the sentence states ("… launched on 16th January and was due to
        # run until 12th March") before whichever date comes first, if that is not the date
        # of a document it cites ("the communication … dated July 7, 2025")
        first = set_date(p)
        when = dated_phrase(p) or (first.group(0) if first else None)
        if when:
            dated = lead(LeadKind.DATE, p, when=when)
            out.append(Option(dated, p, chunk_best, passage=True))
    return out


def unit_scores(
    item: StoredItem, candidate: ItemCandidate | None
) -> Callable[[str, int], float | None]:
    """(unit kind, ordinal) → the dense score retrieval gave that unit of ``item`` (None when
    it scored none)."""
    units = candidate.units if candidate else {}
    return lambda kind, ordinal: units.get(unit_id(UnitRef(item.id, kind, ordinal)))


def vote_closeness(
    item: StoredItem, candidate: ItemCandidate | None
) -> Callable[[Vote], float | None]:
    """How close each vote of ``item`` stands to the question. A vote has no vector of its
    own: it stands as close as the resolution its motion carried, else as the item's decisions
    together (the same for every vote of the item, so then the motion's words decide)."""
    dense = unit_scores(item, candidate)
    block = dense(UnitKind.DECISION, 0)
    return lambda vote: motion_similarity(vote.motion, item.meta.resolutions, dense) or block


def motion_similarity(
    motion: str | None,
    resolutions: Sequence[Resolution],
    dense: Callable[[str, int], float | None],
) -> float | None:
    """The dense score of the resolution a vote's motion carried (one holds the other)."""
    if not motion:
        return None
    scores = [
        dense(UnitKind.RESOLUTION, n)
        for n, r in enumerate(resolutions)
        if r.text and (r.text in motion or motion in r.text)
    ]
    found = [x for x in scores if x is not None]
    return max(found) if found else None


def _verbatim(preferred: str | None, fallback: str, source: str) -> str | None:
    """The marked quote ("RESOLVED that …") when the extractor gave one, else the unit's text;
    only ever an exact substring of the item's text."""
    for quote in (preferred, fallback):
        if quote and quote in source:
            return quote
    return None


def tally(vote: Vote) -> str | None:
    """ "13-2" (for-against, then abstentions when any), from counts or the named lists; the
    templates print it "13–2"."""
    yeas = vote.yea_count if vote.yea_count is not None else len(vote.yeas) or None
    nays = vote.nay_count if vote.nay_count is not None else len(vote.nays) or None
    if yeas is None and nays is None:
        return None
    abstained = vote.abstain_count if vote.abstain_count is not None else len(vote.abstentions)
    parts = [str(yeas or 0), str(nays or 0)]
    if abstained:
        parts.append(str(abstained))
    return "-".join(parts)
