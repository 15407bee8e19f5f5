"""Through the real Bolt app and the fake Slack: every reply starts with the line that answers.

One test wraps the real answerer to give its answer a lead built by hand from the top match (so
the line is checked whatever the answerer chooses); the others ask the real answerer, and check
that whatever lead it chooses comes first.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.answer.models import Answer, Lead, LeadKind
from tests.bot.slack.blockkit import as_json, button, quoted, source_urls, texts
from tests.bot.slack.conftest import dm, mention, unique

pytestmark = pytest.mark.slow

DIGITAL = "what did the executive decide about the digital inclusion strategy?"
DEMO = "Who is to report back on the library opening hours review?"
DEMO_ACTION = "That the Head of Libraries is to report back on the library opening hours review in six months."


class HandLed:
    """The real answerer; on a first page, its answer leads with the top match's first action."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def ask(self, question: str, **kwargs: Any) -> Answer:
        answer = self.real.ask(question, **kwargs)
        if answer.found and not kwargs.get("offset"):
            top = answer.matches[0]
            action = top.actions[0]
            answer.lead = Lead(
                kind=LeadKind.ACTION,
                quote=action.text,
                item_id=top.item_id,
                link=top.link,
                item_title=top.item_title,
                item_number=top.item_number,
                body=top.body,
                meeting_date=top.meeting_date,
                owner=action.owner,
                due=action.due,
            )
        return answer


def first_post(bot, channel: str) -> dict[str, Any]:
    return bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args


def test_a_mention_is_answered_with_the_lead_line_first(bot, monkeypatch):
    monkeypatch.setattr(bot.services, "answerer", HandLed(bot.services.answerer))
    expected = bot.services.answerer.ask(DIGITAL, limit=1).lead
    channel, user = unique("C"), unique("U")
    assert bot.send_event(mention(channel, user, DIGITAL)).status == 200

    post = first_post(bot, channel)
    blocks = as_json(post["blocks"])
    line = texts(post["blocks"])[0]
    assert line.startswith(f"*Answer:* *{expected.owner}*")
    assert f"“{expected.quote}”" in line
    assert line.endswith(f" · {expected.body}, 12 March 2024")
    assert blocks[0]["accessory"]["url"] == expected.link  # the source, beside the line
    assert source_urls(post["blocks"])[1] == expected.link  # then the item it comes from
    assert not quoted(expected.quote, post["blocks"][1:])  # its item's quotes: "Show more"
    assert post["text"].startswith(f"Answer: {expected.owner}")  # the notification answers too
    assert button(post["blocks"], "feedback_up") is not None


def test_a_private_answer_and_its_shared_copy_lead_with_the_line(bot, monkeypatch):
    monkeypatch.setattr(bot.services, "answerer", HandLed(bot.services.answerer))
    channel, user, response = unique("C"), unique("U"), unique("resp")
    bot.send_command(DIGITAL, channel, user, response)
    private = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args
    seen = texts(private["blocks"])
    assert seen[0].startswith("*Answer:* *Owen*") and seen[1].startswith("You asked:")

    share = button(private["blocks"], "share_answer")
    bot.click(
        share, channel=channel, user=user, message_ts="", response=unique("r"), ephemeral=True
    )
    public = texts(first_post(bot, channel)["blocks"])
    assert public[0] == seen[0]
    assert public[1].startswith(f"Shared by <@{user}>")


@pytest.mark.parametrize(
    "question", [DEMO, DIGITAL, "what was resolved about the frailty delivery plan?"]
)
def test_whatever_lead_the_answerer_chooses_comes_first(bot, question):
    answer = bot.services.answerer.ask(question, limit=1)
    channel, user = unique("D"), unique("U")
    assert bot.send_event(dm(channel, user, question)).status == 200
    first = texts(first_post(bot, channel)["blocks"])[0]
    if answer.lead is None:
        assert first.startswith("From the minutes:")
    else:
        assert first.startswith("*Answer:*") and f"“{answer.lead.quote}”" in first


def test_the_demo_question_leads_with_the_head_of_libraries_action(bot):
    channel, user = unique("D"), unique("U")
    assert bot.send_event(dm(channel, user, DEMO)).status == 200
    post = first_post(bot, channel)
    first = texts(post["blocks"])[0]
    assert first.startswith("*Answer:* *Head of Libraries*")
    assert f"“{DEMO_ACTION}” · Northmoor Health and Wellbeing Board, 6 February 2024" in first
    assert post["text"].startswith("Answer: Head of Libraries")
