"""Due phrases as the minutes print them, read against the date of the meeting that set them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.register.due import add_months, next_meeting_after, resolve_due

MEETING = dt.date(2024, 2, 6)
NEXT = dt.date(2024, 4, 16)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("in six months", dt.date(2024, 8, 6)),
        ("within 3 months", dt.date(2024, 5, 6)),
        ("in the next two weeks", dt.date(2024, 2, 20)),
        ("by the next meeting", NEXT),
        ("for the next Executive", NEXT),
        ("by the end of the financial year", dt.date(2024, 3, 31)),
        ("by the end of the year", dt.date(2024, 12, 31)),
        ("by the end of March 2025", dt.date(2025, 3, 31)),
        ("by 14th August", dt.date(2024, 8, 14)),
        ("September", dt.date(2024, 9, 30)),
        ("January", dt.date(2025, 1, 31)),  # the next January after the meeting
        ("March 2025", dt.date(2025, 3, 31)),
        ("in the summer", dt.date(2024, 8, 31)),
    ],
)
def test_phrases_resolve_to_dates(phrase: str, due: dt.date) -> None:
    assert resolve_due(phrase, MEETING, NEXT) == due


def test_what_cannot_be_read_stays_unresolved() -> None:
    assert resolve_due("by the next meeting", MEETING, None) is None  # no next meeting indexed
    assert resolve_due("as soon as possible", MEETING, NEXT) is None
    assert resolve_due("in six months", None, NEXT) is None
    assert resolve_due(None, MEETING, NEXT) is None


def test_months_keep_within_the_month_and_next_meeting_is_the_first_later_one() -> None:
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    dates = [dt.date(2024, 1, 1), MEETING, NEXT, dt.date(2024, 6, 1)]
    assert next_meeting_after(MEETING, dates) == NEXT
    assert next_meeting_after(dt.date(2024, 6, 1), dates) is None
