"""What ``/healthz`` reports: the index (how many agenda items, when last indexed) and each
dependency (Chroma, Redis when configured, the database; the Slack connection in Socket Mode),
so "up" means "can answer".

An empty or missing index answers 503: a bot that replies "No decision found" to every
question is not healthy, however well its process runs. The report is cached for a few
seconds because index statistics read every item's metadata from Chroma, and probes can be
frequent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from index.settings import without_credentials
from index.store import IndexStats

log = logging.getLogger(__name__)

CACHE_S = 5.0


@dataclass(frozen=True)
class Probe:
    """A dependency besides Chroma: ``check`` raises while it cannot be used. ``label`` is how
    a message names it; ``where`` says where it is, without credentials."""

    name: str
    label: str
    check: Callable[[], object]
    where: str = ""


@dataclass(frozen=True)
class HealthReport:
    ok: bool
    checks: dict[str, dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, **self.checks}


class Health:
    """``stats`` and ``heartbeat`` read Chroma; ``slack_connected`` is None in HTTP mode (Slack
    calls us, there is no connection of ours to check)."""

    def __init__(
        self,
        stats: Callable[[], IndexStats],
        heartbeat: Callable[[], object],
        *,
        chroma_url: str | None = None,
        slack_connected: Callable[[], bool] | None = None,
        probes: Sequence[Probe] = (),
        cache_s: float = CACHE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stats = stats
        self._heartbeat = heartbeat
        self._chroma = _chroma_description(chroma_url)
        self._slack_connected = slack_connected
        self._probes = list(probes)
        self._cache_s = cache_s
        self._clock = clock
        self._lock = threading.Lock()
        self._cached: tuple[float, HealthReport] | None = None

    def report(self) -> HealthReport:
        """The latest report, recomputed at most once per ``cache_s`` whatever the probe rate."""
        with self._lock:
            now = self._clock()
            if self._cached is None or now - self._cached[0] >= self._cache_s:
                self._cached = (now, self._check())
            return self._cached[1]

    def _check(self) -> HealthReport:
        chroma = dict(self._chroma)
        try:
            self._heartbeat()
            chroma["ok"] = True
        except Exception as exc:
            chroma.update(ok=False, error=_one_line(exc))
        checks: dict[str, dict[str, Any]] = {"index": self._index(chroma["ok"]), "chroma": chroma}
        for probe in self._probes:
            checks[probe.name] = _probe(probe)
        checks["slack"] = self._slack()
        return HealthReport(all(c["ok"] for c in checks.values()), checks)

    def _index(self, reachable: bool) -> dict[str, Any]:
        if not reachable:
            return {"ok": False, "error": "unknown: Chroma is unreachable"}
        try:
            stats = self._stats()
        except Exception as exc:
            return {"ok": False, "error": _one_line(exc)}
        index: dict[str, Any] = {
            "ok": stats.items > 0,
            "items": stats.items,
            "meetings": stats.meetings,
            "last_indexed": stats.last_indexed,
        }
        if not stats.items:
            index["error"] = "empty: run `minutes-bot index <folder>`"
        return index

    def _slack(self) -> dict[str, Any]:
        if self._slack_connected is None:
            return {"ok": True, "mode": "http"}
        try:
            connected = bool(self._slack_connected())
        except Exception:
            connected = False
        return {"ok": connected, "mode": "socket", "connected": connected}


def _probe(probe: Probe) -> dict[str, Any]:
    out: dict[str, Any] = {"url": probe.where} if probe.where else {}
    try:
        probe.check()
        out["ok"] = True
    except Exception as exc:
        out.update(ok=False, error=_one_line(exc))
    return out


def _chroma_description(url: str | None) -> dict[str, Any]:
    """Where Chroma is, without any credentials a URL might carry."""
    if not url:
        return {"mode": "embedded"}
    return {"mode": "server", "url": without_credentials(url)}
    parts = urlparse(url)
    port = f":{parts.port}" if parts.port else ""
    return {"mode": "server", "url": f"{parts.scheme}://{parts.hostname}{port}"}


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
