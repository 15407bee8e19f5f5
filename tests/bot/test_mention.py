"""Asking by @mention in a channel: one threaded reply quoting the resolution, with its link."""

from __future__ import annotations

import pytest

from minutes_bot.bot.mrkdwn import unescape
from tests.bot.conftest import mention, unique

pytestmark = pytest.mark.slow

FRAILTY_RESOLUTION = "Support the joint funding of the falls response service for two years"
FRAILTY_LINK = "https://democracy.eastbrook.example/mgAi.aspx?ID=8812"


def texts(blocks):
    """Every piece of text a reader sees in these blocks, unescaped."""
    out = []
    for block in blocks:
        if "text" in block:
            out.append(unescape(block["text"]["text"]))
        for element in block.get("elements", []):
            if "text" in element and isinstance(element["text"], str):
                out.append(unescape(element["text"]))
    return out


def urls(blocks):
    found = [b["accessory"]["url"] for b in blocks if "url" in b.get("accessory", {})]
    return found


def test_mention_gets_one_threaded_reply_quoting_the_resolution(bot):
    channel, user = unique("C"), unique("U")
    event = mention(channel, user, "what was resolved about the frailty delivery plan?")
    reply = bot.send_event(event)
    assert reply.status == 200
    assert reply.seconds < 3

    bot.fake.wait_for("reactions.remove", lambda c: c.args["channel"] == channel)
    posts = bot.fake.find("chat.postMessage", lambda c: c.args["channel"] == channel)
    assert len(posts) == 1
    post = posts[0].args
    assert post["thread_ts"] == event["ts"]
    assert any(FRAILTY_RESOLUTION in t for t in texts(post["blocks"]))
    assert FRAILTY_LINK in urls(post["blocks"])
    assert posts[0].token == bot.settings.slack_bot_token.get_secret_value()
    eyes = bot.fake.find("reactions.add", lambda c: c.args["channel"] == channel)
    assert [c.args["timestamp"] for c in eyes] == [event["ts"]]
    assert eyes[0].args["name"] == "eyes"
