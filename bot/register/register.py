"""The register itself: every action in the index, merged across the meetings that record it.

Built from the store's items at read time (:func:`load_register`), so it is always what the
index says now: a corrected minute re-indexed, or a meeting removed by sync, changes the
register with nothing else to update. An action log repeats its actions at each meeting with a
new ``Update –`` line; those repeats are one action (same body, same owner group, nearly the
same words), raised where it first appears and standing as its latest update says. An action
with no done update is then checked against the body's later meetings (:mod:`.status`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from bot.register.due import next_meeting_after, resolve_due
from bot.register.models import Entry, Status
from bot.register.owners import Owners
from bot.register.status import (
    Report,
    delivered_sentences,
    reports_back,
    status_of_update,
    subject_words,
)
from index.models import Action
from index.schema import StoredItem
from index.store import MinutesStore

READ_BATCH = 500
"""Items read from the store per request."""
SAME_ACTION = 0.85
"""How alike two actions' words must be (difflib ratio) to be one action repeated in a log."""
SAME_MOTION = 0.97
"""How alike two actions of one item must be to be one: the same motion recorded again."""


@dataclass
class Register:
    """Every action as an :class:`Entry`, the owner groups, and each body's meeting dates."""

    entries: list[Entry] = field(default_factory=list)
    owners: Owners = field(default_factory=Owners)
    meetings: dict[str, list[dt.date]] = field(default_factory=dict)

    @property
    def bodies(self) -> list[str]:
        return sorted(self.meetings)


def load_register(store: MinutesStore, bodies: Sequence[str] = ()) -> Register:
    """The register of every item in ``store`` (or of ``bodies`` only)."""
    catalogue = store.item_catalogue()
    wanted = [iid for iid, meta in catalogue.items() if not bodies or meta.body in bodies]
    items: list[StoredItem] = []
    for start in range(0, len(wanted), READ_BATCH):
        items += store.get_items(wanted[start : start + READ_BATCH]).values()
    return build_register(items)


def build_register(items: Iterable[StoredItem]) -> Register:
    """The register of these items: entries merged, statuses and due dates resolved."""
    ordered = sorted(items, key=_item_order)
    meetings: dict[str, set[dt.date]] = {}
    for item in ordered:
        if item.meta.body and item.meta.date:
            meetings.setdefault(item.meta.body, set()).add(item.meta.date)
    dates = {body: sorted(days) for body, days in meetings.items()}
    owners = Owners.learn(
        (a.owner, item.meta.body) for item in ordered for a in item.meta.actions if a.owner
    )
    entries: list[Entry] = []
    for item in ordered:
        for action in item.meta.actions:
            seen = _raised(item, action, owners)
            earlier = _same_action(entries, seen)
            if earlier is None:
                entries.append(seen)
            else:
                entries[earlier] = _carried(entries[earlier], seen)
    by_body: dict[str | None, list[StoredItem]] = {}
    for item in ordered:
        by_body.setdefault(item.meta.body, []).append(item)
    delivered = {item.id: delivered_sentences(item.text) for item in ordered}
    finished = [
        _resolved(_reported(entry, by_body.get(entry.body, []), delivered), dates)
        for entry in entries
    ]
    return Register(finished, owners, dates)


def _raised(item: StoredItem, action: Action, owners: Owners) -> Entry:
    meta = item.meta
    status = status_of_update(action.update)
    return Entry(
        what=action.text,
        quote=action.quote or action.text,
        owner=action.owner,
        owner_key=owners.group(action.owner),
        body=meta.body,
        meeting_date=meta.date,
        item_title=meta.title,
        link=meta.link,
        source_path=meta.source_path,
        item_id=item.id,
        due_phrase=action.due,
        status=status,
        update=action.update,
        update_link=meta.link if action.update else None,
        update_date=meta.date if action.update else None,
        done_on=meta.date if status == Status.DONE else None,
        seen_at=(meta.link,),
        bodies=(meta.body,) if meta.body else (),
    )


def _same_action(entries: list[Entry], seen: Entry) -> int | None:
    """The earlier entry ``seen`` repeats, if any. Always the same owner group, and:

    - in one item, the same words (a motion moved, amended and recorded again "as amended"
      differs by a semicolon; two actions of one item differ by more);
    - at a later meeting of the same body, nearly the same words carried forward in an action
      log with an update, or under an item on the same subject;
    - at another body, the same words under an item on the same subject: a committee's
      recommendation adopted by the council.

    Boilerplate ("BE AUTHORIZED to undertake all the administrative acts …") recurs word for
    word under unrelated items; the subject test keeps those apart.
    """
    for index in range(len(entries) - 1, -1, -1):
        entry = entries[index]
        if entry.owner_key != seen.owner_key:
            continue
        if entry.item_id == seen.item_id:
            alike = SAME_MOTION
        elif entry.body == seen.body and (seen.update or _same_subject(entry, seen)):
            alike = SAME_ACTION
        elif entry.body != seen.body and _same_subject(entry, seen):
            alike = SAME_MOTION
        else:
            continue
        matcher = difflib.SequenceMatcher(None, _words_of(entry.what), _words_of(seen.what))
        if matcher.real_quick_ratio() < alike or matcher.quick_ratio() < alike:
            continue  # the upper bounds are cheap; long motions make ratio() slow
        if matcher.ratio() >= alike:
            return index
    return None


def _words_of(action: str) -> str:
    """An action's words to compare: lower case, without the list's joining tail ("…; and")."""
    return _LIST_TAIL_RE.sub("", action.lower())


_LIST_TAIL_RE = re.compile(r"[\s;,.:]*(?:\b(?:and|or)\b[\s;,.:]*)?$")


def _same_subject(first: Entry, later: Entry) -> bool:
    """Whether two items' titles name one subject: equal, or one inside the other once
    bracketed notes ("(Relates to Bill No. 12)", "(ADDED)") are set aside."""
    a, b = _title_key(first.item_title), _title_key(later.item_title)
    return bool(a and b) and (a in b or b in a)


def _title_key(title: str) -> str:
    return " ".join(re.sub(r"\([^()]*\)", " ", title).lower().split())


def _carried(first: Entry, later: Entry) -> Entry:
    """The action as first raised, standing as its latest update says."""
    links = first.seen_at + tuple(link for link in later.seen_at if link not in first.seen_at)
    bodies = first.bodies + tuple(b for b in later.bodies if b not in first.bodies)
    if later.update is None:
        return replace(first, seen_at=links, bodies=bodies)
    return replace(
        first,
        bodies=bodies,
        status=later.status,
        update=later.update,
        update_link=later.update_link,
        update_date=later.update_date,
        done_on=later.done_on if later.status == Status.DONE else None,
        due_phrase=first.due_phrase or later.due_phrase,
        seen_at=links,
    )


def _reported(
    entry: Entry, body_items: list[StoredItem], delivered: dict[str, list[Report]]
) -> Entry:
    """``entry`` marked done by the first later item of its body that reports it delivered."""
    if entry.status == Status.DONE or entry.meeting_date is None or entry.body is None:
        return entry
    owner_words = set((entry.owner_key or "").split()) - {"of", "and", "for", "the"}
    if not subject_words(entry.what):
        return entry
    for item in body_items:
        if item.meta.date is None or item.meta.date <= entry.meeting_date:
            continue
        report = reports_back(delivered[item.id], entry.what, owner_words)
        if report is not None:
            return replace(
                entry,
                status=Status.DONE,
                update=report.sentence,
                update_link=item.meta.link,
                update_date=item.meta.date,
                done_on=item.meta.date,
            )
    return entry


def _resolved(entry: Entry, dates: dict[str, list[dt.date]]) -> Entry:
    following = next_meeting_after(entry.meeting_date, dates.get(entry.body or "", []))
    return replace(entry, due=resolve_due(entry.due_phrase, entry.meeting_date, following))


def _item_order(item: StoredItem) -> tuple[dt.date, str, int]:
    return (item.meta.date or dt.date.min, item.meta.source_path, item.meta.index)
