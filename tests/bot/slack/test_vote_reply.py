"""Each vote belongs to its motion in Slack (issue 22, point 2): signed events through the real
Bolt app against the fake Slack Web API, over an index of fictional minutes in the Kent printed
and London markdown shapes (tests/fixtures/votes).

A vote question is answered by the result of the vote on *that* motion with who voted against,
in the line and in the notification text; the item lists the motion's vote before the
procedural ones (recess, amendment), each with its motion; no raw vote markup (block quotes,
``[!abstract]`` tables, ``**``) reaches the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.slack.blockkit import button, quoted, raw_texts, texts
from tests.bot.slack.conftest import (
    BotHarness,
    mention,
    unique,
)
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.slack.running import bot_over
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow

MINUTES = sorted(p for p in (FIXTURES / "votes").iterdir() if p.name != "README.md")
RAW_MARKUP = re.compile(r"\[!abstract\]|\|Yeas:|\|Nays:|\*\*|&gt;|^\s*>", re.MULTILINE)


@pytest.fixture(scope="module")
def vote_bot(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack) -> Iterator[Any]:
    """The real bot over an index of the vote fixtures only (real Chroma, real model)."""
    with bot_over(MINUTES, tmp_path_factory.mktemp("vote-index"), fake_slack) as bot:
        yield bot


def answered_votes(bot: BotHarness) -> list[Any]:
    """The recorded votes of the pool item, as indexed."""
    answer = bot.services.answerer.ask("Cedar Hollow pool renewal tender vote", limit=1)
    return list(answer.matches[0].votes)


def ask(bot: BotHarness, question: str) -> dict[str, Any]:
    channel, user = unique("C"), unique("U")
    assert bot.send_event(mention(channel, user, question)).status == 200
    calls = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
    post: dict[str, Any] = calls[0].args
    return post


def show_more(bot: BotHarness, post: dict[str, Any]) -> dict[str, Any]:
    """The page "Show more" opens under a first screen: every quote and vote of its items."""
    channel = post["channel"]
    more = button(post["blocks"], "show_more")
    assert more is not None
    before = len(bot.fake.in_channel("chat.postMessage", channel))
    bot.click(
        more,
        channel=channel,
        user=unique("U"),
        message_ts=post.get("ts") or "1.000100",
        thread_ts=post.get("thread_ts"),
        response=unique("r"),
    )
    calls = bot.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == channel, count=before + 1
    )
    page: dict[str, Any] = calls[-1].args
    return page


def test_who_voted_against_is_answered_from_the_vote_on_that_motion(vote_bot) -> None:
    post = ask(vote_bot, "Who voted against awarding the Cedar Hollow pool renewal tender?")
    seen = texts(post["blocks"])
    assert seen[0].startswith(
        "*Answer:* *Against: M. Quill, D. Lemieux · Carried 13–2* — “That, on the recommendation"
    ), seen[0]
    assert "Against: M. Quill, D. Lemieux · Carried 13–2" in post["text"]  # the notification
    motion_text = next(v.motion for v in answered_votes(vote_bot) if v.yea_count == 13)
    assert quoted(motion_text, post["blocks"])  # the motion, verbatim, in the line
    full = show_more(vote_bot, post)["blocks"]  # the item's votes, each with its motion
    assert quoted(motion_text, full)
    shown = "\n".join(texts(full))
    motion = shown.index("*Carried 13–2 · against: M. Quill, D. Lemieux*\nMotion: “That, on")
    assert motion < shown.index("_Amendment:_ *Carried 14–1 · against: H. Osei*")
    assert motion < shown.index("_Recess:_ *Carried*\nMotion: “That the Council recess")
    for text in [*raw_texts(post["blocks"]), post["text"]]:
        assert not RAW_MARKUP.search(text), text


def test_who_moved_a_motion_is_named_first_in_slack(vote_bot) -> None:
    post = ask(vote_bot, "Who moved the motion to award the Cedar Hollow pool tender?")
    seen = texts(post["blocks"])
    assert seen[0].startswith(
        "*Answer:* *Moved by R. Okafor · Carried 13–2 · against: M. Quill, D. Lemieux*"
    ), seen[0]
    assert "Moved by R. Okafor · Carried 13–2" in post["text"]


def test_a_vote_question_on_a_kent_motion_is_not_led_by_the_recess(vote_bot) -> None:
    post = ask(vote_bot, "How did the vote on funding the village bus routes go?")
    seen = texts(post["blocks"])
    assert seen[0].startswith(
        "*Answer:* *Carried 11–3, 1 abstained · against: Mr Gant, Ms Hobbs, Dr Pell* — "
        "“This Council resolves to fund the three village bus routes"
    ), seen[0]
    assert "Carried 11–3, 1 abstained · against: Mr Gant, Ms Hobbs, Dr Pell" in post["text"]
    shown = "\n".join(texts(show_more(vote_bot, post)["blocks"]))
    motion = shown.index("*Carried 11–3, 1 abstained")
    recess = shown.index("_Recess:_ *Carried 13–2 · against: Mr Gant, Ms Hobbs*")
    amendment = shown.index("_Amendment:_ *Lost 3–12")
    assert motion < recess < amendment
    assert "For (13)" not in shown and "““" not in shown  # no raw tally, no doubled marks
    for text in [*raw_texts(post["blocks"]), post["text"]]:
        assert not RAW_MARKUP.search(text), text


def test_and_who_voted_against_in_the_thread_names_them_first(vote_bot) -> None:
    """The follow-up is about the thread's vote: it names who voted against it, first,
    instead of repeating the result line."""
    channel, user = unique("C"), unique("U")
    root = mention(channel, user, "How did the vote on the Cedar Hollow pool renewal tender go?")
    assert vote_bot.send_event(root).status == 200
    first = vote_bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
    assert texts(first[0].args["blocks"])[0].startswith(
        "*Answer:* *Carried 13–2 · against: M. Quill, D. Lemieux* — “That, on the"
    )
    follow_up = mention(channel, user, "and who voted against?", thread_ts=root["ts"])
    vote_bot.fake.threads[(channel, root["ts"])] = [
        {"type": "message", "user": user, "text": root["text"], "ts": root["ts"]},
        {"type": "message", "user": user, "text": follow_up["text"], "ts": follow_up["ts"]},
    ]
    assert vote_bot.send_event(follow_up).status == 200
    posts = vote_bot.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == channel, count=2
    )
    post = posts[-1].args
    assert post["thread_ts"] == root["ts"]
    line = texts(post["blocks"])[0]
    assert line.startswith("*Answer:* *Against: M. Quill, D. Lemieux · Carried 13–2* — "), line
    assert "Against: M. Quill, D. Lemieux" in post["text"]
