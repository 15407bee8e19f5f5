"""Following owners: ``/minutes actions follow <owner>`` puts their outstanding actions in the
"Actions" section of the user's App Home; unfollowing takes them out."""

from __future__ import annotations

import pytest

from tests.bot.slack.blockkit import texts
from tests.bot.slack.conftest import unique

pytestmark = pytest.mark.slow


def command(bot, text: str, user: str) -> str:
    response = unique("resp")
    assert bot.send_command(text, unique("C"), user, response).status == 200
    reply = bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args
    assert reply["response_type"] == "ephemeral"
    return "\n".join(texts(reply.get("blocks"))) or reply["text"]


def home(bot, user: str) -> list[str]:
    event = {"type": "app_home_opened", "user": user, "channel": unique("D"), "tab": "home"}
    before = len(bot.fake.find("views.publish", lambda c: c.args["user_id"] == user))
    assert bot.send_event(event).status == 200
    calls = bot.fake.wait_for(
        "views.publish", lambda c: c.args["user_id"] == user, count=before + 1
    )
    view = calls[-1].args["view"]
    assert len(view["blocks"]) <= 100
    shown = texts(view["blocks"])
    return shown[shown.index("Actions") :]  # the section after the index's own blocks


def test_home_tells_a_user_who_follows_nobody_how_to_follow(bot):
    (section, *rest) = home(bot, unique("U"))[1:]
    assert "/minutes actions follow <owner>" in section
    assert rest == []


def test_following_an_owner_shows_their_outstanding_actions_in_home(bot):
    user = unique("U")
    said = command(bot, "actions follow head of libraries", user)
    assert (
        said
        == "You now follow *Head of Libraries*: what they have outstanding shows under Actions in my Home tab."
    )
    assert command(bot, "actions follow the Head of Libraries", user).startswith(
        "You already follow *Head of Libraries*"
    )
    shown = home(bot, user)
    # due March 2025: overdue by the time these tests run
    assert shown[1] == "*Head of Libraries*: 1 outstanding, 1 overdue."
    assert any(
        "“the Head of Libraries report on the use of the evening hours to the Board in March 2025.”"
        in t
        for t in shown
    )
    # reported back in September: done, so not in Home
    assert not any("library opening hours review in six months" in t for t in shown)

    assert command(bot, "actions unfollow Head of Libraries", user) == (
        "You no longer follow *Head of Libraries*."
    )
    after = home(bot, user)
    assert "/minutes actions follow <owner>" in after[1]
    assert not any("Head of Libraries" in t for t in after)


def test_following_an_unknown_owner_names_the_closest_and_follows_nothing(bot):
    user = unique("U")
    said = command(bot, "actions follow Cllr Okafro", user)
    assert "I have no actions for “Cllr Okafro”" in said and "Cllr Okafor" in said
    assert "/minutes actions follow <owner>" in home(bot, user)[1]
