"""Render cases for prompts/slack/actions/, every text field hostile: tests/prompts/
test_slack_templates.py renders them with its own hostile text and checks the escaping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.register.models import Entry, Status
from bot.register.questions import OwnerGroup, RegisterQuestion, RegisterReply


def action_cases(hostile: str) -> dict[str, list[dict[str, Any]]]:
    today = dt.date(2024, 10, 1)
    entry = Entry(
        what=f"Act {hostile}",
        quote=f"Action – {hostile}",
        owner=f"Owner {hostile}",
        owner_key="owner",
        body=f"Board {hostile}",
        meeting_date=dt.date(2024, 2, 6),
        item_title=f"Title {hostile}",
        link=f"https://democracy.example/?q={hostile}",
        source_path="x.txt",
        item_id="i1",
        due_phrase=hostile,
        due=dt.date(2024, 8, 6),
        status=Status.OPEN,
        update=f"Update {hostile}",
        update_link=f"https://democracy.example/?u={hostile}",
        update_date=dt.date(2024, 9, 10),
    )
    bare = Entry("Act", "Act", None, None, None, None, "", "", "", "i2")
    asked = RegisterQuestion(owner=hostile, today=today)
    found = RegisterReply(
        asked, today, [OwnerGroup(f"Owner {hostile}", [entry])], owner=hostile, body=hostile
    )
    unknown_owner = RegisterReply(asked, today, unknown_owner=hostile, closest=[hostile])
    unknown_body = RegisterReply(asked, today, unknown_body=hostile, closest=[hostile])
    questions = [
        RegisterQuestion(overdue=True),
        RegisterQuestion(done_since=today),
        RegisterQuestion(show="done"),
        RegisterQuestion(show="all"),
    ]
    headed = [found, RegisterReply(asked, today, meeting=today, body=hostile)]
    headed += [RegisterReply(q, today) for q in questions]
    return {
        "slack/actions/heading.txt.j2": [{"reply": r} for r in headed]
        + [{"reply": found, "first": 11, "last": 20, "total": 25}],
        "slack/actions/owner.txt.j2": [{"owner": f"Owner {hostile}"}, {"owner": None}],
        "slack/actions/entry.txt.j2": [{"e": e, "today": today} for e in (entry, bare)],
        "slack/actions/source.txt.j2": [{"e": e} for e in (entry, bare)],
        "slack/actions/unknown.txt.j2": [{"reply": unknown_owner}, {"reply": unknown_body}],
        "slack/actions/more.txt.j2": [{"hidden": 3}],
        "slack/actions/button.txt.j2": [{}],
        "slack/actions/home_title.txt.j2": [{}],
        "slack/actions/home_none.txt.j2": [{}],
        "slack/actions/home_owner.txt.j2": [
            {"asked": hostile, "owner": f"Owner {hostile}", "outstanding": 4, "overdue": 2},
            {"asked": hostile, "owner": None, "outstanding": 0, "overdue": 0},
        ],
        "slack/actions/home_more.txt.j2": [{"hidden": 2, "owner": f"Owner {hostile}"}],
        "slack/actions/home_cut.txt.j2": [{"owner": hostile}],
        "slack/actions/followed.txt.j2": [
            {"new": True, "owner": f"Owner {hostile}"},
            {"new": False, "owner": f"Owner {hostile}"},
        ],
        "slack/actions/unfollowed.txt.j2": [
            {"removed": True, "owner": f"Owner {hostile}", "following": []},
            {"removed": False, "owner": hostile, "following": [f"Owner {hostile}"]},
        ],
        "slack/actions/too_many.txt.j2": [{"limit": 20}],
        "slack/actions/follow_usage.txt.j2": [{"verb": "follow"}, {"verb": "unfollow"}],
        "slack/actions/notify.txt.j2": [{"reply": found}],
        "slack/actions/fallback.txt.j2": [{"reply": found}, {"reply": unknown_owner}],
    }
