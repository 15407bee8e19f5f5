"""Telling the channel after a sync, driven as people and the sync command drive it: slash
commands and clicks over signed HTTP to a real Bolt app, a (stand-in) sync that really indexes
fictional minutes, the hook the sync command calls, and the fake Slack Web API recording posts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from bot.slack.render.limits import MAX_BLOCKS
from bot.slack.watches.notify import sync_notifier
from index.ledger import SiteSync
from index.store import open_store
from prompts import render
from tests.bot.slack.blockkit import button, quoted, raw_texts, source_urls, texts
from tests.bot.slack.conftest import unique
from tests.bot.slack.running import running_bot
from tests.bot.slack.sync_stand_in import stand_in_sync, write_item_page

pytestmark = pytest.mark.slow

SITE = "https://democracy.kestrel.example/"
BODY = "Kestrel Communities Board"
LIBRARY_RESOLUTION = (
    "That the Sunday opening pilot at Harrowgate and Fenwick libraries be approved."
)
HOSTILE_RESOLUTION = (
    "That a review of the pilot be brought back to the Board <!channel> & partners in six months."
)
LIBRARY_ACTION = "The Head of Culture will report staffing costs to the Board by 30 September 2025."
LIBRARY_LINK = "https://democracy.kestrel.example/mgAi.aspx?ID=51001"
GRITTING_RESOLUTION = "That the revised winter gritting routes be adopted from 1 November."


@pytest.fixture(scope="module")
def news(bot, tmp_path_factory):
    """Settings and a store of their own (data folder, database; no digest channel unless a
    test sets one) and the session's model and fake Slack; the answerer is the shared bot's."""
    settings = bot.settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("sync-news"), "digest_channel": None}
    )
    store = open_store(settings)
    services = dataclasses.replace(bot.services, settings=settings)
    return settings, store, services


def library_meeting(folder: Path, date: str = "2025-03-04", link: str = LIBRARY_LINK) -> Path:
    """A short meeting: the library item (quotes with an owner, a due date and `<!channel>`) and
    an unrelated highways item."""
    write_item_page(
        folder,
        "item-4-libraries",
        title="LIBRARIES: SUNDAY OPENING PILOT",
        discussion=(
            "The Head of Culture introduced the report on a six-month pilot of Sunday opening.\n\n"
            f"Councillor Bell asked how the pilot would be staffed. {LIBRARY_ACTION} "
            "(Action: Head of Culture)"
        ),
        resolutions=[LIBRARY_RESOLUTION, HOSTILE_RESOLUTION],
        url=link,
        body=BODY,
        date=date,
    )
    write_item_page(
        folder,
        "item-5-gritting",
        title="HIGHWAYS: WINTER GRITTING ROUTES",
        discussion="The Head of Highways presented the revised routes for the coming winter.",
        resolutions=[GRITTING_RESOLUTION],
        url=link.replace("51001", "51002"),
        body=BODY,
        date=date,
    )
    return folder


def long_meeting(folder: Path) -> tuple[Path, list[str]]:
    """A meeting with more new resolutions than a channel message should hold."""
    quotes = []
    for n, topic in enumerate(("parks", "allotments", "cemeteries"), 6):
        resolutions = [
            f"That the {topic} plan part {part} be approved for consultation." for part in "ABC"
        ]
        quotes += resolutions
        write_item_page(
            folder,
            f"item-{n}-{topic}",
            title=f"{topic.upper()} STRATEGY",
            discussion=f"The Board discussed the {topic} strategy in detail.",
            resolutions=resolutions,
            url=f"https://democracy.kestrel.example/mgAi.aspx?ID=5200{n}",
            body="Kestrel Environment Committee",
            date="2025-03-11",
        )
    return folder, quotes


def command(harness, text: str, channel: str, user: str) -> dict[str, Any]:
    response = unique("resp")
    assert harness.send_command(text, channel, user, response).status == 200
    return harness.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args


# -- watches ---------------------------------------------------------------------------------


def test_a_watched_topic_is_posted_to_the_channel_after_a_sync(news, fake_slack, tmp_path):
    settings, store, services = news
    channel, other, user = unique("C"), unique("C"), unique("U")
    with running_bot(services, fake_slack) as harness:
        said = command(harness, "watch libraries", channel, user)
        assert said["response_type"] == "in_channel"
        assert "watch *libraries*" in said["text"] and f"<@{user}>" in said["text"]
        command(harness, "watch planning enforcement", other, user)

    report = stand_in_sync(SITE, library_meeting(tmp_path / "site"), settings, store)
    assert len(report.new_item_ids) == 2
    sync_notifier(settings, store)(report)

    posts = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
    assert len(posts) == 1  # the library item only; the gritting routes are not watched
    blocks = posts[0].args["blocks"]
    assert quoted(LIBRARY_RESOLUTION, blocks) and quoted(HOSTILE_RESOLUTION, blocks)
    assert quoted(LIBRARY_ACTION, blocks)
    assert source_urls(blocks) == [LIBRARY_LINK]
    seen = "\n".join(texts(blocks))
    assert "New decision on *libraries*" in seen and "*Head of Culture*" in seen
    assert "by 30 September 2025" in seen
    assert GRITTING_RESOLUTION not in seen
    assert "<!channel>" not in "".join(raw_texts(blocks))  # quoted, escaped: pings nobody
    assert not fake_slack.in_channel("chat.postMessage", other)


def test_watches_survive_a_restart_and_can_be_removed(news, fake_slack, tmp_path):
    settings, store, services = news
    channel, user = unique("C"), unique("U")
    with running_bot(services, fake_slack) as first:
        command(first, "watch opening pilot", channel, user)

    with running_bot(services, fake_slack) as restarted:  # a new app instance, same database
        listed = command(restarted, "watches", channel, user)
        assert listed["response_type"] == "ephemeral"
        assert any("*opening pilot*" in t for t in texts(listed["blocks"]))

        link = LIBRARY_LINK.replace("51001", "51101")
        report = stand_in_sync(
            SITE, library_meeting(tmp_path / "a", "2025-04-01", link), settings, store
        )
        sync_notifier(settings, store)(report)
        post = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
        assert quoted(LIBRARY_RESOLUTION, post[0].args["blocks"])
        assert source_urls(post[0].args["blocks"]) == [link]

        remove = button(listed["blocks"], "remove_watch_1")
        assert remove is not None
        after = unique("resp")
        restarted.click(
            remove, channel=channel, user=user, message_ts="", response=after, ephemeral=True
        )
        replies = fake_slack.wait_for("response_url", lambda c: c.args["_name"] == after, count=2)
        refreshed, said = replies[0].args, replies[1].args
        assert refreshed["replace_original"] is True
        assert not any("opening pilot" in t for t in texts(refreshed["blocks"]))
        assert (
            said["response_type"] == "in_channel"
            and "stopped this channel watching" in said["text"]
        )
        assert not command(restarted, "watches", channel, user)["blocks"][1:]  # none left

    link = LIBRARY_LINK.replace("51001", "51201")
    report = stand_in_sync(
        SITE, library_meeting(tmp_path / "b", "2025-05-06", link), settings, store
    )
    sync_notifier(settings, store)(report)
    assert len(fake_slack.in_channel("chat.postMessage", channel)) == 1  # nothing new posted


def test_watch_commands_explain_themselves(news, fake_slack):
    _, _, services = news
    channel, user = unique("C"), unique("U")
    with running_bot(services, fake_slack) as harness:
        assert command(harness, "watch the", channel, user)["text"] == render(
            "slack/watch/no_words.txt.j2"
        )
        command(harness, "watch Libraries", channel, user)
        again = command(harness, "watch  libraries ", channel, user)
        assert again["response_type"] == "ephemeral" and "already watches" in again["text"]
        missing = command(harness, "unwatch parks", channel, user)
        assert "does not watch *parks*" in missing["text"]
        removed = command(harness, "unwatch library", channel, user)  # same words, as stemmed
        assert removed["response_type"] == "in_channel" and "*Libraries*" in removed["text"]


# -- the digest ------------------------------------------------------------------------------


def test_the_digest_posts_one_message_per_meeting(news, fake_slack, tmp_path):
    settings, store, _ = news
    settings = settings.model_copy(update={"digest_channel": unique("C")})
    folder = library_meeting(tmp_path / "site")
    _, long_quotes = long_meeting(folder)
    report = stand_in_sync(SITE, folder, settings, store)
    news_posted = sync_notifier(settings, store)(report)

    channel = settings.digest_channel
    top = [
        c.args
        for c in fake_slack.in_channel("chat.postMessage", channel)
        if not c.args.get("thread_ts")
    ]
    assert len(top) == 2 == len(news_posted.digest)  # two meetings, oldest first
    short, long = top

    seen = "\n".join(texts(short["blocks"]))
    assert f"*New in the minutes:* *{BODY}* · 4 March 2025" in seen
    for quote in (LIBRARY_RESOLUTION, HOSTILE_RESOLUTION, LIBRARY_ACTION, GRITTING_RESOLUTION):
        assert quoted(quote, short["blocks"]), quote
    assert "*Head of Culture*" in seen and "due by 30 September 2025" in seen
    assert source_urls(short["blocks"]) == [LIBRARY_LINK, LIBRARY_LINK.replace("51001", "51002")]

    # The long meeting lists its items; its quotes are in the thread, each once, word for word.
    assert not any(quoted(q, long["blocks"]) for q in long_quotes)
    assert "PARKS STRATEGY (3 resolutions, 0 actions)" in "\n".join(texts(long["blocks"]))
    thread = fake_slack.find(
        "chat.postMessage", lambda c: c.args.get("thread_ts") == news_posted.digest[1]
    )
    assert thread
    in_thread = [t for reply in thread for t in texts(reply.args["blocks"])]
    for quote in long_quotes:
        assert sum(f"“{quote}”" in t for t in in_thread) == 1, quote
    assert all(len(c.args["blocks"]) <= MAX_BLOCKS for c in [*thread])


def test_a_long_meeting_spills_over_several_thread_replies(news, fake_slack, tmp_path):
    settings, store, _ = news
    settings = settings.model_copy(update={"digest_channel": unique("C")})
    folder = tmp_path / "huge"
    # More than Slack's 3,000 characters a section: it must continue, not be cut.
    long_resolution = "That " + " ".join(
        f"clause {n} of the waste contract is varied as set out;" for n in range(60)
    ).rstrip(";")
    quotes = [long_resolution]
    for n in range(6):
        resolutions = [f"That lot {n} note {k} be received." for k in range(8)]
        if n == 0:
            resolutions[0] = long_resolution
        quotes += resolutions[n == 0 :]
        write_item_page(
            folder,
            f"item-{n}",
            title=f"WASTE CONTRACT LOT {n}",
            discussion="The Committee considered the lot.",
            resolutions=resolutions,
            url=f"https://democracy.kestrel.example/mgAi.aspx?ID=530{n:02d}",
            body="Kestrel Waste Committee",
            date="2025-06-02",
        )
    report = stand_in_sync(SITE, folder, settings, store)
    posted = sync_notifier(settings, store)(report).digest
    assert len(posted) == 1
    thread = fake_slack.find("chat.postMessage", lambda c: c.args.get("thread_ts") == posted[0])
    assert len(thread) > 1 and all(len(c.args["blocks"]) <= MAX_BLOCKS for c in thread)
    joined = "".join(t for c in thread for t in texts(c.args["blocks"]))
    for quote in quotes:
        assert joined.count(f"“{quote}”") == 1, quote[:40]  # each once, whole


def test_no_digest_channel_means_no_digest(news, fake_slack, tmp_path):
    settings, store, _ = news
    assert settings.digest_channel is None
    before = len(fake_slack.find("chat.postMessage"))
    folder, _ = long_meeting(tmp_path / "quiet")
    report = stand_in_sync(SITE, folder, settings, store)
    assert report.new_item_ids
    assert sync_notifier(settings, store)(report).digest == []
    assert len(fake_slack.find("chat.postMessage")) == before  # and no watch matched


# -- App Home --------------------------------------------------------------------------------


def test_app_home_shows_when_each_site_was_last_synced(news, fake_slack):
    _, _, services = news
    syncs = [
        SiteSync(SITE, "2025-06-01T10:05:00+00:00", meetings=14, items=163),
        SiteSync("https://committees.heron.example/", "2025-06-02T23:40:12+01:00", 1, 9),
    ]
    services = dataclasses.replace(services, syncs=lambda: syncs)
    user = unique("U")
    with running_bot(services, fake_slack) as harness:
        event = {"type": "app_home_opened", "user": user, "channel": unique("D"), "tab": "home"}
        assert harness.send_event(event).status == 200
        view = fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == user)[0]
    seen = "\n".join(texts(view.args["view"]["blocks"]))
    stats = services.stats()
    assert f"*{stats.meetings}* meetings" in seen  # today's index beside the syncs
    assert f"• {SITE}: last synced 1 June 2025 at 10:05 UTC; 14 meetings (163 agenda items)" in seen
    assert (
        "committees.heron.example/: last synced 2 June 2025 at 22:40 UTC; 1 meeting (9 agenda items)"
        in seen
    )
