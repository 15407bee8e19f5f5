"""``minutes-bot sync --every 6h``: run a job on a fixed interval until stopped or bounded.

Runs never overlap: the next one starts ``interval`` after the previous one *started*, or at
once if that one took longer. ``runs`` bounds the loop; SIGTERM (``docker stop``, Kubernetes)
and Ctrl-C stop it: while waiting, at once and cleanly; during a run, by interrupting it,
which is safe because a sync re-run carries on where an interrupted one stopped.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import FrameType

_EVERY_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL = 1.0
MAX_INTERVAL = 31 * 86400.0


class StopLoop(Exception):
    """The loop was asked to stop while it was waiting; the exit is clean."""


def parse_every(text: str) -> float:
    """Seconds in ``30m``, ``6h``, ``1d`` (or ``90s``); ValueError says what is accepted."""
    match = _EVERY_RE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an interval like 30m, 6h or 1d")
    seconds = float(match[1]) * _UNITS[match[2].lower()]
    if not MIN_INTERVAL <= seconds <= MAX_INTERVAL:
        raise ValueError(f"{text!r} is out of range (1s to 31d)")
    return seconds


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, so a stop from docker or Kubernetes is a Ctrl-C."""

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_every(
    job: Callable[[], int],
    interval: float,
    *,
    runs: int | None = None,
    on_wait: Callable[[datetime], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run ``job`` (which returns an exit code) every ``interval`` seconds; the last code.

    Raises :class:`StopLoop` (carrying nothing) when stopped while waiting, and lets a
    KeyboardInterrupt raised during ``job`` through.
    """
    done = 0
    while True:
        started = time.monotonic()
        code = job()
        done += 1
        if runs is not None and done >= runs:
            return code
        wait = max(0.0, interval - (time.monotonic() - started))
        try:
            # on_wait inside: a signal that lands just after it announced the wait (while
            # another thread holds the GIL, before sleep starts) is still a stop while waiting
            if on_wait:
                on_wait(datetime.now(UTC) + timedelta(seconds=wait))
            sleep(wait)
        except KeyboardInterrupt:
            raise StopLoop from None
