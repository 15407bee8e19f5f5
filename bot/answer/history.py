"""Decision history: "what has the board decided about X over time?".

The answer is the matching items across meetings in date order, oldest first, each with its
quoted resolutions and link, so a reader sees how a decision developed (a committee's
recommendation, then the council's decision) rather than one item out of context.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.models import ItemMatch

HISTORY_ITEMS = 5  # with the default of 3 answers, history still spans a few meetings


def in_date_order(matches: Sequence[ItemMatch]) -> list[ItemMatch]:
    """Items that quote something, oldest meeting first; undated items go last, by score."""
    quoted = [m for m in matches if m.resolutions or m.actions or m.votes or m.passages]
    dated = sorted((m for m in quoted if m.meeting_date), key=lambda m: str(m.meeting_date))
    undated = [m for m in quoted if not m.meeting_date]
    return dated + undated
