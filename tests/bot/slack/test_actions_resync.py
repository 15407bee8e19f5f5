"""The register in Slack over the register fixtures (tests/fixtures/register/), with a bot of
its own: three spellings of one owner asked by signed ``/minutes actions`` commands, and a
corrected minute re-indexed while the bot runs changing what the next command says."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.register.conftest import FIXTURES, index
from tests.bot.slack.blockkit import quoted, texts
from tests.bot.slack.conftest import BotHarness, unique
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.slack.running import file_settings, running_bot

pytestmark = pytest.mark.slow

BRADSHAW_OPEN = "Update – in progress, draft letter prepared for partners to comment on."
BRADSHAW_DONE = "Update – cleared as letter sent to the county council on 1st March."


@pytest.fixture(scope="module")
def minutes(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("register-minutes")
    shutil.copytree(FIXTURES, folder, dirs_exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def register_bot(tmp_path_factory, minutes: Path, fake_slack: FakeSlack) -> Iterator[BotHarness]:
    from bot.slack.runtime.services import build_services

    data_dir = tmp_path_factory.mktemp("register-bot-index")
    index(data_dir, minutes)
    services = build_services(file_settings(data_dir, fake_slack))
    with running_bot(services, fake_slack) as bot:
        yield bot


def ask(bot: BotHarness, text: str) -> dict:
    channel, user, response = unique("C"), unique("U"), unique("resp")
    assert bot.send_command(text, channel, user, response).status == 200
    return bot.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args


def test_three_spellings_of_one_owner_get_one_owners_actions(register_bot):
    replies = [
        ask(register_bot, f"actions {spelling}")
        for spelling in (
            "DPH",
            "the Director of Public Health",
            "Director of Public Health (Kate Blackburn)",
        )
    ]
    shown = [texts(r["blocks"]) for r in replies]
    for reply in shown:
        assert "*Outstanding actions* for *Director of Public Health*" in reply[0]
    assert shown[0][1:] == shown[1][1:] == shown[2][1:]  # the same actions, however asked
    assert quoted(
        "Action – DPH to share the school nursing data with Board Members", replies[0]["blocks"]
    )
    assert quoted(
        "That the Director of Public Health is to report back on the healthy weight pathway in "
        "six months.",
        replies[0]["blocks"],
    )


def test_a_corrected_minute_reindexed_changes_the_next_reply(register_bot, minutes: Path):
    before = texts(ask(register_bot, "actions Cllr Bradshaw")["blocks"])
    assert "*Outstanding actions* for *Cllr Bradshaw*" in before[0]
    assert any(BRADSHAW_OPEN.removeprefix("Update – ") in t for t in before)

    later = next(minutes.rglob("kestrel-psr-executive-2024-03-12.txt"))
    text = later.read_text(encoding="utf-8")
    assert BRADSHAW_OPEN in text
    later.write_text(text.replace(BRADSHAW_OPEN, BRADSHAW_DONE), encoding="utf-8")
    index(register_bot.settings.data_dir, minutes)  # what a sync of the corrected minute does

    after = texts(ask(register_bot, "actions Councillor Bradshaw")["blocks"])
    (heading,) = after
    assert "*Outstanding actions* for *Cllr Bradshaw*" in heading
    assert ": 0 found." in heading and "No actions match." in heading
    done = texts(ask(register_bot, "actions done since 2024-03-01")["blocks"])
    assert any("“cleared as letter sent to the county council on 1st March.”" in t for t in done)
