"""What ``minutes-bot sync`` prints and the exit code it ends with (docs/exit-codes.md).

- 0: the site was read; meetings that failed are listed one per line but, like skipped files
  in ``index``, do not fail a run that read the rest;
- 1: nothing could be synced: the site could not be read at all (no committees from the web
  service or the pages, robots.txt refuses us, another sync holds the site), or every
  meeting that had to be fetched failed;
- 2: usage or configuration error (a bad URL, date or ``--committee``);
- 4: the index could not be written (disk full, Chroma unreachable); a re-run carries on;
- 5: removals held back as a site fault (a committee's listing emptied, half the site at once).
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.index_report import ExitCode
from index.sync import SyncReport


def sync_exit_code(report: SyncReport) -> ExitCode:
    if report.aborted:
        return ExitCode.NOTHING_INDEXED
    if report.withheld:
        return ExitCode.REMOVALS_WITHHELD
    if report.failed and report.meetings_read == 0:
        return ExitCode.NOTHING_INDEXED
    return ExitCode.OK


def print_sync_summary(report: SyncReport, console: Console) -> None:
    """The table, then one line per note, warning and failure (stdout); the abort on stderr."""
    table = Table(title=f"Sync summary: {report.site}", show_header=False)
    if report.mode:
        table.add_row("read from", report.mode)
    table.add_row("committees", str(report.committees))
    table.add_row("meetings new", str(report.meetings_new))
    table.add_row("meetings changed", str(report.meetings_changed))
    table.add_row("meetings removed", str(report.meetings_removed))
    table.add_row("meetings unchanged", str(report.meetings_unchanged))
    table.add_row("meetings not re-checked", str(report.meetings_settled))
    table.add_row("meetings without minutes", str(report.meetings_without_minutes))
    table.add_row("failed", str(len(report.failed)))
    table.add_row("items new", str(len(report.new_item_ids)))
    table.add_row("items changed", str(len(report.changed_item_ids)))
    table.add_row("items removed", str(len(report.removed_item_ids)))
    table.add_row("requests", str(report.requests))
    table.add_row("not modified (304)", str(report.not_modified))
    console.print(table)
    # typer.echo, not rich: each line must stay whole for grep and log collectors.
    for line in report.notes:
        typer.echo(f"note: {line}")
    for line in report.warnings:
        typer.echo(f"warning: {line}")
    for url, reason in report.failed:
        typer.echo(f"failed {url}: {reason}")
    for line in report.withheld:
        typer.echo(f"error: site fault: {line}", err=True)
    if report.aborted:
        typer.echo(f"error: nothing could be synced: {report.aborted}", err=True)
    elif report.failed and report.meetings_read == 0:
        typer.echo(
            f"error: nothing could be synced: all {len(report.failed)} fetches failed", err=True
        )
