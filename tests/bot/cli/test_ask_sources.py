"""Issue 22, point 4, through ``minutes-bot ask``: an answer from minutes indexed from files
names each source by its document and item number (never the file's path on the server), a
page that states no body says so in words, and a question naming a body the index does not
hold is refused with what it holds (fictional minutes, tests/fixtures/replies)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_cli as ask
from tests.bot.cli.index_probe import run_index
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served_minutes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(data dir, the folder on the "server" the minutes were indexed from)."""
    folder = tmp_path_factory.mktemp("srv") / "minutes"
    folder.mkdir()
    for path in (FIXTURES / "replies").glob("*.txt"):
        shutil.copy(path, folder / path.name)
    data = tmp_path_factory.mktemp("sources")
    assert run_index(data, folder).exit_code == 0
    return data, folder


def test_the_terminal_names_files_by_document_and_item_not_by_path(served_minutes) -> None:
    data, folder = served_minutes
    text = ask(data, "What did Cabinet decide about the Saltmere sea wall?")
    first = text.split("\n\nSupporting item")[0]
    assert first.startswith("Answer: “approve capital expenditure of £3.4 million")
    assert first.endswith(
        "(Ashwick County Council Cabinet, 5 June 2025; "
        "Ashwick County Council Cabinet – 5 June 2025, item 51)"
    )
    assert "    Source: Ashwick County Council Cabinet – 5 June 2025, item 51\n" in text
    assert str(folder) not in text and "#item-" not in text


def test_a_page_that_states_no_body_says_so(served_minutes) -> None:
    data, folder = served_minutes
    text = ask(data, "What did the Saltmere board decide about the harbour wall repairs?")
    assert "(body not stated in the minutes, date not stated; harbour_item.txt)" in text
    assert "[1] body not stated in the minutes, date not stated\n" in text
    assert "Unknown body" not in text and str(folder) not in text


def test_a_body_the_index_does_not_hold_is_refused(served_minutes) -> None:
    data, _ = served_minutes
    question = "What did Saltmere's cabinet decide about the harbour wall repairs?"
    text = ask(data, question)
    assert text.startswith("I have no cabinet minutes for Saltmere.\nI have: Ashwick County")
    refusal = json.loads(ask(data, question, "--json"))["refusal"]
    assert refusal["kind"] == "unknown_body" and refusal["name"] == "Saltmere"
