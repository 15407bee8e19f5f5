"""/healthz's report: cheap under frequent probes, and honest when Chroma or the index is not
there (the end-to-end cases run a real ``serve`` in test_serve_command.py)."""

from __future__ import annotations

from bot.slack.runtime.health import Health
from index.store import IndexStats

FULL = IndexStats(bodies=["Cabinet"], meetings=2, items=7, last_indexed="2024-05-01T10:00:00+00:00")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Counting:
    def __init__(self, result: IndexStats) -> None:
        self.calls = 0
        self.result = result

    def __call__(self) -> IndexStats:
        self.calls += 1
        return self.result


def test_index_stats_are_read_at_most_once_per_cache_period():
    clock, stats = Clock(), Counting(FULL)
    health = Health(stats, lambda: None, cache_s=5, clock=clock)
    for _ in range(20):
        assert health.report().ok
    assert stats.calls == 1
    clock.now += 4.9
    health.report()
    assert stats.calls == 1
    clock.now += 0.2
    health.report()
    assert stats.calls == 2


def test_an_empty_index_is_unhealthy_and_says_how_to_fill_it():
    report = Health(Counting(IndexStats()), lambda: None, cache_s=0).report()
    assert not report.ok
    assert report.checks["index"]["items"] == 0
    assert "minutes-bot index" in report.checks["index"]["error"]
    assert report.checks["chroma"]["ok"]


def test_unreachable_chroma_is_unhealthy_without_reading_stats():
    def down() -> None:
        raise ValueError("Could not connect to a Chroma server.\n Are you sure it is running?")

    stats = Counting(FULL)
    health = Health(stats, down, chroma_url="http://admin:pw@chroma.internal:8000/x", cache_s=0)
    report = health.report().as_json()
    assert report["ok"] is False
    assert report["chroma"] == {
        "mode": "server",
        "url": "http://chroma.internal:8000",  # no credentials from the URL
        "ok": False,
        "error": "Could not connect to a Chroma server. Are you sure it is running?",
    }
    assert report["index"]["ok"] is False
    assert stats.calls == 0
