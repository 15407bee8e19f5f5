"""``minutes-bot eval``: score answers against expected items and quotes (:mod:`bot.eval`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.options import ChromaUrl, DataDir, load_settings


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
