"""`minutes-bot index` then `ask` over the five real seed pages: real parser, model and Chroma."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_index(shared_dir: Path, tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("seeds-index")
    result = runner.invoke(
        app,
        ["index", "--data-dir", str(data_dir), str(shared_dir / "seeds")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stdout
    return data_dir


def ask_json(data_dir: Path, question: str) -> dict:
    result = runner.invoke(
        app, ["ask", "--json", "--data-dir", str(data_dir), question], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


def assert_quotes_verbatim(match: dict) -> None:
    source = Path(match["source_path"]).read_text(encoding="utf-8")
    for quote in [r["text"] for r in match["resolutions"]] + [a["text"] for a in match["actions"]]:
        assert quote in source


def test_index_summary_counts_the_seeds(shared_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["index", "--data-dir", str(tmp_path), str(shared_dir / "seeds")],
        catch_exceptions=False,
    )
    rows = dict(
        line.strip("│ ").split("│")[0:2]
        for line in result.stdout.splitlines()
        if line.count("│") == 3
    )
    counts = {key.strip(): int(value) for key, value in rows.items() if value.strip().isdigit()}
    assert counts["files"] == 5
    assert counts["indexed"] == 5
    assert counts["skipped"] == 0
    assert counts["agenda items"] == 4 + 7  # four item pages + Chorley's 38, 38a, 38b, 39–42
    assert counts["resolutions"] >= 8 + 4 + 2 + 1
    assert counts["actions"] >= 5 + 2 + 1


def test_who_is_to_update_on_the_locality_plan(seeds_index: Path) -> None:
    answer = ask_json(seeds_index, "who is to provide an update on the locality plan?")
    top = answer["matches"][0]
    assert top["source_path"].endswith("003_99eec72df34b4b3d.txt")
    owners = {a["owner"]: a for a in top["actions"]}
    action = owners["Director of Integrated Health and Social Care Strategy"]
    assert action["text"] == (
        "That the Director of Integrated Health and Social Care Strategy is to provide an "
        "update in three months."
    )
    assert "three months" in action["due"]
    assert_quotes_verbatim(top)


def test_what_the_kent_board_agreed_about_the_shared_delivery_plan(seeds_index: Path) -> None:
    answer = ask_json(seeds_index, "what did the Kent board agree about the shared delivery plan?")
    top = answer["matches"][0]
    assert top["source_path"].endswith("002_51ef31674b38fc82.txt")
    labels = [r["label"] for r in top["resolutions"]]
    assert labels == ["(a)", "(b)", "(c)", "(d)"]
    assert top["resolutions"][2]["text"] == (
        "Support the continued development of the Shared Delivery Plan, alongside the log-frame "
        "matrix, to support assurance on delivery of the Integrated Care Strategy"
    )  # the list's joining "; and" is not part of the resolution
    assert_quotes_verbatim(top)
    assert top["link"].startswith(str(Path(top["source_path"])))


def test_terminal_answer_quotes_the_resolution_with_body_date_and_link(seeds_index: Path) -> None:
    result = runner.invoke(
        app,
        [
            "ask",
            "--data-dir",
            str(seeds_index),
            "who will bring the high intensity users proposal back?",
        ],
        catch_exceptions=False,
    )
    text = result.stdout
    assert "Chorley Public Services Reform Executive, 19 July 2016" in text
    assert "Dr Khandavalli" in text
    assert (
        "Action Dr Dr Khandavalli to bring the proposal back to the Executive in September" in text
    )
    # named by its document and item number, never by the file's path on the server
    assert "Source: Chorley Public Services Reform Executive - Tuesday, 19th July 2016" in text
    assert "/seeds/" not in text and "#item-" not in text


def test_unrelated_question_says_no_decision_found(seeds_index: Path) -> None:
    answer = ask_json(
        seeds_index, "What was the outcome of the air quality action plan vote in Slough?"
    )
    assert answer["found"] is False
    assert answer["matches"] == []


def test_installed_console_script_answers(seeds_index: Path) -> None:
    """The `minutes-bot` command as a user types it, in its own process."""
    exe = Path(sys.executable).with_name("minutes-bot")
    env = {**os.environ, "MINUTES_BOT_DATA_DIR": str(seeds_index)}
    done = subprocess.run(
        [
            str(exe),
            "ask",
            "--json",
            "what did the Kent board agree about the shared delivery plan?",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    assert json.loads(done.stdout)["matches"][0]["source_path"].endswith("002_51ef31674b38fc82.txt")


def test_a_question_naming_an_items_whole_title_finds_that_item_first(seeds_index: Path) -> None:
    # "LOCALITY PLAN" is the item's whole title; a longer item mentions the locality plan once
    answer = ask_json(
        seeds_index, "did trafford's health and wellbeing board sign off the locality plan?"
    )
    assert answer["matches"][0]["item_title"] == "LOCALITY PLAN"
