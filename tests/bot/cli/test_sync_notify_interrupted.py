"""``sync --notify`` killed (SIGKILL) just after its first meeting is written: the re-run
announces that meeting too, and every meeting exactly once (issue 21: 4 digests became 3).

Driven as processes against the fake modern.gov site and the fake Slack Web API; the ledger of
items indexed but not yet announced lives in the SQL database beside the index."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import threading
from pathlib import Path

import pytest

from tests.bot.cli.sync_probe import env, run_sync, sync_args
from tests.bot.cli.test_sync_notify import DIGEST, slack, slack_env  # noqa: F401 (fixture)
from tests.bot.slack.blockkit import source_urls
from tests.bot.slack.fake_slack import FakeSlack
from tests.index.sites.fake_moderngov import bramley
from tests.paths import REPO

pytestmark = pytest.mark.slow


def test_a_killed_notify_sync_has_the_next_run_announce_what_it_indexed(
    tmp_path: Path,
    slack: FakeSlack,  # noqa: F811
) -> None:
    data_dir = tmp_path / "data"
    with bramley(dt.date.today()) as site:
        entered, release = threading.Event(), threading.Event()
        site.hang["ielistdocuments.aspx:8002"] = (entered, release)  # after 8001 is written
        process = subprocess.Popen(
            sync_args(data_dir, site.url, "--notify"),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env(**slack_env(slack)),
        )
        try:
            assert entered.wait(600), "the sync never reached the second meeting"
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        del site.hang["ielistdocuments.aspx:8002"]
        release.set()
        assert slack.in_channel("chat.postMessage", DIGEST) == []  # killed before its digest

        rerun = run_sync(data_dir, site.url, "--notify", environment=slack_env(slack))
        again = run_sync(data_dir, site.url, "--notify", environment=slack_env(slack))
    assert rerun.code == 0 and again.code == 0, rerun.stderr + again.stderr
    top = [c.args for c in slack.in_channel("chat.postMessage", DIGEST)]
    top = [p for p in top if not p.get("thread_ts")]
    links = sorted(url for p in top for url in source_urls(p["blocks"]))
    # 8001 (written before the kill) is announced by the re-run; nothing twice.
    assert links == sorted(f"{site.url}mgAi.aspx?ID={item}" for item in ("70102", "70201", "71101"))
    assert len(top) == 3
