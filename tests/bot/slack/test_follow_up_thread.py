"""Follow-ups answer the new question in a Slack thread (issue 22, point 3): signed events
through the real Bolt app against the fake Slack Web API, over an index of fictional parish
minutes (tests/fixtures/followups) whose item 25/062 has two actions with different owners.

After "who is writing to the Chancellor …?" (Cllr Reyes), "and who's meant to actually talk to
the farmers?" names the other owner in the same item, and "when was that agreed?" then gives
the meeting's date; a reply that changes the subject is answered as a fresh question.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.slack.blockkit import texts
from tests.bot.slack.conftest import (
    BotHarness,
    mention,
    unique,
)
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.slack.running import bot_over
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow

MINUTES = FIXTURES / "followups" / "thornbury_parish_council_2025-06-10.txt"
LETTER = "Who is writing to the Chancellor about agricultural property relief?"


@pytest.fixture(scope="module")
def thread_bot(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack) -> Iterator[Any]:
    """The real bot over an index of the follow-up fixture only (real Chroma, real model)."""
    with bot_over([MINUTES], tmp_path_factory.mktemp("followup-index"), fake_slack) as bot:
        yield bot


class Thread:
    """One Slack thread: the root question, then replies in it, each answered in turn."""

    def __init__(self, bot: BotHarness, question: str) -> None:
        self.bot, self.channel, self.user = bot, unique("C"), unique("U")
        self.root = mention(self.channel, self.user, question)
        self.messages = [self._message(self.root)]
        self.answers = 0

    def _message(self, event: dict[str, Any]) -> dict[str, Any]:
        return {"type": "message", "user": self.user, "text": event["text"], "ts": event["ts"]}

    def ask(self, event: dict[str, Any]) -> dict[str, Any]:
        """Send ``event`` signed and wait for the reply it gets."""
        assert self.bot.send_event(event).status == 200
        self.answers += 1
        posts = self.bot.fake.wait_for(
            "chat.postMessage", lambda c: c.args["channel"] == self.channel, count=self.answers
        )
        post: dict[str, Any] = posts[-1].args
        return post

    def start(self) -> str:
        return line(self.ask(self.root))

    def reply(self, question: str) -> str:
        event = mention(self.channel, self.user, question, thread_ts=self.root["ts"])
        self.messages.append(self._message(event))
        self.bot.fake.threads[(self.channel, self.root["ts"])] = list(self.messages)
        post = self.ask(event)
        assert post["thread_ts"] == self.root["ts"]
        return line(post)


def line(post: dict[str, Any]) -> str:
    """The answer line: the first block's text."""
    return texts(post["blocks"])[0]


def test_a_thread_of_three_questions_answers_each_new_question(thread_bot) -> None:
    thread = Thread(thread_bot, LETTER)
    first = thread.start()
    assert first.startswith("*Answer:*") and "Cllr Reyes" in first, first
    assert "“Cllr Reyes to write to the Chancellor" in first, first

    farmers = thread.reply("and who's meant to actually talk to the farmers?")
    assert farmers.startswith("*Answer:*") and "Rural Officer" in farmers, farmers
    assert "“The Rural Officer to meet local farmers" in farmers, farmers
    assert "Chancellor" not in farmers, farmers

    agreed = thread.reply("when was that agreed?")
    assert agreed.startswith("*Answer:*") and "10 June 2025" in agreed, agreed


def test_a_reply_that_changes_the_subject_is_answered_afresh(thread_bot) -> None:
    thread = Thread(thread_bot, LETTER)
    assert "Cllr Reyes" in thread.start()
    allotments = thread.reply("what did they decide about the allotment water troughs?")
    assert allotments.startswith("*Answer:*"), allotments
    assert "“Motion carried: That the Council accepts the quotation of £2,350" in allotments
    assert "Chancellor" not in allotments and "agricultural" not in allotments, allotments
