"""👍/👎 clicks are recorded with the question and the item IDs the user was shown."""

from __future__ import annotations

import pytest

from bot.slack.render.blocks import render_text
from tests.bot.slack.blockkit import button, source_urls
from tests.bot.slack.conftest import mention, unique

pytestmark = pytest.mark.slow

QUESTION = "what did the executive decide about the digital inclusion strategy?"


@pytest.mark.parametrize(("action_id", "vote"), [("feedback_up", "up"), ("feedback_down", "down")])
def test_feedback_click_is_recorded(bot, action_id, vote):
    channel, user, response = unique("C"), unique("U"), unique("resp")
    bot.send_event(mention(channel, user, QUESTION))
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    answer = bot.services.answerer.ask(QUESTION, limit=bot.services.page_size + 1)
    shown = answer.matches[:1]
    lead = [answer.lead.link] if answer.lead else []  # the answer line's source comes first
    assert lead + [m.link for m in shown] == source_urls(post.args["blocks"])

    clicked = button(post.args["blocks"], action_id)
    reply = bot.click(clicked, channel=channel, user=user, message_ts="1.000001", response=response)
    assert reply.status == 200

    rows = [r for r in bot.services.feedback.all() if r.user_id == user]
    assert len(rows) == 1  # written before the click was acknowledged
    assert (rows[0].vote, rows[0].question, rows[0].channel_id) == (vote, QUESTION, channel)
    assert list(rows[0].item_ids) == [m.item_id for m in shown]
    assert rows[0].message_ts == "1.000001"
    assert bot.services.feedback.path.parent == bot.settings.state_dir
    thanks = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0]
    assert thanks.args["text"] == render_text("slack/feedback_thanks.txt.j2", vote=vote)
