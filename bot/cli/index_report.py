"""What ``minutes-bot index`` prints and the exit code it ends with, for people and for cron.

The exit code is the only thing cron, compose and CI look at, so it must say whether the run
did its job (docs/exit-codes.md lists them):

- 0: every named path exists and at least one file is in the index (newly indexed or
  unchanged); skipped files and warnings are listed but do not fail a partial batch;
- 1: nothing could be indexed: no minutes files were found, or every one was skipped;
- 2: usage or configuration error (Typer's own code for a bad option, and ours for a bad
  setting), before anything was indexed;
- 3: a path named on the command line does not exist (the other paths were still indexed);
- 4: the index could not be written (disk full, Chroma server unreachable); what was stored
  before the failure is kept and a re-run after the fix carries on.
"""

from __future__ import annotations

from enum import IntEnum

import typer
from rich.console import Console
from rich.table import Table

from index.indexer import STATUS_INDEXED, STATUS_UNCHANGED, IndexSummary


class ExitCode(IntEnum):
    OK = 0
    NOTHING_INDEXED = 1
    USAGE = 2
    MISSING_PATH = 3
    INDEX_WRITE = 4
    REMOVALS_WITHHELD = 5


def exit_code(summary: IndexSummary) -> ExitCode:
    """A missing path outranks "nothing indexed": it names the likelier cause (a lost mount)."""
    if summary.missing:
        return ExitCode.MISSING_PATH
    if summary.in_index == 0:
        return ExitCode.NOTHING_INDEXED
    return ExitCode.OK


def print_summary(summary: IndexSummary, console: Console) -> None:
    """The table, then one line per warning and per skipped file (stdout), then errors (stderr)."""
    table = Table(title="Index summary", show_header=False)
    table.add_row("files", str(len(summary.outcomes)))
    table.add_row("indexed", str(summary.count(STATUS_INDEXED)))
    table.add_row("unchanged", str(summary.count(STATUS_UNCHANGED)))
    table.add_row("skipped", str(len(summary.skipped)))
    table.add_row("agenda items", str(summary.total("items")))
    table.add_row("resolutions", str(summary.total("resolutions")))
    table.add_row("actions", str(summary.total("actions")))
    if summary.removed:
        table.add_row("removed", str(len(summary.removed)))
    encodings = summary.encodings()
    if encodings:
        table.add_row("encodings", ", ".join(f"{name} {n}" for name, n in encodings.most_common()))
    if summary.warnings:
        table.add_row("warnings", str(len(summary.warnings)))
    console.print(table)
    # typer.echo, not the rich console: a rich console wraps long lines, and each of these
    # must stay one line that grep and a log collector can take whole.
    for line in summary.warnings:
        typer.echo(f"warning: {line}")
    for outcome in summary.skipped:
        typer.echo(f"skipped {outcome.path}: {outcome.reason}")
    for path in summary.removed:
        typer.echo(f"removed {path}: no longer on disk")
    for path in summary.missing:
        typer.echo(f"error: {path}: no such file or directory", err=True)
    if summary.in_index == 0 and (summary.outcomes or not summary.missing):
        if summary.outcomes:
            why = f"all {len(summary.outcomes)} files were skipped"
        else:
            why = "no minutes files were found"
        typer.echo(f"error: nothing could be indexed: {why}", err=True)
