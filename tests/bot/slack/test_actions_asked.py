"""Questions about a set of actions, asked the ordinary ways (mention, DM, ``/minutes``), are
answered from the action register; other questions still go to the search."""

from __future__ import annotations

import pytest

from bot.register.slack_blocks import more_button
from bot.slack.render.limits import validate
from tests.bot.slack.blockkit import button, quoted, source_urls, texts
from tests.bot.slack.conftest import dm, mention, unique

pytestmark = pytest.mark.slow


def test_a_mention_asking_what_an_owner_has_outstanding_gets_the_register(bot):
    channel, user = unique("C"), unique("U")
    event = mention(channel, user, "what actions does Marcus have outstanding?")
    assert bot.send_event(event).status == 200
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    assert post["thread_ts"] == event["ts"]
    validate(post["blocks"])
    shown = texts(post["blocks"])
    assert "*Outstanding actions* for *Marcus*" in shown[0]
    assert quoted(
        "Action – Marcus to contact the Fire Service regarding shared use of the Harbour Road depot",
        post["blocks"],
    )
    assert button(post["blocks"], "feedback_up") is None  # a register reply, not a search answer


def test_a_dm_asking_what_a_body_left_outstanding_gets_its_actions(bot):
    channel, user = unique("D"), unique("U")
    assert (
        bot.send_event(dm(channel, user, "what is still outstanding from Westvale?")).status == 200
    )
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    shown = texts(post["blocks"])
    assert "from *Westvale Public Services Reform Executive*" in shown[0]
    assert any("Owen" in t for t in shown) and not any(t == "*Aisha*" for t in shown)


def test_an_unknown_owner_asked_about_by_mention_is_told_the_closest(bot):
    channel, user = unique("C"), unique("U")
    assert (
        bot.send_event(mention(channel, user, "what actions does Cllr Okafro have?")).status == 200
    )
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    (text,) = texts(post["blocks"])
    assert "I have no actions for “Cllr Okafro”" in text and "Cllr Okafor" in text


def test_show_more_under_a_threaded_register_reply_posts_in_that_thread(bot):
    """The next page goes where the first was: a button under a reply in a thread (here one
    the bot wrote for the Northmoor board's list from its second action on) posts there."""
    channel, user, thread = unique("C"), unique("U"), "1700000009.000100"
    more = more_button("what is still outstanding from the Northmoor board?", 1).to_dict()
    bot.click(
        more, channel=channel, user=user, message_ts="1700000010.000100", thread_ts=thread,
        response=unique("r"),
    )  # fmt: skip
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    assert post["thread_ts"] == thread
    heading = texts(post["blocks"])[0]
    assert "from *Northmoor Health and Wellbeing Board*" in heading
    assert ", 2 to " in heading


def test_a_question_about_one_decision_still_goes_to_the_search(bot):
    channel, user = unique("C"), unique("U")
    event = mention(channel, user, "who is to contact the Fire Service about the depot?")
    assert bot.send_event(event).status == 200
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args
    assert button(post["blocks"], "feedback_up") is not None  # the search's answer
    assert source_urls(post["blocks"])
