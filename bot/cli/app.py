"""The one Typer app every ``minutes-bot`` command registers on, and where it prints."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    help="Answer what public boards decided, quoting their minutes word for word.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)
