"""Slack's Block Kit limits: an over-long field is clipped or, if it is a quote, continued in the
next section; it never turns an answer into an apology (fast: a stand-in answerer, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.models import Answer, ItemMatch
from bot.settings import Settings
from bot.slack.asking.feedback import FeedbackLog
from bot.slack.asking.reply import answer_and_reply
from bot.slack.render.blocks import SlackMessage, answer_messages, home_view, render_text
from bot.slack.render.limits import (
    ELLIPSIS,
    MAX_BUTTON_TEXT,
    MAX_HEADER,
    MAX_SECTION_TEXT,
    MAX_TEXT,
    validate,
)
from bot.slack.render.payloads import Page
from bot.slack.runtime.dedupe import Dedupe
from bot.slack.runtime.services import Services
from index.models import Action, Resolution
from index.store import IndexStats
from tests.bot.slack.blockkit import as_json, button, source_urls, texts, view_json

# Fictional: a parser that took a whole page for an item's title, and a very long resolution.
TITLE = ("Review of the Fenwick harbour wall & promenade " + "works " * 1000)[:5000]
RESOLUTION = ("That the Board approves the harbour wall scheme, " + "and notes the costs, " * 400)[
    :7000
]
UPDATE = "Contractor appointed; <!channel> & partners told." * 150


SPAN = {"first_date": "2024-01-09", "last_date": "2024-06-04"}


def long_item(n: int = 1, **extra) -> ItemMatch:
    return ItemMatch(
        item_id=f"item{n}",
        source_path="minutes/fenwick.txt",
        item_title=TITLE,
        link=f"https://democracy.fenwick.example/mgAi.aspx?ID={n}",
        score=0.9,
        body="Fenwick Harbour Board",
        meeting_date="2024-03-05",
        item_number="7",
        resolutions=[Resolution(RESOLUTION, "(a)")],
        actions=[Action("Clerk to publish the scheme", owner="Clerk", update=UPDATE)],
        **extra,
    )


class OneAnswer:
    """Answers every question with the same answer, as the real Answerer's ``ask`` would."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def ask(self, question: str, *, context=None, limit=None, offset: int = 0) -> Answer:
        return self.answer


def services(tmp_path: Path, answer: Answer) -> Services:
    return Services(
        settings=Settings(data_dir=tmp_path, top_k=3),
        answerer=OneAnswer(answer),
        stats=IndexStats,
        dedupe=Dedupe(),
        feedback=FeedbackLog(tmp_path / "state"),
        heartbeat=lambda: None,
    )


def all_json(messages: list[SlackMessage]) -> list[dict]:
    return [b for m in messages for b in as_json(m.blocks)]


def test_a_huge_title_and_resolution_are_answered_not_apologised_for(tmp_path):
    assert (len(TITLE), len(RESOLUTION)) == (5000, 7000)
    question = "what was decided about the harbour wall?"
    sent: list[SlackMessage] = []
    answer_and_reply(
        services(tmp_path, Answer(question=question, matches=[long_item()])),
        Page(question, full=True),
        sent.append,
        ephemeral=True,
    )

    assert sent and all(m.text != render_text("slack/apology.txt.j2") for m in sent)
    blocks = all_json(sent)
    for message in sent:
        validate(message.blocks)
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(0 < len(s) <= MAX_SECTION_TEXT for s in sections)

    # The title is clipped with an ellipsis; the item's link button survives.
    header = next(t for t in texts(blocks) if t.startswith("*Fenwick Harbour Board*"))
    assert "Item 7: Review of the Fenwick harbour wall & promenade works works" in header
    assert header.endswith(ELLIPSIS) and TITLE not in header
    assert source_urls(blocks) == ["https://democracy.fenwick.example/mgAi.aspx?ID=1"]

    # The resolution and the action's update are whole, in consecutive sections.
    quoted = texts(blocks)
    first = next(i for i, t in enumerate(quoted) if t.startswith("(a) “"))
    pieces = []
    for t in quoted[first:]:
        pieces.append(t)
        if t.endswith("”"):
            break
    assert len(pieces) >= 3 and "".join(pieces) == f"(a) “{RESOLUTION}”"
    update = f"Update: “{UPDATE}”"
    assert any(update in "".join(quoted[i : i + 6]) for i in range(len(quoted)))
    # Still nothing pings: the update quotes <!channel>.
    assert not any("<!channel>" in b["text"]["text"] for b in blocks if b["type"] == "section")

    # The notification text is short and names the item.
    assert len(sent[0].text) < 1000 and "Review of the Fenwick harbour wall" in sent[0].text


def test_an_escaped_title_that_grows_past_the_limit_is_clipped_between_escapes():
    item = long_item()
    item.item_title = "&" * 2000  # 10,000 characters once escaped
    (message,) = answer_messages(Answer(question="q", matches=[item]), Page("q", full=True))
    header = as_json(message.blocks)[1]["text"]["text"]
    assert len(header) <= MAX_SECTION_TEXT and header.endswith("&amp;" + ELLIPSIS)


def test_near_misses_with_huge_titles_still_render(tmp_path):
    question = "what about the pier?"
    near = [long_item(n) for n in range(1, 4)]
    searched = {"meetings": 3, "items": 40, "bodies": ["Fenwick Harbour Board"]}
    answer = Answer(question=question, near_misses=near, searched=searched | SPAN)
    sent: list[SlackMessage] = []
    answer_and_reply(services(tmp_path, answer), Page(question), sent.append)
    (message,) = sent
    assert message.text.startswith("No decision found for")
    lines = [t for t in texts(message.blocks) if t.startswith("Closest, but not an answer")]
    assert len(lines) == 3 and all(t.endswith(ELLIPSIS) for t in lines)
    assert len(source_urls(message.blocks)) == 3


def test_a_source_url_too_long_for_a_button_is_shown_as_text():
    item = long_item()
    item.link = "https://democracy.fenwick.example/" + "x" * 3000
    (message,) = answer_messages(Answer(question="q", matches=[item]), Page("q"))
    assert not source_urls(message.blocks)
    source = next(t for t in texts(message.blocks) if t.startswith("Source: "))
    assert source.startswith("Source: https://democracy.fenwick.example/xxx")
    assert len(source) <= MAX_TEXT


def test_the_question_echoed_above_a_private_answer_fits_its_context_block():
    question = "what did the board decide about " + "<!here> & " * 2000
    (message,) = answer_messages(
        Answer(question=question, matches=[long_item()]), Page(question), ephemeral=True
    )
    asked = as_json(message.blocks)[0]["elements"][0]["text"]
    assert asked.startswith("You asked: “what did the board decide about &lt;!here&gt; &amp;")
    assert len(asked) <= MAX_TEXT
    assert len(button(message.blocks, "share_answer")["text"]["text"]) <= MAX_BUTTON_TEXT


@pytest.mark.parametrize("bodies", [["Board " + "x" * 4000], [f"Board {n}" for n in range(600)]])
def test_the_home_tab_fits_however_many_bodies_are_indexed(bodies):
    stats = IndexStats(bodies=bodies, meetings=900, items=9000, last_indexed="2024-06-01")
    view = view_json(home_view(stats))
    assert view["blocks"][0]["type"] == "header"
    assert len(view["blocks"][0]["text"]["text"]) <= MAX_HEADER
    shown = next(t for t in texts(view["blocks"]) if t.startswith("*Bodies*"))
    assert shown.startswith("*Bodies*\nBoard ") and shown.endswith(ELLIPSIS)
    assert all(len(t) <= MAX_SECTION_TEXT for t in texts(view["blocks"]))
