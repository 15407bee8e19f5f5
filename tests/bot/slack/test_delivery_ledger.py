"""The SQL record of answered Slack deliveries (:mod:`bot.slack.runtime.delivery_ledger`) on a
real database file: a key is new once, two processes agree, and it is new again once expired.
The two-replica case with real Redis and PostgreSQL is in test_replicas.py."""

from __future__ import annotations

from pathlib import Path

from bot.slack.runtime.delivery_ledger import SqlDeliveries


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_delivery_is_new_once_whichever_of_its_keys_comes_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    clock = Clock()
    one, other = SqlDeliveries(url, 60, clock), SqlDeliveries(url, 60, clock)
    assert one.first_time("event:Ev1", "msg:C1:1.0")
    assert not other.first_time("event:Ev1", "msg:C1:1.0")  # a retry, another replica
    assert not other.first_time("event:Ev2", "msg:C1:1.0")  # the same message, another event
    assert other.first_time("event:Ev3", "msg:C1:2.0")
    assert one.first_time() and one.first_time(None)  # nothing to remember: not a duplicate
    clock.now += 61
    assert one.first_time("event:Ev1", "msg:C1:1.0")  # expired with the Redis keys
