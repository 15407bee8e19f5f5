"""Asking by @mention in a channel: one threaded reply quoting the resolution, with its link."""

from __future__ import annotations

import pytest

from tests.bot.slack.blockkit import button, quoted, source_urls, texts
from tests.bot.slack.conftest import mention, unique

pytestmark = pytest.mark.slow

FRAILTY = "what was resolved about the frailty delivery plan?"
FRAILTY_RESOLUTION = "Support the joint funding of the falls response service for two years"
FRAILTY_LINK = "https://democracy.eastbrook.example/mgAi.aspx?ID=8812"


def test_mention_gets_one_threaded_reply_quoting_the_resolution(bot):
    channel, user = unique("C"), unique("U")
    event = mention(channel, user, FRAILTY)
    reply = bot.send_event(event)
    assert reply.status == 200
    assert reply.seconds < 3

    bot.fake.wait_for("reactions.remove", lambda c: c.args["channel"] == channel)
    posts = bot.fake.in_channel("chat.postMessage", channel)
    assert len(posts) == 1
    post = posts[0].args
    assert post["thread_ts"] == event["ts"]
    # the first screen quotes the answer; the item's other quotes are behind "Show more"
    assert quoted(bot.services.answerer.ask(FRAILTY, limit=1).lead.quote, post["blocks"])
    assert FRAILTY_LINK in source_urls(post["blocks"])
    assert "Eastbrook Care Alliance" in post["text"]  # the plain-text fallback names the item
    assert posts[0].token == bot.settings.slack_bot_token.get_secret_value()
    eyes = bot.fake.in_channel("reactions.add", channel)
    assert [(c.args["timestamp"], c.args["name"]) for c in eyes] == [(event["ts"], "eyes")]


FOLLOW_UP = "and who has to report back?"


def test_follow_up_in_a_thread_uses_the_earlier_question(bot):
    """The same words alone find nothing; in the thread they find the library item's owner."""
    alone = bot.services.answerer.ask(FOLLOW_UP, limit=1)
    assert not alone.found
    channel, user = unique("C"), unique("U")
    root = mention(channel, user, "what was decided about the library opening hours review?")
    bot.fake.threads[(channel, root["ts"])] = [
        {"type": "message", "user": user, "text": root["text"], "ts": root["ts"]},
        {"type": "message", "bot_id": "BMINUTESBOT", "text": "From the minutes…", "ts": "1.5"},
    ]
    follow_up = mention(channel, user, FOLLOW_UP, thread_ts=root["ts"])
    bot.fake.threads[(channel, root["ts"])].append(
        {"type": "message", "user": user, "text": follow_up["text"], "ts": follow_up["ts"]}
    )
    assert bot.send_event(follow_up).status == 200

    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    assert post["thread_ts"] == root["ts"]
    assert bot.fake.in_channel("conversations.replies", channel)
    seen = "\n".join(texts(post["blocks"]))
    assert "library opening hours" in seen.lower()
    assert "*Head of Libraries*" in seen  # the action owner, as the follow-up asked
    assert quoted(
        "That the Head of Libraries is to report back on the library opening hours review in"
        " six months.",
        post["blocks"],
    )


def test_show_more_posts_every_quote_then_the_next_match_in_the_thread(bot):
    channel, user = unique("C"), unique("U")
    event = mention(channel, user, FRAILTY)
    bot.send_event(event)
    first = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    assert not quoted(FRAILTY_RESOLUTION, first.args["blocks"][1:])  # short: the line only

    def click_show_more(post, count: int) -> dict:
        more = button(post["blocks"], "show_more")
        assert more is not None
        ts = post.get("ts") or "1700000000.000100"
        reply = bot.click(
            more,
            channel=channel,
            user=user,
            message_ts=ts,
            thread_ts=event["ts"],
            response=unique("r"),
        )
        assert reply.status == 200
        posts = bot.fake.wait_for(
            "chat.postMessage", lambda c: c.args["channel"] == channel, count=count
        )
        assert posts[-1].args["thread_ts"] == event["ts"]
        return posts[-1].args

    full = click_show_more(first.args, 2)  # the same item, every quote
    assert quoted(FRAILTY_RESOLUTION, full["blocks"])
    assert FRAILTY_LINK in source_urls(full["blocks"])
    assert not any(t.startswith("*Answer:*") for t in texts(full["blocks"]))
    after = click_show_more(full, 3)  # then the next match
    assert source_urls(after["blocks"]) and FRAILTY_LINK not in source_urls(after["blocks"])
