"""Channel watches: ``/minutes watch <topic>`` subscribes a channel to a topic, kept in SQL.

A watch must outlive the process that heard the command and be seen by the ``sync`` process
that later indexes a matching decision, so it lives in the shared database
(:mod:`index.database`: SQLite in the data folder, or the server every replica uses).

Matching is lexical: a new item matches a topic when every word of the topic occurs in the
item's title, resolutions or actions. Words are read as the BM25 index reads them
(:func:`index.words.words` and its stop words), lower-cased, with plurals and possessives
folded ("libraries" meets "library", "taxes" meets "tax") but without the BM25 stemmer's
-ing/-ed stripping, which on real minutes made "parking" match every "park". A subscriber can
predict a lexical match and see why a post arrived.

Why not the embedding model: on 1,104 decision items of the real minutes in ../shared and 20
topics, a cosine threshold could not be set for every topic. At 0.5 it never fired for
"libraries", "fire" or "climate" although 6, 14 and 12 items name them; at 0.4 it still never
fired for the first two and was no more precise (in 75 topic–item pairs judged by hand, 77% of its matches were
relevant against 76% of the lexical ones). What it adds are related words ("housing" for
"affordable housing"), which a channel can watch as topics of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Integer,
    String,
    UniqueConstraint,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from index.database import Base, session_factory
from index.schema import StoredItem
from index.words import STOPWORDS, words

MAX_TOPIC = 200  # characters kept of a topic as typed
MAX_TERMS = 12  # a longer "topic" is a sentence, which would almost never match in full
MAX_PER_CHANNEL = 40
"""Watches a channel may hold: its list, one section with a Remove button each, fits one message."""


class WatchRow(Base):
    """One channel's subscription to one topic (a topic is unique per channel by its terms)."""

    __tablename__ = "slack_watches"
    __table_args__ = (UniqueConstraint("channel_id", "terms", name="uq_slack_watch_terms"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str | None] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32), index=True)
    topic: Mapped[str] = mapped_column(String(MAX_TOPIC))
    terms: Mapped[str] = mapped_column(String(MAX_TOPIC * 2))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(32))


class ChannelCountRow(Base):
    """How many watches a channel holds, kept beside them so the cap holds for concurrent adds.

    Counting the rows before inserting one lets two replicas (or two Bolt threads) both see 39
    and both insert. Instead every add first runs ``UPDATE … SET watches = watches + 1 WHERE
    channel_id = … AND watches < cap``: the database locks the channel's row (PostgreSQL
    re-checks the condition once a concurrent add commits; SQLite takes its write lock), so the
    increment that would pass the cap updates nothing and the add is refused. The insert of the
    watch is in the same transaction, so a duplicate topic rolls the increment back; a removal
    decrements in its own delete's transaction.
    """

    __tablename__ = "slack_watch_channels"

    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    watches: Mapped[int] = mapped_column(Integer)


@dataclass(frozen=True)
class Watch:
    id: int
    channel_id: str
    topic: str
    terms: tuple[str, ...]
    created_by: str | None = None

    def matches(self, words: set[str]) -> bool:
        """Whether every word of the topic is among ``words`` (an item's :func:`decision_terms`)."""
        return bool(self.terms) and set(self.terms) <= words


class NoTopicWords(ValueError):
    """The topic has no word to match (empty, or only stop words such as "the")."""


class TooManyWatches(ValueError):
    """The channel already holds :data:`MAX_PER_CHANNEL` watches."""


def watch_words(text: str) -> list[str]:
    """``text``'s words as watches compare them: lower-case, no stop words, plurals folded."""
    out = []
    for word in words(text):
        low = word.lower().replace("’", "'").removesuffix("'s")
        if low and low not in STOPWORDS:
            out.append(singular(low))
    return out


def singular(word: str) -> str:
    """A plural's singular, by the regular English rules (enough for topics and titles)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def topic_terms(topic: str) -> tuple[str, ...]:
    """The words a topic is matched by, in order, each once."""
    return tuple(dict.fromkeys(watch_words(topic)))[:MAX_TERMS]


def clean_topic(topic: str) -> str:
    return " ".join(topic.split())[:MAX_TOPIC]


def decision_terms(item: StoredItem) -> set[str]:
    """The words of what an item decided: its title, resolutions and actions (with owners)."""
    meta = item.meta
    parts = [meta.title]
    parts += [r.text for r in meta.resolutions]
    parts += [" ".join(filter(None, (a.text, a.owner))) for a in meta.actions]
    return set(watch_words("\n".join(parts)))


class Watches:
    """The watches table, through a session per call (safe from Bolt's worker threads)."""

    def __init__(self, database_url: str) -> None:
        self._sessions: sessionmaker = session_factory(database_url)

    def add(
        self, channel_id: str, topic: str, *, user_id: str | None = None, team_id: str | None = None
    ) -> tuple[Watch, bool]:
        """The channel's watch on ``topic`` and whether it is new (watching twice is one watch);
        raises :class:`TooManyWatches` when the channel holds :data:`MAX_PER_CHANNEL` already."""
        topic = clean_topic(topic)
        terms = topic_terms(topic)
        if not terms:
            raise NoTopicWords(topic)
        key = " ".join(terms)
        existing = self._find(channel_id, key)
        if existing:
            return existing, False
        row = WatchRow(
            team_id=team_id,
            channel_id=channel_id,
            topic=topic,
            terms=key,
            created_by=user_id,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        self._ensure_count(channel_id)
        try:
            with self._sessions.begin() as session:
                if not _take_place(session, channel_id):
                    raise TooManyWatches(channel_id)
                session.add(row)
        except IntegrityError:  # the same watch added at the same moment by another request
            found = self._find(channel_id, key)
            if found is None:
                raise
            return found, False
        return _watch(row), True

    def remove(self, channel_id: str, topic: str) -> Watch | None:
        """Stop the channel's watch on ``topic`` (matched by its words, as it was added)."""
        found = self._find(channel_id, " ".join(topic_terms(clean_topic(topic))))
        return self.remove_id(channel_id, found.id) if found else None

    def remove_id(self, channel_id: str, watch_id: int) -> Watch | None:
        """Remove a watch by ID, only from the channel it belongs to (IDs come from buttons)."""
        with self._sessions.begin() as session:
            row = session.scalar(
                select(WatchRow).where(WatchRow.id == watch_id, WatchRow.channel_id == channel_id)
            )
            if row is None:
                return None
            watch = _watch(row)
            session.execute(delete(WatchRow).where(WatchRow.id == watch_id))
            session.execute(
                update(ChannelCountRow)
                .where(ChannelCountRow.channel_id == channel_id, ChannelCountRow.watches > 0)
                .values(watches=ChannelCountRow.watches - 1)
            )
        return watch

    def in_channel(self, channel_id: str) -> list[Watch]:
        with self._sessions() as session:
            rows = session.scalars(
                select(WatchRow).where(WatchRow.channel_id == channel_id).order_by(WatchRow.id)
            )
            return [_watch(row) for row in rows]

    def all(self) -> list[Watch]:
        with self._sessions() as session:
            return [_watch(row) for row in session.scalars(select(WatchRow).order_by(WatchRow.id))]

    def _ensure_count(self, channel_id: str) -> None:
        """Create the channel's count row once, from the watches it holds (a table kept from
        before the count existed has some); two requests creating it at once both go on."""
        with self._sessions() as session:
            if session.get(ChannelCountRow, channel_id) is not None:
                return
        try:
            with self._sessions.begin() as session:
                session.execute(
                    insert(ChannelCountRow).from_select(
                        ["channel_id", "watches"],
                        select(literal(channel_id), func.count(WatchRow.id)).where(
                            WatchRow.channel_id == channel_id
                        ),
                    )
                )
        except IntegrityError:
            pass

    def _find(self, channel_id: str, key: str) -> Watch | None:
        with self._sessions() as session:
            row = session.scalar(
                select(WatchRow).where(WatchRow.channel_id == channel_id, WatchRow.terms == key)
            )
            return _watch(row) if row else None


def matching(
    watches: Iterable[Watch], items: Iterable[StoredItem]
) -> list[tuple[str, StoredItem, list[Watch]]]:
    """``(channel, item, the channel's watches it matches)`` for each item a channel watches.

    One entry per channel and item, however many of the channel's topics the item matches, so a
    channel watching "libraries" and "opening hours" hears about the library hours review once.
    """
    by_channel: dict[str, list[Watch]] = {}
    for watch in watches:
        by_channel.setdefault(watch.channel_id, []).append(watch)
    words = [(item, decision_terms(item)) for item in items]
    found = []
    for channel, channel_watches in by_channel.items():
        for item, item_words in words:
            hits = [w for w in channel_watches if w.matches(item_words)]
            if hits:
                found.append((channel, item, hits))
    return found


def _take_place(session: Session, channel_id: str) -> bool:
    """Count one more watch for the channel unless it is full, in one atomic statement."""
    done = session.execute(
        update(ChannelCountRow)
        .where(ChannelCountRow.channel_id == channel_id, ChannelCountRow.watches < MAX_PER_CHANNEL)
        .values(watches=ChannelCountRow.watches + 1)
    )
    return bool(getattr(done, "rowcount", 0))


def _watch(row: WatchRow) -> Watch:
    return Watch(
        id=row.id,
        channel_id=row.channel_id,
        topic=row.topic,
        terms=tuple(row.terms.split()),
        created_by=row.created_by,
    )
