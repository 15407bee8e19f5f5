"""Rendering answers as Block Kit: escaping, Slack's size limits, splitting between quotes."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.answer.models import Answer, ItemMatch
from bot.slack.blocks import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    BlockKitError,
    answer_messages,
    home_view,
    render_text,
    validate,
)
from bot.slack.dedupe import Dedupe
from bot.slack.payloads import MAX_VALUE, Page, decode_feedback, decode_page
from index.models import Action, Resolution
from index.store import IndexStats
from prompts.mrkdwn import escape, strip_mentions, unescape
from tests.bot.slack.blockkit import as_json, button, raw_texts, texts, view_json


def item(n: int, resolutions: list[str], **extra) -> ItemMatch:
    return ItemMatch(
        item_id=f"item{n:04d}",
        source_path=f"minutes/{n}.txt",
        item_title=f"Item title {n}",
        link=f"https://democracy.example/mgAi.aspx?ID={n}",
        score=0.9,
        body="Fictional Board",
        meeting_date="2024-05-14",
        item_number=str(n),
        resolutions=[Resolution(text, f"({i})") for i, text in enumerate(resolutions, 1)],
        **extra,
    )


def test_source_text_is_escaped_so_it_cannot_ping():
    match = item(
        1,
        ["That <!channel> & <@U999> be told about the <https://evil.example|offer>"],
        actions=[Action("Jo <b> to act & report", owner="Jo <!here>")],
    )
    answer = Answer(question="what about <!everyone>?", matches=[match])
    message = answer_messages(answer, Page(answer.question), ephemeral=True)[0]
    sent = [*raw_texts(message.blocks), message.text]
    assert not any(s in t for t in sent for s in ("<!channel>", "<@U999>", "<!here>", "<https"))
    assert any(
        "“That &lt;!channel&gt; &amp; &lt;@U999&gt; be told" in t for t in raw_texts(message.blocks)
    )
    assert any("*Jo &lt;!here&gt;*: “Jo &lt;b&gt; to act &amp; report”" in t for t in sent)


def test_a_long_answer_splits_between_quotes_into_valid_messages():
    quotes = [f"Resolution {n}: " + "the Board agreed the plan. " * 40 for n in range(120)]
    matches = [item(n, quotes[n * 40 : (n + 1) * 40]) for n in range(3)]
    answer = Answer(question="everything?", matches=matches)

    messages = answer_messages(answer, Page("everything?"), more=True)
    assert len(messages) > 2
    seen: list[str] = []
    for message in messages:
        assert len(message.blocks) <= MAX_BLOCKS
        validate(message.blocks)
        seen.extend(t for t in texts(message.blocks) if "Resolution " in t)
    assert [s.split("“", 1)[1].rstrip("”") for s in seen] == quotes  # whole, in order, once
    assert button(messages[-1].blocks, "show_more") is not None
    assert all(button(m.blocks, "show_more") is None for m in messages[:-1])


def test_a_quote_longer_than_a_section_continues_in_the_next_block_of_the_same_message():
    long_quote = "word " * 1000 + "& the end"
    answer = Answer(question="long?", matches=[item(1, [long_quote.strip()])])
    (message,) = answer_messages(answer, Page("long?"))
    sections = [b["text"]["text"] for b in as_json(message.blocks) if b["type"] == "section"]
    assert all(len(s) <= MAX_SECTION_TEXT for s in sections)
    joined = "".join(s for s in sections if "word" in s)
    assert unescape(joined) == "(1) “" + long_quote.strip() + "”"


def test_validate_rejects_what_slack_would_reject():
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "x"}}
    with pytest.raises(BlockKitError):
        validate([section] * (MAX_BLOCKS + 1))
    with pytest.raises(BlockKitError):
        validate([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}])
    link = {"type": "button", "text": {"type": "plain_text", "text": "Open"}, "action_id": "a"}
    with pytest.raises(BlockKitError):
        validate([{**section, "accessory": {**link, "url": "file:///etc/passwd"}}])
    with pytest.raises(BlockKitError):
        validate([{"type": "actions", "elements": [link, link]}])  # repeated action_id
    with pytest.raises(BlockKitError):
        validate([{"type": "image"}])


def test_button_values_stay_under_slacks_limit_and_round_trip():
    question = "q" * 5000
    answer = Answer(question=question, matches=[item(1, ["That it be noted."])])
    message = answer_messages(
        answer, Page(question, context="c" * 5000), more=True, ephemeral=True
    )[-1]
    for action_id in ("show_more", "share_answer", "feedback_up"):
        assert len(button(message.blocks, action_id)["value"]) <= MAX_VALUE
    more = decode_page(button(message.blocks, "show_more")["value"])
    assert more.offset == 1 and more.question.startswith("qqq") and more.context.startswith("ccc")
    assert decode_feedback(button(message.blocks, "feedback_up")["value"])[1] == ["item0001"]


def test_non_web_sources_are_shown_as_text_not_a_link_button():
    match = item(1, ["That it be noted."])
    match.link = "samples/minutes/local.txt"
    (message,) = answer_messages(Answer(question="q", matches=[match]), Page("q"))
    assert not any("accessory" in b for b in as_json(message.blocks))
    assert any("Source: samples/minutes/local.txt" in t for t in texts(message.blocks))


def test_home_view_for_an_empty_index_says_how_to_fill_it():
    view = view_json(home_view(IndexStats()))
    assert view["type"] == "home"
    assert any("Nothing is indexed yet" in t for t in texts(view["blocks"]))
    json.dumps(view)


def test_mrkdwn_helpers():
    assert escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert unescape(escape("<!here> & co")) == "<!here> & co"
    assert strip_mentions("<@U123ABC> what  was <@U9|bob> agreed?") == "what was agreed?"
    assert escape(None) == ""


def test_show_more_past_the_last_match_says_there_is_no_more():
    (message,) = answer_messages(Answer(question="q <x>"), Page("q <x>", offset=3))
    assert message.text == render_text("slack/no_more.txt.j2", question="q <x>")
    assert "q &lt;x&gt;" in message.text


def test_dedupe_is_bounded_and_answers_each_key_once_across_threads():
    dedupe = Dedupe(capacity=100)
    with ThreadPoolExecutor(8) as pool:
        fresh = list(pool.map(lambda _: dedupe.first_time("event:Ev1", "msg:C1:1.0"), range(50)))
    assert fresh.count(True) == 1
    assert not dedupe.first_time("event:Ev2", "msg:C1:1.0")  # same message, new event ID
    for n in range(500):
        dedupe.first_time(f"event:{n}")
    assert len(dedupe) == 100


def test_an_item_without_a_number_is_headed_by_its_title_alone():
    numbered, unnumbered = item(4, ["That it be noted."]), item(5, ["That it be noted."])
    unnumbered.item_number = None
    answer = Answer(question="q", matches=[numbered, unnumbered])
    (message,) = answer_messages(answer, Page("q"))
    headers = [t.split("\n") for t in texts(message.blocks) if t.startswith("*Fictional Board*")]
    assert headers == [
        ["*Fictional Board* · 14 May 2024", "Item 4: Item title 4"],
        ["*Fictional Board* · 14 May 2024", "Item title 5"],
    ]


def test_an_answer_from_draft_minutes_says_so_in_its_header():
    draft, approved = item(6, ["That it be noted."]), item(7, ["That it be noted."])
    draft.minutes_status, approved.minutes_status = "draft", "approved"
    answer = Answer(question="q", matches=[draft, approved])
    (message,) = answer_messages(answer, Page("q"))
    headers = [t.split("\n")[0] for t in texts(message.blocks) if t.startswith("*Fictional")]
    assert headers == [
        "*Fictional Board* · 14 May 2024 · _draft minutes, not yet approved_",
        "*Fictional Board* · 14 May 2024",
    ]
