"""``/minutes actions …`` through a signed slash-command request: the register in Slack.

The shared bot indexes samples/minutes: Westvale's action log, and Northmoor's board whose
September meeting reports back on February's library review.
"""

from __future__ import annotations

import html

import pytest

from bot.slack.render.limits import validate
from tests.bot.slack.blockkit import button, quoted, texts
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


def test_a_long_list_is_paged_with_show_more(bot):
    channel, user = unique("C"), unique("U")
    first = ask(bot, "actions")
    heading = texts(first["blocks"])[0]
    assert "*Outstanding actions*" in heading and ", 1 to 10 shown here" in heading
    more = button(first["blocks"], "register_more")
    assert more is not None and more["text"]["text"] == "Show more"
    after = unique("resp")
    bot.click(more, channel=channel, user=user, message_ts="", response=after, ephemeral=True)
    second = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == after)[0].args
    assert second["response_type"] == "ephemeral"
    validate(second["blocks"])
    assert ", 11 to " in texts(second["blocks"])[0]
    assert button(second["blocks"], "register_more") is None  # the last page
    found = int(heading.split(": ")[1].split(" found")[0])
    shown = [e for page in (first, second) for e in entries(page["blocks"])]
    assert len(shown) == len(set(shown)) == found  # every action once, none twice
    assert not bot.fake.in_channel("chat.postMessage", channel)


def test_a_tampered_show_more_button_gets_a_short_note(bot):
    channel, user, after = unique("C"), unique("U"), unique("resp")
    forged = {"action_id": "register_more", "type": "button", "value": '{"a": 3}'}
    bot.click(forged, channel=channel, user=user, message_ts="", response=after, ephemeral=True)
    note = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == after)[0].args
    assert "couldn't read that button" in note["text"]


def test_overdue_and_done_since_questions(bot):
    overdue = ask(bot, "actions what is overdue for the Chair of Northmoor Youth Council?")
    shown = texts(overdue["blocks"])
    assert "*Overdue actions* for *Chair of Northmoor Youth Council*" in shown[0]
    assert quoted(
        "The Chair of Northmoor Youth Council offered to run two workshops with young people "
        "in March.",
        overdue["blocks"],
    )
    assert any("due 31 March 2024 · *overdue*" in t for t in shown)
    done = ask(bot, "actions done since 2024-09-01")
    shown = texts(done["blocks"])
    assert "*Actions done since 1 September 2024*" in shown[0]
    assert any(
        "Latest update (10 September 2024): “The equality impact assessment had been shared "
        "with Board Members in July.”" in t
        for t in shown
    )
    assert not any("Aisha" in t for t in shown)  # cleared in March: before the date asked


def entries(blocks) -> list[str]:
    """The quoted action of each entry a reply lists (the line after its status line)."""
    return [t.split("\n")[1] for t in texts(blocks) if t.startswith(("open", "done", "no update"))]


@pytest.mark.parametrize("verb", ["follow", "unfollow", "Follow  "])
def test_follow_without_an_owner_gets_how_to_name_one(bot, verb):
    """A bare ``follow`` is not an owner called "follow": one line saying how to name one, and
    nothing is followed (the asker's Home tab still says how to follow)."""
    from tests.bot.slack.test_actions_home import home

    channel, user, response = unique("C"), unique("U"), unique("resp")
    assert bot.send_command(f"actions {verb}", channel, user, response).status == 200
    reply = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args
    assert reply["response_type"] == "ephemeral"
    said = html.unescape("\n".join(texts(reply.get("blocks"))) or reply["text"])  # as shown
    word = verb.strip().lower()
    assert said == (
        f"Name whose actions to {word}: `/minutes actions {word} <owner>`, "
        f"for example `/minutes actions {word} Director of Public Health`."
    )
    assert "\n" not in said
    assert not bot.fake.in_channel("chat.postMessage", channel)
    (section, *rest) = home(bot, user)[1:]
    assert "/minutes actions follow <owner>" in section and rest == []
