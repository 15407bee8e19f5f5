"""A minute carrying terminal escape codes is indexed and asked about like any other, and
`minutes-bot ask` prints its quotes without the codes (issue 8, item 8: the probe's case)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from tests.bot.cli.index_probe import minutes, run_index

pytestmark = __import__("pytest").mark.slow


def test_ask_strips_escape_codes_from_quoted_minutes(tmp_path: Path) -> None:
    text = minutes(title="PARKS \x1b[2J\x1b]0;pwned\x07MAINTENANCE CONTRACT")
    text = text.replace("twelve months.", "twelve months \x1b[31m(red)\x1b[0m.")
    # A real page is long: a few codes in it are not a binary file (the decoder allows 1 %).
    filler = "Members discussed grass cutting, litter bins and the play areas in each ward. " * 12
    text = text.replace("Minutes:\n", f"Minutes:\n\n{filler}\n")
    source = tmp_path / "minutes" / "parks.txt"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    assert run_index(tmp_path / "idx", source).exit_code == 0

    result = CliRunner().invoke(
        app,
        ["ask", "--data-dir", str(tmp_path / "idx"), "what was resolved about the parks contract?"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "extended for twelve months" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "pwned" not in result.output
