"""Signed requests a real Slack never sends but a holder of the signing secret (or a broken
proxy) can (issue 21, items 11-13), sent as the probe sent them to a real ``minutes-bot serve``:
wrongly typed fields get 400 without a traceback, a deeply nested button value gets the short
"cannot read this button" note, and with ``MINUTES_BOT_ALLOWED_TEAMS`` set a request that names
no team is ignored like one naming another team."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

import pytest

from prompts import render
from tests.bot.slack.conftest import BOT_USER_ID, TEAM_ID, BotHarness, mention, unique

pytestmark = pytest.mark.slow

FRAILTY = "what was resolved about the frailty delivery plan?"
GRACE = 1.5
BAD_BUTTON = render("slack/bad_button.txt.j2").strip()
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def harness(served, fake_slack) -> BotHarness:
    return BotHarness(served.url, fake_slack, None, None, None)


def _callback(**fields: Any) -> bytes:
    payload = {
        "token": "unused",
        "team_id": TEAM_ID,
        "api_app_id": "AMINUTES",
        "type": "event_callback",
        "event_id": unique("Ev"),
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        **fields,
    }
    return json.dumps(payload).encode()


def test_signed_but_wrongly_typed_bodies_get_400_without_a_traceback(served, harness) -> None:
    before = len(served.log())
    channel, user = unique("C"), unique("U")
    null_text = {**mention(channel, user, "x"), "text": None}
    view = {"type": "view_submission", "team": {"id": TEAM_ID}, "user": {"id": user}, "view": {}}
    probes = {
        "event a string": harness.post(_callback(event="str"), "application/json"),
        "event a list": harness.post(_callback(event=[]), "application/json"),
        "text null": harness.post(_callback(event=null_text), "application/json"),
        "team_id an object": harness.post(
            _callback(team_id={"id": TEAM_ID}, event=mention(channel, user, FRAILTY)),
            "application/json",
        ),
        "view without type": harness.post(urlencode({"payload": json.dumps(view)}).encode(), FORM),
    }
    assert {name: r.status for name, r in probes.items()} == dict.fromkeys(probes, 400)
    time.sleep(GRACE)
    assert not [c for c in harness.fake.calls if c.args.get("channel") == channel]
    logged = served.log()[before:]
    assert "Traceback" not in logged, logged


@pytest.mark.parametrize("action_id", ["feedback_up", "show_more"])
def test_a_deeply_nested_button_value_gets_the_short_note(served, harness, action_id) -> None:
    before = len(served.log())
    channel, user, response = unique("C"), unique("U"), unique("resp")
    value = "[" * 1000 + "]" * 1000
    action = {"type": "button", "action_id": action_id, "value": value}
    reply = harness.click(
        action,
        channel=channel,
        user=user,
        message_ts="1.000001",
        response=response,
        thread_ts="1.000000",
    )
    assert reply.status == 200
    note = harness.fake.wait_for("response_url", lambda c: c.args["_name"] == response)
    assert [c.args["text"] for c in note] == [BAD_BUTTON]
    assert "Traceback" not in served.log()[before:]


@pytest.mark.parametrize("team", ["absent", "", None])
def test_a_request_naming_no_team_is_ignored_when_teams_are_allowed(served, harness, team) -> None:
    channel, user = unique("C"), unique("U")
    payload = json.loads(_callback(event=mention(channel, user, FRAILTY)))
    payload["authorizations"] = [{"user_id": BOT_USER_ID, "is_bot": True}]
    if team == "absent":
        del payload["team_id"]
    else:
        payload["team_id"] = team
    reply = harness.post(json.dumps(payload).encode(), "application/json")
    assert reply.status == 200
    time.sleep(GRACE)
    assert not [c for c in harness.fake.calls if c.args.get("channel") == channel]
