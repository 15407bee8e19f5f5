"""``minutes-bot index``: parse minutes files into the index (what it prints and exits with:
:mod:`.index_report`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.app import console
from bot.cli.options import ChromaUrl, DataDir, Progress, load_settings


def index(
    paths: Annotated[list[Path], typer.Argument(help="Minutes files or folders.")],
    data_dir: DataDir = None,
    chroma_url: ChromaUrl = None,
    progress: Progress = None,
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
    from bot.cli.index_report import ExitCode, exit_code, print_summary
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
