"""Options more than one command takes, and the settings they override."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import AliasChoices, ValidationError

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
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:  # one line naming the variable, never its value
        typer.echo(f"error: {_bad_setting(exc)}", err=True)
        raise typer.Exit(2) from None
    from index.embeddings import configure_model_cache

    configure_model_cache(settings.data_dir / "models")
    return settings


def _bad_setting(exc: ValidationError) -> str:
    """``PORT is not valid (Input should be a valid integer)``: pydantic's ``msg`` words the
    rule, not the input (which may be a secret), so it is safe to show."""
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    info = Settings.model_fields.get(field)
    alias = info.validation_alias if info is not None else None
    if isinstance(alias, AliasChoices):
        name = str(alias.choices[0])
    else:
        name = f"{Settings.model_config.get('env_prefix', '')}{field}".upper()
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{name} is not valid ({error['msg']}){more}"
