"""Issue 22, point 4, through signed Slack events and the fake Slack Web API: minutes indexed
from files (no web page) are named by their document and item number, never by a path on the
server, and get no "Open minutes" button; a page that states no body says so in words; a
question naming a body the index does not hold is refused with what it holds, even though an
item of minutes that state no body is about the question.

The minutes are fictional (tests/fixtures/replies): Ashwick's council and cabinet in Kent's
printed shape, and a harbour item page from Saltmere that names no body.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.slack.blockkit import as_json, raw_texts, source_urls, texts
from tests.bot.slack.conftest import SIGNING_SECRET, BotHarness, dm, mention, unique
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow

MINUTES = FIXTURES / "replies"
SEA_WALL = "What did Cabinet decide about the Saltmere sea wall?"
HARBOUR = "What did the Saltmere board decide about the harbour wall repairs?"
FOREIGN_BODY = "What did Saltmere's cabinet decide about the harbour wall repairs?"


@pytest.fixture(scope="module")
def replies_bot(tmp_path_factory, fake_slack, embedder) -> Iterator[BotHarness]:
    """A bot over the fictional minutes, indexed from files in a folder on the server."""
    from bot.settings import Settings
    from bot.slack.runtime.app import build_app
    from bot.slack.runtime.credentials import slack_credentials
    from bot.slack.runtime.server import http_server, service_health
    from bot.slack.runtime.services import build_services
    from index.indexer import index_paths

    folder = tmp_path_factory.mktemp("srv") / "minutes"
    folder.mkdir()
    for path in MINUTES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("replies-index"),
        slack_bot_token="xoxb-test-1111-2222-notarealtoken",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake_slack.api_url,
        host="127.0.0.1",
        port=0,
    )
    index_paths([folder], settings, embedder=embedder)
    services = build_services(settings)
    app = build_app(services, slack_credentials(settings))
    server = http_server(app, "127.0.0.1", 0, service_health(services), SIGNING_SECRET)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    harness = BotHarness(
        f"http://127.0.0.1:{server.server_port}", fake_slack, services, settings, app
    )
    harness.folder = folder  # type: ignore[attr-defined]
    yield harness
    server.shutdown()
    server.server_close()


def ask(bot: BotHarness, question: str, *, in_channel: bool = False) -> dict[str, Any]:
    channel, user = unique("C" if in_channel else "D"), unique("U")
    event = mention(channel, user, question) if in_channel else dm(channel, user, question)
    assert bot.send_event(event).status == 200
    return bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0].args


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
