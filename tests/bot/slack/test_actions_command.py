"""``/minutes actions …`` through a signed slash-command request: the register in Slack.

The shared bot indexes samples/minutes: Westvale's action log, and Northmoor's board whose
September meeting reports back on February's library review.
"""

from __future__ import annotations

import pytest

from bot.slack.limits import validate
from tests.bot.slack.blockkit import quoted, texts
from tests.bot.slack.conftest import unique
from tests.paths import REPO

pytestmark = pytest.mark.slow

SAMPLES = REPO / "samples" / "minutes"


def ask(bot, text: str) -> dict:
    channel, user, response = unique("C"), unique("U"), unique("resp")
    reply = bot.send_command(text, channel, user, response)
    assert reply.status == 200
    private = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args
    assert private["response_type"] == "ephemeral"
    assert not bot.fake.in_channel("chat.postMessage", channel)
    validate(private["blocks"])
    return private


def test_an_owner_gets_their_outstanding_actions_quoted_with_due_dates(bot):
    private = ask(bot, "actions Head of Libraries")
    shown = texts(private["blocks"])
    assert "*Outstanding actions* for *Head of Libraries*" in shown[0]
    march = (
        "the Head of Libraries report on the use of the evening hours to the Board in March 2025."
    )
    assert quoted(march, private["blocks"])
    assert any("due 31 March 2025" in t for t in shown)
    # February's "report back in six months" was reported back in September: not outstanding
    assert not any(
        "report back on the library opening hours review in six months" in t for t in shown
    )
    source = (SAMPLES / "northmoor" / "hwb-2024-09-10-ieListDocuments.html").read_text(
        encoding="utf-8"
    )
    assert march in source


def test_a_body_gets_its_actions_grouped_by_owner_open_first(bot):
    private = ask(bot, "actions Westvale Public Services Reform Executive")
    shown = texts(private["blocks"])
    assert "from *Westvale Public Services Reform Executive*" in shown[0]
    assert quoted(
        "Action – Marcus to contact the Fire Service regarding shared use of the Harbour Road depot",
        private["blocks"],
    )
    assert any(
        "meeting held with the Fire Service estates lead, no decision as yet" in t for t in shown
    )
    assert "*Aisha*" not in shown  # her action was cleared: outstanding ones only


def test_an_unknown_owner_is_told_the_closest_known_owners(bot):
    private = ask(bot, "actions Cllr Okafro")
    (text,) = texts(private["blocks"])
    assert "I have no actions for “Cllr Okafro”" in text
    assert "Cllr Okafor" in text
