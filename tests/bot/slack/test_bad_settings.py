"""Bad settings are one line and exit 2, naming the variable and never its value (issue 21,
item 15), driven as the probe did: ``minutes-bot serve`` as a process with ``PORT=abc``,
``PORT=99999``, a malformed ``SLACK_API_URL`` or ``MINUTES_BOT_CHROMA_URL='http://a@[::1'``."""

from __future__ import annotations

import subprocess

import pytest

from tests.bot.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.bot.slack.served import clean_environment, minutes_bot

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PORT", "abc"),
        ("PORT", "99999"),
        ("SLACK_API_URL", "htp:/slack api"),
        ("SLACK_API_URL", "http://[::1"),
        ("MINUTES_BOT_CHROMA_URL", "http://a@[::1"),
        ("MINUTES_BOT_TOP_K", "many"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it_and_exit_2(variable, value, fake_slack, tmp_path):
    settings = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "MINUTES_BOT_DATA_DIR": str(tmp_path / "data"),
        "MINUTES_BOT_HOST": "127.0.0.1",
        "PORT": "0",
    }
    env = clean_environment(**{**settings, variable: value})
    process = minutes_bot("serve", env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert variable in err
    assert value not in err + out
