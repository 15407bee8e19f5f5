"""A "when" answer prints its date the way minutes do, in the terminal and in Slack: a date
phrase from the minutes as written, a meeting's ISO date as "12 January 2011"."""

from __future__ import annotations

import pytest

from bot.answer.models import Lead, LeadKind
from prompts import environment, render


def dated(when: str | None) -> Lead:
    return Lead(
        kind=LeadKind.DATE,
        quote="Award a five year contract for parking garage management.",
        item_id="i1",
        link="https://example.invalid/i1",
        body="Riverside City Council",
        meeting_date="2011-01-12",
        when=when,
    )


@pytest.mark.parametrize("template", ["terminal/lead.txt.j2", "slack/lead.txt.j2"])
@pytest.mark.parametrize(
    ("when", "shown"),
    [
        ("2011-01-12", "12 January 2011"),
        ("June 2024", "June 2024"),
        ("by the end of March", "by the end of March"),
        (None, "12 January 2011"),
    ],
)
def test_the_date_is_printed_as_minutes_print_it(template: str, when: str | None, shown: str):
    if template.startswith("terminal/"):  # a macro, called by the answer template
        line = str(environment().get_template(template).module.lead_line(dated(when)))
    else:
        line = render(template, lead=dated(when))
    assert f"{shown}" in line.split("—")[0]
    assert "2011-01-12" not in line
