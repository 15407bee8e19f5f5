"""``minutes-bot sync`` tells cron whether it did its job (docs/exit-codes.md), in one line.

None of these runs indexes anything, so none loads the embedding model.
"""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from bot.cli.index_report import ExitCode
from tests.bot.cli.sync_probe import run_sync
from tests.index.sites.fake_moderngov import ashcombe


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_site_exits_1_with_one_error_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/democracy/"
    run = run_sync(tmp_path / "data", url)
    assert run.code == ExitCode.NOTHING_INDEXED == 1
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"error: nothing could be synced: {url}mgListCommittees.aspx: ")
    assert "could not connect" in line


def test_robots_txt_that_disallows_everything_is_obeyed(tmp_path: Path) -> None:
    with ashcombe(dt.date.today(), robots="User-agent: *\nDisallow: /\n") as site:
        run = run_sync(tmp_path / "data", site.url)
        paths = [r.path for r in site.requests()]
    assert run.code == ExitCode.NOTHING_INDEXED
    assert run.stderr == (
        f"error: nothing could be synced: {site.url}mgListCommittees.aspx: "
        "robots.txt disallows it for minutes-bot\n"
    )
    assert paths == ["/robots.txt"]


def test_robots_txt_that_disallows_the_web_service_leaves_the_pages(tmp_path: Path) -> None:
    robots = "User-agent: minutes-bot\nDisallow: /ashcombe/mgWebService.asmx\n"
    with ashcombe(dt.date.today(), robots=robots) as site:
        run = run_sync(tmp_path / "data", site.url, "--committee", "99")
        service_calls = [r for r in site.requests() if "mgwebservice" in r.path.lower()]
    assert service_calls == []
    assert run.code == ExitCode.USAGE  # committee 99 is not on the pages' list either
    assert "--committee '99' matches no committee: Cabinet (1201)" in run.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--since", "2026-13-01"), "is not a YYYY-MM-DD date"),
        (("--every", "soon"), "is not an interval like 30m, 6h or 1d"),
        (("--runs", "2"), "only with --every"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path: Path, extra, message) -> None:
    run = run_sync(tmp_path / "data", "https://democracy.example.invalid/", *extra)
    assert run.code == ExitCode.USAGE == 2
    assert message in run.stderr


def test_a_committee_the_site_does_not_have_is_a_usage_error(tmp_path: Path) -> None:
    with ashcombe(dt.date.today()) as site:
        run = run_sync(tmp_path / "data", site.url, "--committee", "Planning")
    assert run.code == ExitCode.USAGE
    assert run.stderr.startswith("error: --committee 'Planning' matches no committee: Cabinet")


def test_a_chroma_server_that_is_not_there_exits_4(tmp_path: Path) -> None:
    chroma = f"http://127.0.0.1:{closed_port()}"
    with ashcombe(dt.date.today()) as site:
        run = run_sync(
            tmp_path / "data", site.url, "--chroma-url", chroma, "--committee", "Cabinet"
        )
    assert run.code == ExitCode.INDEX_WRITE == 4
    assert run.stderr.startswith(f"error: cannot reach the Chroma server at {chroma}")


def test_a_database_that_refuses_connections_exits_4_in_one_line(tmp_path: Path) -> None:
    port = closed_port()
    url = f"postgresql+psycopg://minutes:s3cret-pw@127.0.0.1:{port}/minutes"
    run = run_sync(
        tmp_path / "data",
        "https://democracy.example.invalid/",
        environment={"MINUTES_BOT_DATABASE_URL": url},
    )
    assert run.code == ExitCode.INDEX_WRITE == 4
    (line,) = run.stderr.splitlines()
    assert line.startswith(
        f"error: cannot use the database at postgresql+psycopg://127.0.0.1:{port}"
        "/minutes (MINUTES_BOT_DATABASE_URL): connection failed"
    )
    assert line.endswith("run again when it is back")
    assert "s3cret-pw" not in run.stderr + run.stdout


def test_a_wrong_database_password_is_one_line(tmp_path: Path, postgres_server) -> None:
    url = postgres_server.url(password="not-the-password")
    run = run_sync(
        tmp_path / "data",
        "https://democracy.example.invalid/",
        environment={"MINUTES_BOT_DATABASE_URL": url},
    )
    assert run.code == ExitCode.INDEX_WRITE
    (line,) = run.stderr.splitlines()
    assert "password authentication failed for user" in line, line
    assert "not-the-password" not in line
