"""Minutes are untrusted: escape sequences in them never reach the officer's terminal."""

from __future__ import annotations

from prompts import render
from prompts.terminal_text import printable

HOSTILE = (
    "A\x1b[2J\x1b]0;pwned\x07B\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\C\r\x00\x07\x9b1mD"
)


def test_printable_removes_sequences_and_controls_but_keeps_lines_and_tabs() -> None:
    assert printable(HOSTILE) == "ABlinkCD"
    assert printable("line one\n\tline two") == "line one\n\tline two"
    assert printable(None) == ""


def test_every_terminal_expression_is_printable() -> None:
    text = render("terminal/no_match.txt.j2", answer=_answer())
    assert "\x1b" not in text and "\x07" not in text
    assert "pwned" not in text


def _answer():
    from bot.answer.models import Answer

    return Answer(
        question=f"what about {HOSTILE}?",
        searched={"meetings": 0, "items": 0, "bodies": [], "first_date": None, "last_date": None},
    )
