"""``minutes-bot sync`` calls the after-sync hook (where the Slack digest plugs in) with the
report, and a hook that fails costs one warning line, not the sync."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bot.sync_hooks
from bot.cli import app
from bot.settings import Settings
from index.store import open_store
from index.sync import SyncReport
from tests.index.sites.fake_moderngov import bramley

pytestmark = pytest.mark.slow


def sync(data_dir: Path, url: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        ["sync", url, "--data-dir", str(data_dir), "--delay", "0", "--progress"],
        catch_exceptions=False,
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_hook_gets_the_report_of_each_sync(tmp_path: Path, monkeypatch) -> None:
    reports: list[SyncReport] = []
    monkeypatch.setattr(bot.sync_hooks, "sync_hook", lambda settings: reports.append)
    with bramley(dt.date.today()) as site:
        code, out, _ = sync(tmp_path / "data", site.url)
    assert code == 0, out
    (report,) = reports
    assert report.site == site.url and report.mode == "public pages"
    stored = open_store(Settings(data_dir=tmp_path / "data")).get_items(report.new_item_ids)
    assert sorted(item.meta.source_item_id or "" for item in stored.values()) == [
        "70101",
        "70102",
        "70201",
        "71101",
    ]
    assert report.started_at <= report.finished_at
    assert report.counts["items_new"] == 4 and report.failed == []


def test_a_failing_hook_is_one_warning_and_the_sync_still_succeeds(tmp_path, monkeypatch):
    def broken(report: SyncReport) -> None:
        raise RuntimeError("Slack said no")

    monkeypatch.setattr(bot.sync_hooks, "sync_hook", lambda settings: broken)
    with bramley(dt.date.today()) as site:
        code, _, err = sync(tmp_path / "data", site.url)
    assert code == 0
    assert "warning: after-sync hook failed: Slack said no" in err.splitlines()


def test_without_a_hook_sync_needs_no_slack(monkeypatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert bot.sync_hooks.sync_hook(Settings()) is None
