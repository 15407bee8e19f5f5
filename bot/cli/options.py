"""Options more than one command takes, and the settings they override."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from bot.settings import Settings

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
Progress = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
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
