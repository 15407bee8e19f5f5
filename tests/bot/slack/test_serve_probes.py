"""What a hostile prober sent a running ``minutes-bot serve`` over HTTP: unsigned and forged
requests, malformed bodies, event types we do not handle, tampered button values and events
from another workspace. Each gets a deliberate status, a short message where a person clicked,
and at most one log line, never a traceback or the body of a refused request."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from bot.slack.render.payloads import MAX_OFFSET, Page, encode_page
from bot.slack.runtime.request_check import MAX_BODY
from prompts import render
from tests.bot.slack.conftest import BotHarness, Reply, mention, unique

pytestmark = pytest.mark.slow

FRAILTY = "what was resolved about the frailty delivery plan?"
GRACE = 1.5  # long enough for a lazy listener to have posted, had it been going to
BAD_BUTTON = render("slack/bad_button.txt.j2").strip()


@pytest.fixture(scope="module")
def harness(served, fake_slack) -> BotHarness:
    return BotHarness(served.url, fake_slack, None, None, None)


def post_raw(url: str, body: bytes, headers: dict[str, str]) -> Reply:
    request = urllib.request.Request(
        f"{url}/slack/events", data=body, method="POST", headers=headers
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, response.read().decode(), time.monotonic() - started)
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.read().decode(), time.monotonic() - started)


def new_log(served, before: int) -> str:
    return served.log()[before:]


def test_unsigned_or_forged_requests_get_401_without_a_traceback_or_the_body(served, harness):
    marker = unique("PROBEBODY")
    channel = unique("C")
    event = json.dumps(
        {"type": "event_callback", "event": mention(channel, "UPROBE", marker)}
    ).encode()
    before = len(served.log())
    now = str(int(time.time()))
    probes = {
        "unsigned malformed JSON": post_raw(
            served.url, f'{{"{marker}": '.encode(), {"Content-Type": "application/json"}
        ),
        "unsigned event": post_raw(served.url, event, {"Content-Type": "application/json"}),
        "garbage signature": post_raw(
            served.url,
            event,
            {
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": now,
                "X-Slack-Signature": "v0=deadbeef",
            },
        ),
        "timestamp not a number": post_raw(
            served.url,
            event,
            {
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": "yesterday",
                "X-Slack-Signature": "v0=deadbeef",
            },
        ),
        "wrong secret, malformed JSON": harness.post(
            f"[{marker}".encode(), "application/json", secret="not-the-secret"
        ),
        "right secret, ten minutes old": harness.post(
            event, "application/json", timestamp=int(time.time()) - 600
        ),
    }
    assert {name: r.status for name, r in probes.items()} == dict.fromkeys(probes, 401)
    time.sleep(GRACE)
    assert not harness.fake.in_channel("reactions.add", channel)
    logged = new_log(served, before)
    assert "Traceback" not in logged and marker not in logged
    refusals = [line for line in logged.splitlines() if "rejected /slack/events" in line]
    assert len(refusals) == len(probes)  # one line each


def test_signed_malformed_bodies_get_400_without_a_traceback(served, harness):
    before = len(served.log())
    form = "application/x-www-form-urlencoded"
    probes = {
        "JSON cut short": harness.post(
            b'{"type": "event_callback", "event": {', "application/json"
        ),
        "JSON array": harness.post(b"[1, 2, 3]", "application/json"),
        "nested too deep": harness.post(
            b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "application/json"
        ),
        "form payload not JSON": harness.post(urlencode({"payload": "{oops"}).encode(), form),
        "form payload a string": harness.post(urlencode({"payload": '"text"'}).encode(), form),
        "not UTF-8": harness.post(b'{"type": "\xff\xfe"}', "application/json"),
    }
    assert {name: r.status for name, r in probes.items()} == dict.fromkeys(probes, 400)
    logged = new_log(served, before)
    assert "Traceback" not in logged
    assert len([line for line in logged.splitlines() if "rejected" in line]) == len(probes)


@pytest.mark.parametrize("event_type", ["reaction_added", "channel_created", "made_up_event"])
def test_event_types_without_a_listener_are_acked_so_slack_does_not_retry(harness, event_type):
    event = {"type": event_type, "user": unique("U"), "event_ts": f"{time.time():.6f}"}
    reply = harness.send_event(event)
    assert reply.status == 200


def click(harness: BotHarness, action_id: str, value: object, **where):
    channel, user, response = unique("C"), unique("U"), unique("resp")
    action = {"type": "button", "action_id": action_id, "value": value}
    reply = harness.click(
        action, channel=channel, user=user, message_ts="1.000001", response=response, **where
    )
    return reply, channel, response


@pytest.mark.parametrize(
    ("action_id", "value"),
    [
        ("feedback_up", "{not json"),
        ("feedback_down", json.dumps({"q": "x", "ids": "item0001"})),
        ("show_more", "{not json"),
        ("show_more", json.dumps({"q": FRAILTY, "c": "", "o": "1"})),
        ("show_more", json.dumps({"q": FRAILTY, "c": "", "o": -1})),
        ("show_more", encode_page(Page(FRAILTY, None, MAX_OFFSET + 1))),
        ("share_answer", json.dumps(["q", FRAILTY])),
    ],
    ids=[
        "feedback-not-json",
        "feedback-ids-not-a-list",
        "more-not-json",
        "more-offset-text",
        "more-negative-offset",
        "more-offset-too-far",
        "share-a-list",
    ],
)
def test_an_unreadable_button_value_gets_a_short_message(served, harness, action_id, value):
    before = len(served.log())
    reply, channel, response = click(harness, action_id, value, thread_ts="1.000000")
    assert reply.status == 200
    note = harness.fake.wait_for("response_url", lambda c: c.args["_name"] == response)
    assert [c.args["text"] for c in note] == [BAD_BUTTON]
    time.sleep(GRACE)
    assert not harness.fake.in_channel("chat.postMessage", channel)  # no arbitrary item served
    logged = new_log(served, before)
    assert "Traceback" not in logged
    assert len([line for line in logged.splitlines() if "unreadable value" in line]) == 1


def test_events_from_a_team_not_on_the_allow_list_are_acked_and_ignored(served, harness):
    channel, user = unique("C"), unique("U")
    before = len(served.log())
    reply = harness.send_event(mention(channel, user, FRAILTY), team="TOTHERTEAM")
    assert reply.status == 200
    time.sleep(GRACE)
    assert not [c for c in harness.fake.calls if c.args.get("channel") == channel]
    logged = new_log(served, before)
    assert "ignored app_mention event from team TOTHERTEAM" in logged

    # The same mention from the allowed team is answered.
    assert harness.send_event(mention(channel, user, FRAILTY)).status == 200
    harness.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)


def test_a_huge_declared_body_is_refused_before_it_is_read(served):
    host, port = served.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.putrequest("POST", "/slack/events")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(MAX_BODY * 50))
        connection.endheaders()  # and never send the body: the answer must not wait for it
        response = connection.getresponse()
        assert response.status == 413
    finally:
        connection.close()
