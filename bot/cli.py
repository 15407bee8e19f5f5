"""``minutes-bot index | sync | ask | serve | eval``: everything the bot does, from a terminal."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bot.settings import Settings
from index.errors import MinutesBotError

app = typer.Typer(
    help="Answer what public boards decided, quoting their minutes word for word.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Index folder (default $MINUTES_BOT_DATA_DIR or ./.minutes-bot)."
    ),
]
ChromaUrl = Annotated[
    str | None,
    typer.Option("--chroma-url", help="Chroma server URL (default $MINUTES_BOT_CHROMA_URL)."),
]


def load_settings(
    data_dir: Path | None = None,
    chroma_url: str | None = None,
    *,
    sync_delay: float | None = None,
    sync_timeout: float | None = None,
) -> Settings:
    """The environment's settings with the command line's options over them."""
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if chroma_url is not None:
        overrides["chroma_url"] = chroma_url
    if sync_delay is not None:
        overrides["sync_delay"] = sync_delay
    if sync_timeout is not None:
        overrides["sync_timeout"] = sync_timeout
    settings = Settings(**overrides)
    from index.embeddings import configure_model_cache

    configure_model_cache(settings.data_dir / "models")
    return settings


@app.command()
def index(
    paths: Annotated[list[Path], typer.Argument(help="Minutes files or folders.")],
    data_dir: DataDir = None,
    chroma_url: ChromaUrl = None,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="Also remove from the index files deleted from these folders."
        ),
    ] = False,
) -> None:
    """Parse minutes and add them to the index; unchanged files are left as they are.

    Exit codes: 0 indexed (maybe with warnings), 1 nothing could be indexed, 2 usage or
    configuration error, 3 a named path does not exist, 4 the index could not be written.
    """
    from bot.index_report import ExitCode, exit_code, print_summary
    from index.errors import IndexWriteError
    from index.indexer import index_paths

    settings = load_settings(data_dir, chroma_url)
    show_progress = sys.stdout.isatty() if progress is None else progress
    try:
        summary = index_paths(paths, settings, progress=show_progress, prune=prune)
    except IndexWriteError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(ExitCode.INDEX_WRITE) from None
    print_summary(summary, console)
    raise typer.Exit(exit_code(summary))


@app.command()
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
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
) -> None:
    """Fill the index from a council's modern.gov site and keep it current.

    Reads committees, meetings and published minutes through the site's web service (or its
    public pages where the service is off), one request at a time; a second run fetches and
    indexes only what is new or changed, removes what left the site and marks draft minutes.
    Exit codes: 0 synced (failed meetings are listed), 1 nothing could be synced, 2 usage or
    configuration error, 4 the index could not be written. See docs/sync.md.
    """
    from datetime import date

    from bot.index_report import ExitCode
    from bot.schedule import StopLoop, parse_every, run_every, sigterm_interrupts
    from bot.sync_report import print_sync_summary, sync_exit_code
    from index.errors import IndexWriteError
    from index.sync import sync_site

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
            )
        except IndexWriteError as exc:
            typer.echo(f"error: {exc}", err=True)
            return ExitCode.INDEX_WRITE
        print_sync_summary(report, console)
        if on_synced is not None:
            try:
                on_synced(report)
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


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question about what was decided.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    limit: Annotated[int | None, typer.Option(help="How many agenda items to show.")] = None,
    data_dir: DataDir = None,
    chroma_url: ChromaUrl = None,
) -> None:
    """Answer a question with quoted resolutions, action owners and source links."""
    from bot.answer.render import answer_json, answer_text
    from bot.answer.service import Answerer
    from index.errors import IndexUnavailableError, is_unavailable

    settings = load_settings(data_dir, chroma_url)
    where = f"Chroma at {settings.chroma_url}" if settings.chroma_url else "the index"
    try:
        # Answers once: the dense search scores the saved vectors rather than load Chroma's
        # HNSW index, most of a cold ask at 100k items (bot.search.dense.DenseSearcher.exact).
        answerer = Answerer(settings, exact_dense=True)
        if answerer.store.unit_count() == 0:
            typer.echo(
                f"error: the index is empty ({where}, collection {settings.collection!r}):"
                " run `minutes-bot index <folder>` first",
                err=True,
            )
            raise typer.Exit(2)
        answer = answerer.ask(question, limit=limit)
    except Exception as exc:
        if not is_unavailable(exc):
            raise
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise IndexUnavailableError(where, detail) from None
    if as_json:
        sys.stdout.write(answer_json(answer) + "\n")
    else:
        sys.stdout.write(answer_text(answer))


@app.command()
def serve(data_dir: DataDir = None, chroma_url: ChromaUrl = None) -> None:
    """Run the Slack bot (Socket Mode if SLACK_APP_TOKEN is set, else HTTP).

    Exits 2 with one line if a variable is missing or Slack refuses a token; waits for a
    Chroma server that is not up yet; GET /healthz says whether it can answer.
    """
    from bot.slack.runtime.server import serve as serve_bot

    serve_bot(load_settings(data_dir, chroma_url))


@app.command(name="eval")
def evaluate(
    file: Annotated[Path, typer.Argument(help="Questions as JSON lines.")],
    index_path: Annotated[
        list[Path] | None,
        typer.Option("--index", help="Index these minutes first (repeatable)."),
    ] = None,
    misses: Annotated[bool, typer.Option(help="List the questions the pipeline missed.")] = False,
    calibrate: Annotated[
        bool, typer.Option(help="Print the abstention threshold sweep instead.")
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(help="Date for relative phrases (default: the newest indexed meeting)."),
    ] = None,
    data_dir: DataDir = None,
    chroma_url: ChromaUrl = None,
) -> None:
    """Score answers against expected items and quotes, beside dense-only and BM25-only runs."""
    from datetime import date

    from bot.eval.runner import main as run_eval

    run_eval(
        file,
        load_settings(data_dir, chroma_url),
        index=index_path or (),
        today=date.fromisoformat(today) if today else None,
        show_misses=misses,
        do_calibrate=calibrate,
    )


def main() -> None:
    logging.basicConfig(level=os.environ.get("MINUTES_BOT_LOG_LEVEL", "WARNING"))
    try:
        app()
    except MinutesBotError as exc:
        # soft_wrap: one line whatever the width, so a log reader sees the whole message on it
        err_console.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise SystemExit(2) from exc


if __name__ == "__main__":
    main()
