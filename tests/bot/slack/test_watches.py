"""Which new decisions a watch matches, and the watches table: quick, no model or Slack."""

from __future__ import annotations

import pytest

from bot.slack.watches.replies import answer
from bot.slack.watches.topics import (
    MAX_PER_CHANNEL,
    NoTopicWords,
    TooManyWatches,
    Watches,
    matching,
    topic_terms,
)
from index.models import Action, Resolution
from index.schema import ItemMeta, StoredItem
from prompts import render


def item(title: str, *resolutions: str, actions: tuple[Action, ...] = ()) -> StoredItem:
    meta = ItemMeta(
        title=title, resolutions=tuple(Resolution(r) for r in resolutions), actions=actions
    )
    return StoredItem(id=title, text="", meta=meta)


@pytest.fixture
def watches(tmp_path) -> Watches:
    return Watches(f"sqlite:///{tmp_path / 'watches.sqlite3'}")


LIBRARY = item("LIBRARY OPENING HOURS REVIEW", "That the report be noted.")
PARK = item("Watson Park", "That the park be declared surplus.")
PARKING = item("Traffic and Parking By-law", "That the amendments be approved.")
OWNED = item(
    "Winter pressures",
    "That the plan be noted.",
    actions=(Action("To report back on staffing.", owner="Director of Adult Social Care"),),
)


@pytest.mark.parametrize(
    ("topic", "matched"),
    [
        ("libraries", [LIBRARY]),  # plural meets singular
        ("Library opening hours", [LIBRARY]),
        ("library closures", []),  # every word must be there
        ("parking", [PARKING]),  # not "park": no -ing stripping
        ("park", [PARK]),
        ("adult social care", [OWNED]),  # an action's owner counts
        ("surplus", [PARK]),  # resolutions count
    ],
)
def test_a_topic_matches_items_that_name_all_its_words(watches, topic, matched):
    watches.add("C1", topic)
    found = matching(watches.all(), [LIBRARY, PARK, PARKING, OWNED])
    assert [entry[1] for entry in found] == matched


def test_an_item_matching_several_topics_of_a_channel_is_posted_once(watches):
    watches.add("C1", "library")
    watches.add("C1", "opening hours")
    watches.add("C2", "libraries")
    found = matching(watches.all(), [LIBRARY])
    assert [(channel, [w.topic for w in hits]) for channel, _, hits in found] == [
        ("C1", ["library", "opening hours"]),
        ("C2", ["libraries"]),
    ]


def test_a_topic_without_words_is_refused(watches):
    assert topic_terms("the and of") == ()
    with pytest.raises(NoTopicWords):
        watches.add("C1", "  the  ")


def test_the_same_topic_twice_is_one_watch_and_removal_is_per_channel(watches):
    first, created = watches.add("C1", "Libraries", user_id="U1")
    again, created_again = watches.add("C1", "  library ")
    assert created and not created_again and again.id == first.id
    other, _ = watches.add("C2", "libraries")
    assert watches.remove_id("C1", other.id) is None  # a button from another channel
    assert [w.topic for w in watches.in_channel("C2")] == ["libraries"]
    assert watches.remove("C1", "LIBRARY").id == first.id
    assert watches.in_channel("C1") == []


def _watch_at_once(watches: Watches, channel: str, n: int) -> list[str]:
    """``n`` different ``/minutes watch`` commands for ``channel`` from ``n`` threads at once,
    answered as the Bolt handler answers them; the replies' texts."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    start = Barrier(n)

    def one(k: int) -> str:
        start.wait()
        reply = answer(watches, "watch", f"topic{k} sewers", channel=channel, user="U1", team="T1")
        return reply.text

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_the_cap_holds_for_many_watch_commands_at_once(database, request, tmp_path):
    if database == "postgresql":
        url = request.getfixturevalue("postgres_server").url()
    else:
        url = f"sqlite:///{tmp_path / 'watches.sqlite3'}"
    channel = f"C{database.upper()}{tmp_path.name[-8:]}"[:32]
    watches = Watches(url)
    texts = _watch_at_once(watches, channel, MAX_PER_CHANNEL + 5)
    assert len(watches.in_channel(channel)) == MAX_PER_CHANNEL
    full = render("slack/watch/full.txt.j2", limit=MAX_PER_CHANNEL).strip()
    assert texts.count(full) == 5
    assert sum("watch *topic" in t for t in texts) == MAX_PER_CHANNEL
    # removing one makes room for exactly one more
    assert watches.remove_id(channel, watches.in_channel(channel)[0].id)
    assert (
        "watch *" in answer(watches, "watch", "drains", channel=channel, user="U1", team=None).text
    )
    assert answer(watches, "watch", "gullies", channel=channel, user="U1", team=None).text == full
    assert len(watches.in_channel(channel)) == MAX_PER_CHANNEL


def test_a_table_from_before_the_count_keeps_its_cap(watches, tmp_path):
    """Watches stored before the per-channel count existed are counted when it is created."""
    from sqlalchemy import delete

    from bot.slack.watches.topics import ChannelCountRow
    from index.database import session_factory

    for k in range(MAX_PER_CHANNEL):
        watches.add("C1", f"topic{k}")
    with session_factory(f"sqlite:///{tmp_path / 'watches.sqlite3'}").begin() as session:
        session.execute(delete(ChannelCountRow))
    with pytest.raises(TooManyWatches):
        watches.add("C1", "one more")
    assert watches.add("C1", "topic3")[1] is False  # an existing topic is still "already"
