"""No password in any log, error line or endpoint (issue 21, item 5), driven as the probe did:
``serve`` against a real PostgreSQL and Redis whose passwords hold ``/`` and ``@`` unencoded
(as operators paste them), ``/healthz`` read without login, and URLs that cannot be parsed,
which must be one line naming the variable, never its value."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bot.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.bot.slack.served import clean_environment, minutes_bot, start_serve
from tests.paths import REPO
from tests.servers import free_port

pytestmark = pytest.mark.slow

PASSWORD = "12/Pw-s3cr@t"
"""What the probe used, and an ``@`` besides: both read by a URL parser as host and port."""


def _role(postgres_server) -> str:
    """A login role whose password is :data:`PASSWORD`, on the test PostgreSQL."""
    import psycopg

    dsn = postgres_server.url().replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("DROP ROLE IF EXISTS bot2")
        connection.execute(f"CREATE ROLE bot2 LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
    return f"postgresql+psycopg://bot2:{PASSWORD}@127.0.0.1:{postgres_server.port}/postgres"


def _redis_user(redis_server) -> str:
    """A Redis ACL user whose password is :data:`PASSWORD` (the default user is untouched)."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=redis_server.port)
    client.acl_setuser(
        "bot2",
        enabled=True,
        passwords=[f"+{PASSWORD}"],
        commands=["+@all"],
        keys=["*"],
        channels=["*"],
    )
    return f"redis://bot2:{PASSWORD}@127.0.0.1:{redis_server.port}/0"


def test_passwords_holding_a_slash_work_and_are_never_shown(
    indexed_settings, fake_slack, postgres_server, redis_server, tmp_path: Path
) -> None:
    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(indexed_settings.data_dir),
        MINUTES_BOT_DATABASE_URL=_role(postgres_server),
        MINUTES_BOT_REDIS_URL=_redis_user(redis_server),
        MINUTES_BOT_LOG_LEVEL="DEBUG",
    )
    served = start_serve(env, tmp_path / "serve.log")
    try:
        served.wait_for_healthz()
        status, health = served.healthz()
    finally:
        served.stop()
    shown = json.dumps(health)
    assert status == 200, shown  # the password was read as the password, not a host or port
    assert "Pw-s3cr" not in shown and "12/" not in shown, shown
    assert f"127.0.0.1:{postgres_server.port}/postgres" in shown
    assert f"redis://127.0.0.1:{redis_server.port}/0" in shown
    assert "Pw-s3cr" not in served.log()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("MINUTES_BOT_REDIS_URL", "redis://bot2:cret/x@127.0.0.1:notaport/0"),
        ("MINUTES_BOT_DATABASE_URL", "postgresql+psycopg://bot2:se/cret@127.0.0.1:notaport/x"),
        ("MINUTES_BOT_DATABASE_URL", "not a url se/cret"),
    ],
)
def test_an_unparsable_url_is_one_line_naming_the_variable_not_its_value(
    variable: str, value: str, indexed_settings, fake_slack, tmp_path: Path
) -> None:
    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(indexed_settings.data_dir),
        PORT=str(free_port()),
        **{variable: value},
    )
    process = minutes_bot("serve", env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert variable in err
    assert "se/cret" not in err + out and "cret" not in err + out


@pytest.mark.parametrize("command", ["ask", "index"])
def test_chroma_url_credentials_are_not_in_error_lines(command: str, tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    url = f"http://admin:{PASSWORD}@127.0.0.1:{port}"
    args = ["what was decided?"] if command == "ask" else [str(tmp_path)]
    (tmp_path / "m.txt").write_text("Minutes of the Cabinet\n1. Apologies\nNone.\n")
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", command, *args],
        cwd=REPO,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(REPO),
            "HF_HUB_OFFLINE": "1",
            "MINUTES_BOT_CHROMA_URL": url,
            "MINUTES_BOT_DATA_DIR": str(tmp_path / "data"),
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode != 0
    assert f"127.0.0.1:{port}" in done.stderr, done.stderr  # the server is named ...
    assert "Pw-s3cr" not in done.stderr + done.stdout  # ... without its password
    assert "Traceback" not in done.stderr
