"""What ``minutes-bot sync`` runs after each sync, beside printing its summary.

The Slack side (digests of new resolutions and actions, ``/minutes watch`` alerts) plugs in
here: :func:`sync_hook` returns a callable taking the :class:`~index.sync.SyncReport`, or None
when nothing is configured, so ``sync`` works with no Slack at all. The hook is called after
every sync, including one that failed (``report.aborted``) or failed some meetings
(``report.failed``); a hook that raises is reported as one warning line and does not change
the exit code.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.settings import Settings
from index.sync import SyncReport

SyncHook = Callable[[SyncReport], None]


def sync_hook(settings: Settings) -> SyncHook | None:
    """The after-sync hook these settings call for; none yet (the Slack digest goes here)."""
    del settings
    return None
