"""Issue 22, point 5, through signed Slack events and the fake Slack Web API: the first screen
of an answer is short enough to read on a phone (the answer line, its item's header and source,
at most two other items: ≤ 8 blocks, ≤ 1,500 characters), and "Show more" opens every quote.

Fictional minutes (tests/fixtures/replies): a council motion whose resolution runs to 900
characters, in an item with a recorded vote, beside cabinet minutes on the same county.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.bot.slack.blockkit import button, quoted, source_urls, texts
from tests.bot.slack.conftest import BotHarness, mention, unique
from tests.bot.slack.replies_bot import MINUTES, serve

pytestmark = pytest.mark.slow

BUSES = "What did the council decide about rural bus services and the Transport Reserve?"
MOTION = (MINUTES / "Council_2025-05-15_printed_minutes.txt").read_text(encoding="utf-8")
SIGNING = "that they be signed as a correct record by the Chair"


@pytest.fixture(scope="module")
def replies_bot(tmp_path_factory, fake_slack, embedder) -> Iterator[BotHarness]:
    yield from serve(tmp_path_factory, fake_slack, embedder)


def test_the_first_screen_is_short_and_show_more_opens_every_quote(replies_bot):
    bot = replies_bot
    channel, user = unique("C"), unique("U")
    event = mention(channel, user, BUSES)
    assert bot.send_event(event).status == 200
    first = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    blocks = first.args["blocks"]
    seen = texts(blocks)
    assert seen[0].startswith("*Answer:*")
    assert seen[1].startswith("*Ashwick County Council* · 15 May 2025\nItem 302: Motion for")
    assert len(blocks) <= 8 and sum(len(t) for t in seen) <= 1500
    assert not any("“" in t for t in seen[1:])  # the answer is the only quote on it
    assert not quoted(SIGNING, blocks)

    more = button(blocks, "show_more")
    assert more is not None
    bot.click(
        more,
        channel=channel,
        user=user,
        message_ts=first.args.get("ts") or "1.000100",
        thread_ts=event["ts"],
        response=unique("r"),
    )
    posts = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel, count=2)
    full = posts[-1].args["blocks"]
    shown = "\n".join(texts(full))
    assert "Where the answer comes from:" in shown and "*Answer:*" not in shown
    # the whole resolution, word for word, and the vote on the motion
    assert "Council therefore resolves to allocate £1.2" in shown
    assert "*Carried 41–3 · against: Mr Stroud*" in shown
    assert source_urls(full) == []  # minutes from a file: no button, named instead
