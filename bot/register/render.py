"""The register's replies as text, CSV or JSON, every word from prompts/terminal/actions/.

CSV is for a spreadsheet: one row per action, a header row, the csv module's quoting (quotes
and commas inside a minute stay in their cell). JSON is for programs: plain keys, ISO dates.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from bot.register.models import Entry
from bot.register.questions import RegisterReply
from prompts import render

FORMATS = ("table", "csv", "json")


def reply_text(reply: RegisterReply) -> str:
    return render("terminal/actions/reply.txt.j2", reply=reply).rstrip("\n") + "\n"


def columns() -> list[str]:
    """The CSV header, as worded in prompts/terminal/actions/columns.txt.j2."""
    return [line for line in render("terminal/actions/columns.txt.j2").splitlines() if line]


def reply_csv(reply: RegisterReply) -> str:
    names = columns()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    yes = render("terminal/actions/overdue_yes.txt.j2").strip()
    for group in reply.groups:
        for entry in group.entries:
            status = render("terminal/actions/status.txt.j2", e=entry).strip()
            writer.writerow(
                [
                    group.owner or "",
                    entry.owner or "",
                    entry.quote,
                    status,
                    entry.due.isoformat() if entry.due else "",
                    entry.due_phrase or "",
                    yes if entry.overdue(reply.today) else "",
                    entry.update or "",
                    entry.update_date.isoformat() if entry.update_date else "",
                    entry.body or "",
                    entry.meeting_date.isoformat() if entry.meeting_date else "",
                    entry.item_title,
                    entry.link,
                    entry.update_link or "",
                ]
            )
    return out.getvalue()


def reply_json(reply: RegisterReply) -> str:
    data: dict[str, Any] = {
        "today": reply.today.isoformat(),
        "owner": reply.owner,
        "body": reply.body,
        "meeting": reply.meeting.isoformat() if reply.meeting else None,
        "unknown_owner": reply.unknown_owner,
        "unknown_body": reply.unknown_body,
        "closest": reply.closest,
        "actions": [
            _entry_json(entry, group.owner, reply)
            for group in reply.groups
            for entry in group.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _entry_json(entry: Entry, owner: str | None, reply: RegisterReply) -> dict[str, Any]:
    return {
        "owner": owner,
        "owner_as_written": entry.owner,
        "action": entry.what,
        "quote": entry.quote,
        "status": entry.status,
        "due": entry.due.isoformat() if entry.due else None,
        "due_as_written": entry.due_phrase,
        "overdue": entry.overdue(reply.today),
        "update": entry.update,
        "update_date": entry.update_date.isoformat() if entry.update_date else None,
        "update_link": entry.update_link,
        "done_on": entry.done_on.isoformat() if entry.done_on else None,
        "body": entry.body,
        "meeting_date": entry.meeting_date.isoformat() if entry.meeting_date else None,
        "item": entry.item_title,
        "link": entry.link,
        "file": entry.source_path,
    }
