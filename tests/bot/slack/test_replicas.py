"""Two bot replicas behind Slack, sharing a Chroma server, Redis and PostgreSQL (all real,
on 127.0.0.1): a delivery that reaches both is answered once, feedback given through one is
seen through the other, a follow-up on one knows the question asked on the other, and a
dependency that goes down gets a short "unavailable" reply until it comes back by itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.slack.render.blocks import render_text
from tests.bot.slack.blockkit import button
from tests.bot.slack.conftest import SIGNING_SECRET, BotHarness, mention, unique
from tests.bot.slack.served import free_port, start_chroma, stop
from tests.servers import wait_for_port

pytestmark = pytest.mark.slow

QUESTION = "Who is to report back on the library opening hours review?"
UNAVAILABLE = render_text("slack/unavailable.txt.j2")
REDIS_DOWN = render_text("slack/unavailable.txt.j2", service="Redis")
RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


@dataclass
class Cluster:
    replicas: list[BotHarness]
    chroma_port: int
    chroma_path: Path
    chroma: Any
    redis: Any
    postgres: Any

    def restart_chroma(self) -> None:
        self.chroma = start_chroma(self.chroma_path, self.chroma_port)
        wait_for_port(self.chroma_port, self.chroma, "chroma")


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory, samples_dir: Path, fake_slack, redis_server, postgres_server, embedder
) -> Iterator[Cluster]:
    from bot.settings import Settings
    from bot.slack.runtime.app import build_app
    from bot.slack.runtime.credentials import slack_credentials
    from bot.slack.runtime.server import http_server, service_health
    from bot.slack.runtime.services import build_services
    from index.indexer import index_paths

    port, path = free_port(), tmp_path_factory.mktemp("replica-chroma")
    chroma = start_chroma(path, port)
    wait_for_port(port, chroma, "chroma")
    servers, replicas = [], []
    made: Cluster | None = None
    try:
        base = Settings(
            data_dir=tmp_path_factory.mktemp("replica-local"),
            chroma_url=f"http://127.0.0.1:{port}",
            collection="replicas",
            redis_url=redis_server.url,
            database_url=postgres_server.url(),
            slack_bot_token="xoxb-test-1111-2222-notarealtoken",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake_slack.api_url,
            top_k=1,
        )
        index_paths([samples_dir], base, embedder=embedder)
        for name in ("a", "b"):
            settings = base.model_copy(update={"data_dir": tmp_path_factory.mktemp(name)})
            services = build_services(settings)
            app = build_app(services, slack_credentials(settings))
            health = service_health(services)
            server = http_server(app, "127.0.0.1", 0, health, SIGNING_SECRET)
            threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            ).start()
            servers.append(server)
            url = f"http://127.0.0.1:{server.server_port}"
            replicas.append(BotHarness(url, fake_slack, services, settings, app))
        made = Cluster(replicas, port, path, chroma, redis_server, postgres_server)
        yield made
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        stop(chroma)
        if made is not None:
            stop(made.chroma)  # the server a test restarted, not only the first one


def healthz(replica: BotHarness) -> dict[str, Any]:
    import json
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{replica.url}/healthz", timeout=5) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as err:
        return json.loads(err.read())


def posts(replica: BotHarness, channel: str) -> list[Any]:
    return replica.fake.in_channel("chat.postMessage", channel)


def test_a_delivery_that_reaches_both_replicas_is_answered_once(cluster: Cluster):
    a, b = cluster.replicas
    channel = unique("C")
    event, event_id = mention(channel, unique("U"), QUESTION), unique("Ev")
    first = a.send_event(event, event_id)
    retry = b.send_event(event, event_id, headers={"X-Slack-Retry-Num": "1"})
    assert first.status == retry.status == 200
    a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
    time.sleep(2)  # long enough for a second answer to arrive, if one were coming
    replies = posts(a, channel)
    assert len(replies) == 1
    assert "Head of Libraries" in str(replies[0].args["blocks"])


def test_both_replicas_give_the_same_answer(cluster: Cluster):
    a, b = cluster.replicas
    one = a.services.answerer.ask(QUESTION)
    two = b.services.answerer.ask(QUESTION)
    assert [m.item_id for m in one.matches] == [m.item_id for m in two.matches]
    assert [m.score for m in one.matches] == [m.score for m in two.matches]


def test_feedback_given_through_one_replica_is_seen_through_the_other(cluster: Cluster):
    a, b = cluster.replicas
    channel, user = unique("C"), unique("U")
    a.send_event(mention(channel, user, QUESTION))
    post = a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    clicked = button(post.args["blocks"], "feedback_up")
    reply = a.click(
        clicked, channel=channel, user=user, message_ts="7.000001", response=unique("r")
    )
    assert reply.status == 200
    rows = [r for r in b.services.feedback.all() if r.user_id == user]
    assert [(r.vote, r.question, r.channel_id) for r in rows] == [("up", QUESTION, channel)]
    assert b.services.feedback.url.startswith("postgresql")


def test_a_follow_up_on_one_replica_knows_the_question_asked_on_the_other(cluster: Cluster):
    a, b = cluster.replicas
    channel, user = unique("C"), unique("U")
    asked = mention(channel, user, QUESTION)
    a.send_event(asked)
    a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
    b.send_event(mention(channel, user, "and when is that due?", thread_ts=asked["ts"]))
    a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel, count=2)
    # The earlier question came from shared memory, not from reading the thread back.
    assert a.fake.in_channel("conversations.replies", channel) == []
    assert "Head of Libraries" in str(posts(a, channel)[1].args["blocks"])
    # The thread as shared now holds both questions: a third follow-up, on either replica, is
    # about what the first one named, not only about "that".
    assert a.services.threads.recall(channel, asked["ts"]) == f"{QUESTION}\nand when is that due?"


def command(replica: BotHarness, text: str, channel: str, user: str) -> dict[str, Any]:
    response = unique("resp")
    assert replica.send_command(text, channel, user, response).status == 200
    return replica.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0].args


def test_a_watch_set_through_one_replica_is_listed_and_removed_through_the_other(
    cluster: Cluster,
):
    a, b = cluster.replicas
    channel, user = unique("C"), unique("U")
    assert "watch *libraries*" in command(a, "watch libraries", channel, user)["text"]
    assert "libraries" in str(command(b, "watches", channel, user)["blocks"])
    assert "stopped this channel watching" in command(b, "unwatch libraries", channel, user)["text"]
    assert "does not watch" in command(a, "unwatch libraries", channel, user)["text"]


def test_healthz_reports_each_dependency(cluster: Cluster):
    report = healthz(cluster.replicas[0])
    assert report["ok"] is True
    assert report["chroma"]["ok"] and report["chroma"]["mode"] == "server"
    assert report["redis"] == {"url": cluster.redis.url, "ok": True}
    assert report["database"]["ok"] is True
    assert "password" not in report["database"]["url"] and "@" not in report["database"]["url"]


def ask_and_read(replica: BotHarness) -> str:
    channel = unique("C")
    replica.send_event(mention(channel, unique("U"), QUESTION))
    post = replica.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    return str(post.args.get("text"))


def wait_until(check, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not seen in {timeout:.0f} s")
        time.sleep(0.25)


def test_redis_down_is_a_short_reply_and_recovers_by_itself(cluster: Cluster):
    a, _ = cluster.replicas
    cluster.redis.stop()
    try:
        assert ask_and_read(a) == REDIS_DOWN  # names Redis, not "the index"
        wait_until(lambda: not healthz(a)["redis"]["ok"], "redis down in /healthz")
        assert healthz(a)["ok"] is False
    finally:
        cluster.redis.start()
    wait_until(lambda: healthz(a)["redis"]["ok"], "redis back in /healthz")
    assert ask_and_read(a) != UNAVAILABLE


def _posts(replica: BotHarness, channel: str) -> list[Any]:
    return [
        c
        for c in replica.fake.calls
        if c.method == "chat.postMessage" and c.args.get("channel") == channel
    ]


def test_a_retry_after_redis_restarted_empty_is_not_answered_again(cluster: Cluster):
    """Issue 21, item 4: the shipped compose runs Redis without persistence, so a restart
    forgets every delivery; the replica that answered still remembers it."""
    a, _ = cluster.replicas
    channel, event_id = unique("C"), unique("Ev")
    event = mention(channel, unique("U"), QUESTION)
    a.send_event(event, event_id)
    a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
    time.sleep(1.5)
    answered = len(_posts(a, channel))
    cluster.redis.stop()
    cluster.redis.start()
    wait_until(lambda: healthz(a)["redis"]["ok"], "redis back in /healthz")
    assert a.send_event(event, event_id, headers=RETRY).status == 200
    time.sleep(1.5)
    assert len(_posts(a, channel)) == answered


def test_a_retry_after_redis_restarted_empty_reaching_the_other_replica_is_not_answered(
    cluster: Cluster,
):
    """Issue 21, item 4: replica ``a`` answered, Redis restarted without its data, and Slack's
    retry reached replica ``b``, which never saw the event: the SQL ledger both share knows it
    was answered."""
    a, b = cluster.replicas
    channel, event_id = unique("C"), unique("Ev")
    event = mention(channel, unique("U"), QUESTION)
    a.send_event(event, event_id)
    a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)
    time.sleep(1.5)
    answered = len(_posts(a, channel))
    cluster.redis.stop()
    cluster.redis.start()  # no persistence here: every delivery key is gone
    wait_until(lambda: healthz(b)["redis"]["ok"], "redis back in /healthz")
    assert b.send_event(event, event_id, headers=RETRY).status == 200
    time.sleep(1.5)
    assert len(_posts(a, channel)) == answered  # both replicas post through the one fake
    # and a new event after the restart is still answered, by either replica
    fresh_channel = unique("C")
    b.send_event(mention(fresh_channel, unique("U"), QUESTION), unique("Ev"))
    b.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == fresh_channel)


def test_a_delivery_reaching_both_replicas_while_redis_is_down_gets_one_reply(cluster: Cluster):
    """Issue 21, item 4: one apology, naming Redis, not one from each replica."""
    a, b = cluster.replicas
    channel, event_id = unique("C"), unique("Ev")
    event = mention(channel, unique("U"), QUESTION)
    cluster.redis.stop()
    try:
        a.send_event(event, event_id)
        said = a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
        assert said.args["text"] == REDIS_DOWN
        assert b.send_event(event, event_id, headers=RETRY).status == 200
        time.sleep(1.5)
        assert len(_posts(a, channel)) == 1
    finally:
        cluster.redis.start()
    wait_until(lambda: healthz(b)["redis"]["ok"], "redis back in /healthz")


def test_the_database_down_is_a_short_reply_to_a_click_and_recovers(cluster: Cluster):
    a, _ = cluster.replicas
    channel, user = unique("C"), unique("U")
    a.send_event(mention(channel, user, QUESTION))
    post = a.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel)[0]
    clicked = button(post.args["blocks"], "feedback_down")
    cluster.postgres.stop()
    try:
        response = unique("r")
        reply = a.click(clicked, channel=channel, user=user, message_ts="8.1", response=response)
        assert reply.status == 200
        said = a.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0]
        assert said.args["text"] == UNAVAILABLE
        wait_until(lambda: not healthz(a)["database"]["ok"], "database down in /healthz")
    finally:
        cluster.postgres.start()
    wait_until(lambda: healthz(a)["database"]["ok"], "database back in /healthz")
    response = unique("r")
    a.click(clicked, channel=channel, user=user, message_ts="8.2", response=response)
    said = a.fake.wait_for("response_url", lambda c: c.args["_name"] == response)[0]
    assert said.args["text"] != UNAVAILABLE
    assert [r.message_ts for r in a.services.feedback.all() if r.user_id == user] == ["8.2"]


def test_the_database_down_is_a_short_reply_to_a_watch_command(cluster: Cluster):
    _, b = cluster.replicas
    channel, user = unique("C"), unique("U")
    cluster.postgres.stop()
    try:
        assert command(b, "watch parking", channel, user)["text"] == UNAVAILABLE
    finally:
        cluster.postgres.start()
    wait_until(lambda: healthz(b)["database"]["ok"], "database back in /healthz")
    assert "watch *parking*" in command(b, "watch parking", channel, user)["text"]


def test_chroma_down_is_a_short_reply_and_recovers_by_itself(cluster: Cluster):
    a, _ = cluster.replicas
    stop(cluster.chroma)
    try:
        time.sleep(1.1)  # past the lexical index's refresh interval, so it asks Chroma
        assert ask_and_read(a) == UNAVAILABLE
        wait_until(lambda: not healthz(a)["chroma"]["ok"], "chroma down in /healthz")
    finally:
        cluster.restart_chroma()
    wait_until(lambda: healthz(a)["chroma"]["ok"], "chroma back in /healthz")
    assert ask_and_read(a) != UNAVAILABLE


def serve_fails(env: dict[str, str], log: Path) -> tuple[int, str]:
    from tests.bot.slack.served import minutes_bot

    process = minutes_bot("serve", env=env, stdout=None, stderr=-1)
    _, err = process.communicate(timeout=300)
    return process.returncode, err


@pytest.mark.parametrize("what", ["redis", "database"])
def test_bad_shared_state_config_is_one_clear_line(what, fake_slack, postgres_server, tmp_path):
    from tests.bot.slack.conftest import BOT_TOKEN
    from tests.bot.slack.served import clean_environment

    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        MINUTES_BOT_DATA_DIR=str(tmp_path / "data"),
    )
    if what == "redis":
        port = free_port()  # nothing listens there
        env["MINUTES_BOT_REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        expected = (
            f"error: cannot use Redis at redis://127.0.0.1:{port}/0 (MINUTES_BOT_REDIS_URL): "
        )
    else:
        env["MINUTES_BOT_DATABASE_URL"] = postgres_server.url(password="not-the-password")
        expected = f"error: cannot use the database at postgresql+psycopg://127.0.0.1:{postgres_server.port}/postgres (MINUTES_BOT_DATABASE_URL): "
    code, err = serve_fails(env, tmp_path / "serve.log")
    assert code == 2
    assert err.startswith(expected), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "not-the-password" not in err
    if what == "database":
        assert "password authentication failed" in err
