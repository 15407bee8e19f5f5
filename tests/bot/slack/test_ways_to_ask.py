"""Direct messages, the /minutes slash command and its "Share in channel" button, App Home."""

from __future__ import annotations

import pytest

from bot.slack.render.blocks import render_text
from tests.bot.slack.blockkit import button, quoted, source_urls, texts
from tests.bot.slack.conftest import dm, unique

pytestmark = pytest.mark.slow

FRAILTY = "what was resolved about the frailty delivery plan?"
DIGITAL = "what did the executive decide about the digital inclusion strategy?"


def test_direct_message_is_answered_in_the_dm(bot):
    channel, user = unique("D"), unique("U")
    event = dm(channel, user, DIGITAL)
    assert bot.send_event(event).status == 200

    bot.fake.wait_for("reactions.remove", lambda c: c.args["channel"] == channel)
    posts = bot.fake.in_channel("chat.postMessage", channel)
    assert len(posts) == 1
    assert posts[0].args.get("thread_ts") is None  # a plain DM reply, not a thread
    lead = bot.services.answerer.ask(DIGITAL, limit=1).lead
    assert quoted(lead.quote, posts[0].args["blocks"][:1])  # the answer line


def test_slash_command_answers_privately_and_share_posts_to_the_channel(bot):
    channel, user, response = unique("C"), unique("U"), unique("resp")
    reply = bot.send_command(FRAILTY, channel, user, response)
    assert reply.status == 200
    assert reply.seconds < 3

    private = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args
    assert private["response_type"] == "ephemeral"
    lead = bot.services.answerer.ask(FRAILTY, limit=1).lead
    assert quoted(lead.quote, private["blocks"][:1])  # the answer line first
    assert any(FRAILTY in t for t in texts(private["blocks"]))  # "You asked: …"
    assert not bot.fake.in_channel("chat.postMessage", channel)  # nothing public yet

    share = button(private["blocks"], "share_answer")
    assert share is not None
    after = unique("resp")
    bot.click(share, channel=channel, user=user, message_ts="", response=after, ephemeral=True)

    public = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    assert quoted(lead.quote, public["blocks"][:1])
    assert source_urls(public["blocks"]) == source_urls(private["blocks"])
    assert any(f"Shared by <@{user}>" in t for t in texts(public["blocks"]))
    assert button(public["blocks"], "share_answer") is None
    cleanup = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == after)[0].args
    assert cleanup["delete_original"] is True


def test_app_home_shows_what_is_indexed(bot):
    user = unique("U")
    event = {"type": "app_home_opened", "user": user, "channel": unique("D"), "tab": "home"}
    assert bot.send_event(event).status == 200

    call = bot.fake.wait_for("views.publish", lambda c: c.args["user_id"] == user)[0]
    view = call.args["view"]
    seen = "\n".join(texts(view["blocks"]))
    stats = bot.services.stats()
    assert view["type"] == "home"
    for body in stats.bodies:
        assert body in seen
    assert f"*{stats.meetings}* meetings" in seen
    assert "18 January 2024" in seen and "10 September 2024" in seen


def test_show_more_on_a_private_answer_stays_private(bot):
    channel, user, response = unique("C"), unique("U"), unique("resp")
    bot.send_command(FRAILTY, channel, user, response)
    first = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args
    more = button(first["blocks"], "show_more")
    assert more is not None

    after = unique("resp")
    bot.click(more, channel=channel, user=user, message_ts="", response=after, ephemeral=True)
    second = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == after)[0].args
    assert second["response_type"] == "ephemeral"
    assert source_urls(second["blocks"]) and source_urls(second["blocks"]) != source_urls(
        first["blocks"]
    )
    assert not bot.fake.in_channel("chat.postMessage", channel)


def test_an_empty_command_gets_the_help_text(bot):
    channel, user, response = unique("C"), unique("U"), unique("resp")
    bot.send_command("", channel, user, response)
    reply = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args
    assert reply["text"] == render_text("slack/help.txt.j2")


def test_show_more_in_a_dm_continues_at_the_top_level(bot):
    channel, user = unique("D"), unique("U")
    bot.send_event(dm(channel, user, "what was decided about the library opening hours review?"))
    first = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    more = button(first.args["blocks"], "show_more")
    assert more is not None

    bot.click(
        more, channel=channel, user=user, message_ts="1700000001.000100", response=unique("r")
    )
    posts = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel, count=2)
    assert posts[1].args.get("thread_ts") is None
    assert source_urls(posts[1].args["blocks"]) != source_urls(first.args["blocks"])


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("what did they decide?", "does not say what to look for"),
        (
            "¿Qué decidió el consejo sobre la estrategia de inclusión digital?",
            "only read questions in English",
        ),
    ],
)
def test_a_question_with_nothing_to_search_gets_what_can_be_asked(bot, question, opening):
    channel, user = unique("D"), unique("U")
    assert bot.send_event(dm(channel, user, question)).status == 200
    bot.fake.wait_for("reactions.remove", lambda c: c.args["channel"] == channel)
    (post,) = bot.fake.in_channel("chat.postMessage", channel)
    shown = "\n".join(texts(post.args["blocks"]))
    assert opening in shown and "I have:" in shown
    assert opening in post.args["text"]  # the notification says it too
    assert source_urls(post.args["blocks"]) == []  # no item offered as if it were an answer
