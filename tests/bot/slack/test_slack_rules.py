"""Slack's delivery rules: fast acks, retries and duplicates answered once, signatures checked,
rate limits retried, bots ignored, text escaped, failures turned into a short apology."""

from __future__ import annotations

import logging
import time

import pytest

from bot.slack.render.blocks import render_text
from tests.bot.slack.blockkit import quoted, raw_texts, texts
from tests.bot.slack.conftest import BOT_TOKEN, SIGNING_SECRET, dm, mention, unique
from tests.bot.slack.fake_slack import BOT_ID, BOT_USER_ID

pytestmark = pytest.mark.slow

FRAILTY = "what was resolved about the frailty delivery plan?"
GRACE = 1.0  # long enough for a duplicate answer to have shown up: a normal one takes ~0.1 s


def finished(bot, channel: str, count: int = 1) -> None:
    """Wait until the bot has taken 👀 off ``count`` questions here, then a little longer."""
    bot.fake.wait_for("reactions.remove", lambda c: c.args["channel"] == channel, count=count)
    time.sleep(GRACE)


def test_a_retried_delivery_is_answered_once(bot):
    channel, user = unique("C"), unique("U")
    event, event_id = mention(channel, user, FRAILTY), unique("Ev")
    assert bot.send_event(event, event_id).status == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert bot.send_event(event, event_id, headers=retry).status == 200
    assert bot.send_event(event, event_id, headers={"X-Slack-Retry-Num": "2"}).status == 200

    finished(bot, channel)
    assert len(bot.fake.in_channel("chat.postMessage", channel)) == 1
    assert len(bot.fake.in_channel("reactions.add", channel)) == 1


def test_one_message_delivered_as_mention_and_dm_is_answered_once(bot):
    channel, user = unique("D"), unique("U")
    message = dm(channel, user, f"<@{BOT_USER_ID}> {FRAILTY}")
    as_mention = {**message, "type": "app_mention"}
    as_mention.pop("channel_type")
    bot.send_event(message)
    bot.send_event(as_mention)  # a new event_id, the same message

    finished(bot, channel)
    assert len(bot.fake.in_channel("chat.postMessage", channel)) == 1


@pytest.mark.parametrize(
    ("secret", "age"),
    [("not-the-signing-secret", 0), (SIGNING_SECRET, 6 * 60)],
    ids=["wrong-secret", "six-minutes-old"],
)
def test_bad_or_stale_signature_is_refused_and_nothing_is_posted(bot, secret, age):
    channel, user = unique("C"), unique("U")
    reply = bot.send_event(
        mention(channel, user, FRAILTY), secret=secret, timestamp=int(time.time()) - age
    )
    assert reply.status == 401
    time.sleep(GRACE)
    assert not [c for c in bot.fake.calls if c.args.get("channel") == channel]


def test_url_verification_is_answered_only_when_signed(bot):
    body = b'{"type": "url_verification", "challenge": "c-123", "token": "x"}'
    assert "c-123" in bot.post(body, "application/json").body
    assert bot.post(body, "application/json", secret="wrong").status == 401


def test_rate_limited_post_is_retried_and_the_reply_arrives(bot):
    channel, user = unique("C"), unique("U")
    bot.fake.rate_limit("chat.postMessage", channel=channel, retry_after=1)
    bot.send_event(mention(channel, user, FRAILTY))

    finished(bot, channel)
    limited = [c for c in bot.fake.calls if c.status == 429 and c.args.get("channel") == channel]
    posts = bot.fake.in_channel("chat.postMessage", channel)
    assert len(limited) == 1 and len(posts) == 1
    assert posts[0].at - limited[0].at >= 1.0  # waited for Retry-After
    lead = bot.services.answerer.ask(FRAILTY, limit=1).lead
    assert quoted(lead.quote, posts[0].args["blocks"])


def test_messages_from_bots_and_from_itself_are_ignored(bot):
    channel, user = unique("D"), unique("U")
    other_bot = {**dm(channel, user, FRAILTY), "bot_id": "BOTHERBOT", "subtype": "bot_message"}
    itself = {**dm(channel, BOT_USER_ID, FRAILTY), "bot_id": BOT_ID}
    edited = {**dm(channel, user, FRAILTY), "subtype": "message_changed"}
    for event in (other_bot, itself, edited):
        assert bot.send_event(event).status == 200
    question = dm(channel, user, FRAILTY)
    bot.send_event(question)

    finished(bot, channel)
    assert [c.args["timestamp"] for c in bot.fake.in_channel("reactions.add", channel)] == [
        question["ts"]
    ]
    assert len(bot.fake.in_channel("chat.postMessage", channel)) == 1


def test_no_match_says_no_decision_found_and_what_was_searched(bot):
    channel, user = unique("C"), unique("U")
    question = "what was decided about parking fines on the moon?"
    bot.send_event(mention(channel, user, question))

    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    answer = bot.services.answerer.ask(question, limit=bot.services.page_size + 1)
    assert not answer.found
    expected = render_text("slack/no_match.txt.j2", answer=answer)
    assert expected.startswith("No decision found for")
    assert raw_texts(post["blocks"])[0] == expected
    assert "Eastbrook Care Alliance" in expected  # says which bodies it searched


def test_user_text_cannot_ping_anyone(bot):
    """Slack delivers <!channel> raw and & as &amp;; we echo the question without pinging."""
    channel, user = unique("C"), unique("U")
    event = mention(channel, user, "<!channel> <!here> &amp; <!subteam^S123> parking on the moon?")
    bot.send_event(event)

    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    sent = [*raw_texts(post["blocks"]), post["text"]]
    for special in ("<!channel>", "<!here>", "<!subteam"):
        assert not any(special in t for t in sent)
    assert any("&lt;!channel&gt; &lt;!here&gt; &amp; &lt;!subteam^S123&gt;" in t for t in sent)
    assert any("<!channel> <!here> & <!subteam^S123>" in t for t in texts(post["blocks"]))


def test_a_failed_post_becomes_a_short_apology_without_secrets_in_the_log(bot, caplog):
    channel, user = unique("C"), unique("U")
    bot.fake.fail("chat.postMessage", channel=channel, error="invalid_blocks")
    with caplog.at_level(logging.DEBUG):
        bot.send_event(mention(channel, user, FRAILTY))
        finished(bot, channel)

    posts = bot.fake.in_channel("chat.postMessage", channel)
    assert [p.args["text"] for p in posts] == [render_text("slack/apology.txt.j2")]
    assert "could not answer a question" in caplog.text  # the details are in the log …
    assert "invalid_blocks" in caplog.text
    assert BOT_TOKEN not in caplog.text  # … and the secrets are not
    assert SIGNING_SECRET not in caplog.text
