"""The 👀 reaction is a courtesy: Slack unreachable while adding or removing it (a refused
connection from a real WebClient, nothing listening on the port) never costs the answer."""

from __future__ import annotations

import logging

from slack_sdk import WebClient

from bot.slack.asking.reply import working_on
from tests.servers import free_port


def test_an_unreachable_slack_does_not_stop_the_answer(caplog) -> None:
    client = WebClient(
        token="xoxb-test", base_url=f"http://127.0.0.1:{free_port()}/api/", timeout=2
    )
    client.retry_handlers = []  # one refused connection is enough to show the point
    answered = []
    with caplog.at_level(logging.WARNING), working_on(client, "C1", "1700000000.000100"):
        answered.append(True)
    assert answered == [True]
    failures = [r.getMessage() for r in caplog.records if "reaction on C1 failed" in r.getMessage()]
    assert len(failures) == 2  # adding and removing, each one line
    assert all("xoxb" not in line for line in failures)
