"""``minutes-bot index | sync | ask | serve | eval | actions``: everything the bot does, from a
terminal.

One module a command (:mod:`.index`, :mod:`.sync`, :mod:`.ask`, :mod:`.serve`,
:mod:`.evaluate`, :mod:`.actions`), all registered here on the one Typer app (:mod:`.app`); what the index and
sync commands print and exit with is in :mod:`.index_report` and :mod:`.sync_report`.
"""

from __future__ import annotations

import logging
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bot.cli import actions, ask, evaluate, index, serve, sync
from bot.cli.app import app, err_console
from index.errors import MinutesBotError
from index.settings import IndexSettings

__all__ = ["app", "main"]

# In the order ``minutes-bot --help`` lists them.
app.command()(index.index)
app.command()(sync.sync)
app.command()(ask.ask)
app.command()(serve.serve)
app.command(name="eval")(evaluate.evaluate)
app.command()(actions.actions)


def main() -> None:
    logging.basicConfig(level=IndexSettings().log_level.upper())
    try:
        app()
    except MinutesBotError as exc:
        # soft_wrap: one line whatever the width, so a log reader sees the whole message on it
        err_console.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise SystemExit(2) from exc
