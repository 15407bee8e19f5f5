"""Issue 22, point 4, through signed Slack events and the fake Slack Web API: minutes indexed
from files (no web page) are named by their document and item number, never by a path on the
server, and get no "Open minutes" button; a page that states no body says so in words; a
question naming a body the index does not hold is refused with what it holds, even though an
item of minutes that state no body is about the question.

The minutes are fictional (tests/fixtures/replies): Ashwick's council and cabinet in Kent's
printed shape, and a harbour item page from Saltmere that names no body.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.slack.blockkit import as_json, raw_texts, source_urls, texts
from tests.bot.slack.conftest import BotHarness
from tests.bot.slack.replies_bot import ask, serve

pytestmark = pytest.mark.slow

SEA_WALL = "What did Cabinet decide about the Saltmere sea wall?"
HARBOUR = "What did the Saltmere board decide about the harbour wall repairs?"
FOREIGN_BODY = "What did Saltmere's cabinet decide about the harbour wall repairs?"


@pytest.fixture(scope="module")
def replies_bot(tmp_path_factory, fake_slack, embedder) -> Iterator[BotHarness]:
    yield from serve(tmp_path_factory, fake_slack, embedder)


def everything_sent(post: dict[str, Any]) -> str:
    return "\n".join([*raw_texts(post["blocks"]), post["text"], str(as_json(post["blocks"]))])


def test_a_file_without_a_url_is_named_by_its_document_and_item_never_its_path(replies_bot):
    post = ask(replies_bot, SEA_WALL, in_channel=True)
    seen = texts(post["blocks"])
    assert seen[0].startswith("*Answer:*") and "£3.4 million" in seen[0]
    # under the line and under the item: the document and the minute's number, as text
    assert "Source: Ashwick County Council Cabinet – 5 June 2025, item 51" in seen
    assert not source_urls(post["blocks"])  # no "Open minutes" button for a file
    sent = everything_sent(post)
    assert str(replies_bot.folder) not in sent and "#item-" not in sent
    assert "/srv" not in sent and ".txt" not in sent


def test_a_page_that_states_no_body_says_so_and_names_its_file(replies_bot):
    post = ask(replies_bot, HARBOUR)
    seen = texts(post["blocks"])
    assert seen[0].startswith("*Answer:*")
    assert "· body not stated in the minutes, date not stated" in seen[0]
    assert any(t.startswith("_body not stated in the minutes_ · date not stated") for t in seen)
    assert "Source: harbour_item.txt" in seen
    assert "Unknown body" not in everything_sent(post)
    assert "(body not stated in the minutes, date not stated)" in post["text"]


def test_a_body_the_index_does_not_hold_is_refused_with_what_it_holds(replies_bot):
    post = ask(replies_bot, FOREIGN_BODY)
    text = texts(post["blocks"])[0]
    assert text.startswith("I have no cabinet minutes for Saltmere.")
    assert "I have: Ashwick County Council (2 meetings of 2 bodies, 2025)" in text
    assert "minutes with no body named (1 meeting)" in text
    assert "Answer:" not in everything_sent(post)
