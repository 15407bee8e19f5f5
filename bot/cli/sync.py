"""``minutes-bot sync``: fill the index from a modern.gov site, once or on a schedule
(:mod:`.schedule`), telling Slack what is new with ``--notify`` (what it prints and exits with:
:mod:`.sync_report`)."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from bot.cli.app import console
from bot.cli.options import ChromaUrl, DataDir, Progress, load_settings


def sync(
    site_url: Annotated[
        str, typer.Argument(help="The modern.gov site, e.g. https://democracy.example.gov.uk/")
    ],
    committee: Annotated[
        list[str] | None,
        typer.Option("--committee", help="Only this committee, by name or ID (repeatable)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Meetings held on or after this date, YYYY-MM-DD (default: a year ago)."),
    ] = None,
    full: Annotated[
        bool,
        typer.Option("--full", help="Re-check every meeting, old approved minutes too."),
    ] = False,
    every: Annotated[
        str | None,
        typer.Option("--every", help="Sync again at this interval (30m, 6h, 1d) until stopped."),
    ] = None,
    runs: Annotated[
        int | None, typer.Option("--runs", min=1, help="With --every: stop after this many.")
    ] = None,
    notify: Annotated[
        bool,
        typer.Option(
            "--notify",
            help="After each sync, post what is new to Slack: the digest to "
            "$MINUTES_BOT_DIGEST_CHANNEL and watched topics to their channels.",
        ),
    ] = False,
    council: Annotated[
        str | None,
        typer.Option(
            "--council",
            help="The council whose site this is, named before each of its bodies "
            "(default: read from the site's page titles or host name).",
        ),
    ] = None,
    allow_removals: Annotated[
        bool,
        typer.Option(
            "--allow-removals",
            help="Remove meetings even when a committee's whole listing or half the site left.",
        ),
    ] = False,
    delay: Annotated[
        float | None,
        typer.Option(
            min=0, help="Seconds between requests (default $MINUTES_BOT_SYNC_DELAY, 0.5)."
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(min=0.1, help="Seconds to wait for a page (default 60)."),
    ] = None,
    data_dir: DataDir = None,
    chroma_url: ChromaUrl = None,
    progress: Progress = None,
) -> None:
    """Fill the index from a council's modern.gov site and keep it current.

    Reads committees, meetings and published minutes through the site's web service (or its
    public pages where the service is off), one request at a time; a second run fetches and
    indexes only what is new or changed, removes what left the site and marks draft minutes.
    Exit codes: 0 synced (failed meetings are listed), 1 nothing could be synced, 2 usage or
    configuration error, 4 the index could not be written, 5 removals held back as a site
    fault (confirm with --allow-removals). See docs/sync.md.
    """
    from datetime import date

    from bot.cli.index_report import ExitCode
    from bot.cli.schedule import StopLoop, parse_every, run_every, sigterm_interrupts
    from bot.cli.sync_report import print_sync_summary, sync_exit_code
    from index.errors import DiskFullError, IndexWriteError
    from index.sync import mark_announced, sync_site

    try:
        start = date.fromisoformat(since) if since else None
    except ValueError:
        raise typer.BadParameter(
            f"{since!r} is not a YYYY-MM-DD date", param_hint="--since"
        ) from None
    try:
        interval = parse_every(every) if every else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    if runs is not None and interval is None:
        raise typer.BadParameter("only with --every", param_hint="--runs")
    settings = load_settings(data_dir, chroma_url, sync_delay=delay, sync_timeout=timeout)
    show_progress = sys.stdout.isatty() if progress is None else progress
    on_synced = None
    store = None
    if notify:  # Slack only when asked: sync itself needs no token
        from bot.slack.watches.notify import sync_notifier
        from index.indexer import open_indexer

        try:
            store = open_indexer(settings).store
        except IndexWriteError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(ExitCode.INDEX_WRITE) from None
        on_synced = sync_notifier(settings, store)  # checks the token before any syncing

    def once() -> int:
        try:
            report = sync_site(
                site_url,
                settings,
                committees=committee or (),
                since=start,
                full=full,
                progress=show_progress,
                store=store,
                allow_removals=allow_removals,
                announce=on_synced is not None,
                council=council,
            )
        except DiskFullError as exc:
            typer.echo(
                f"error: disk full while writing the index in {exc.where}: free some space and "
                "run sync again (meetings already synced are kept)",
                err=True,
            )
            return ExitCode.INDEX_WRITE
        except IndexWriteError as exc:
            typer.echo(f"error: {exc}", err=True)
            return ExitCode.INDEX_WRITE
        print_sync_summary(report, console)
        if on_synced is not None:
            try:
                on_synced(report.to_announce())  # this run's news and any a killed run left
                mark_announced(settings, report)
            except Exception as exc:  # the index is right already; say so and carry on
                logging.getLogger(__name__).exception("after-sync hook failed")
                typer.echo(f"warning: after-sync hook failed: {exc}", err=True)
        return sync_exit_code(report)

    def waiting(until: object) -> None:
        typer.echo(f"next sync at {until:%Y-%m-%d %H:%M:%S} UTC")

    with sigterm_interrupts():
        try:
            if interval is None:
                code = once()
            else:
                code = run_every(once, interval, runs=runs, on_wait=waiting)
        except StopLoop:
            typer.echo("stopped")
            code = ExitCode.OK
        except KeyboardInterrupt:
            typer.echo("interrupted: what was stored is kept; run sync again to finish", err=True)
            code = 130
    raise typer.Exit(code)
