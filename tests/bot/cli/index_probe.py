"""Shared by the hostile-input CLI tests: fictional minutes, one `index` call, the stored items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import Settings
from index.store import open_store

MINUTES = """Agenda item

{title}

Minutes:

Councillor O’Farrell presented the options for the {topic}.

RESOLVED:

1)    That the {topic} be extended for twelve months.

2)    That the Head of Green Spaces is to report back in six months.

Supporting documents:
"""


def minutes(title: str = "PARKS MAINTENANCE CONTRACT", topic: str = "parks contract") -> str:
    return MINUTES.format(title=title, topic=topic)


def run_index(data_dir: Path, *paths: Path | str, extra: tuple[str, ...] = ()) -> Result:
    """``minutes-bot index --no-progress --data-dir DIR PATH…``; an uncaught exception fails."""
    args = ["index", "--no-progress", "--data-dir", str(data_dir), *extra, *map(str, paths)]
    return CliRunner().invoke(app, args, catch_exceptions=False)


def stored_items(data_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """(verbatim item text, metadata) for every agenda item in the index at ``data_dir``."""
    got = open_store(Settings(data_dir=data_dir)).items.get(include=["documents", "metadatas"])
    return [
        (doc or "", dict(meta or {}))
        for doc, meta in zip(got["documents"], got["metadatas"], strict=True)
    ]


def summary_row(stdout: str, name: str) -> str:
    """The value cell of one row of the summary table (``indexed`` → ``"3"``)."""
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        if len(cells) == 2 and cells[0] == name:
            return cells[1]
    raise AssertionError(f"no {name!r} row in:\n{stdout}")


OTHER_BUSINESS = [
    ("LIBRARY OPENING HOURS", "library opening hours review"),
    ("WINTER GRITTING ROUTES", "winter gritting routes"),
    ("BUS SHELTER REPAIRS", "bus shelter repair programme"),
    ("ALLOTMENT RENTS", "allotment rents for next year"),
]


def write_other_business(folder: Path) -> None:
    """Four unrelated items beside a test's own, so that the words of its topic are not in
    every item (in a two-item index every shared word has no weight)."""
    for n, (title, topic) in enumerate(OTHER_BUSINESS):
        (folder / f"board-2025-0{n + 4}-01.txt").write_text(minutes(title=title, topic=topic))


def index_beside_other_business(
    tmp_path_factory: pytest.TempPathFactory, name: str, files: dict[str, str]
) -> Path:
    """An index of a test module's own minutes (file name → text) beside the other business
    (:func:`write_other_business`); indexing must exit 0."""
    folder = tmp_path_factory.mktemp(name)
    for file_name, text in files.items():
        (folder / file_name).write_text(text)
    write_other_business(folder)
    data = tmp_path_factory.mktemp(f"{name}-index")
    assert run_index(data, folder).exit_code == 0
    return data


def ask_cli(data_dir: Path, question: str, *extra: str) -> str:
    """``minutes-bot ask [EXTRA…]`` over the index at ``data_dir``: its output; it must exit 0."""
    result = CliRunner().invoke(
        app, ["ask", *extra, "--data-dir", str(data_dir), question], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


def ask_json(data_dir: Path, question: str) -> dict[str, Any]:
    """``minutes-bot ask --json`` over the index at ``data_dir``, parsed; it must exit 0."""
    answer: dict[str, Any] = json.loads(ask_cli(data_dir, question, "--json"))
    return answer
