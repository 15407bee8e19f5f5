"""`minutes-bot actions` over fictional minutes indexed for real (parser, model, Chroma).

The fixtures (tests/fixtures/register/) hold an action log carried across two meetings of
one executive and two meetings of a health and wellbeing board whose second meeting reports
back on one action of the first; the register must read them together.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.bot.register.conftest import index
from tests.paths import REPO

pytestmark = pytest.mark.slow

FIXTURES = REPO / "tests" / "fixtures" / "register"
TODAY = "2024-10-01"
runner = CliRunner()


def actions(data_dir: Path, *args: str, code: int = 0) -> str:
    result = runner.invoke(
        app,
        ["actions", "--data-dir", str(data_dir), "--today", TODAY, *args],
        catch_exceptions=False,
    )
    assert result.exit_code == code, result.stdout
    return result.stdout


def as_json(data_dir: Path, *args: str, code: int = 0) -> dict:
    return json.loads(actions(data_dir, *args, "--format", "json", code=code))


def sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.txt"))


def test_an_action_raised_at_one_meeting_is_reported_done_at_the_next(register_index: Path):
    reply = as_json(register_index, "--owner", "Priya", "--status", "all")
    (priya,) = reply["actions"]
    assert priya["status"] == "done"
    assert priya["meeting_date"] == "2024-01-16"  # raised here …
    assert priya["update_date"] == "2024-03-12"  # … cleared at the next meeting
    assert priya["done_on"] == "2024-03-12"
    assert priya["update"] == "cleared as charter circulated on 2nd February."
    assert priya["link"].endswith("MId=2024-01-16")
    assert priya["update_link"].endswith("MId=2024-03-12")
    # and it is no longer outstanding
    assert as_json(register_index, "--owner", "Priya")["actions"] == []


def test_a_later_meeting_reporting_back_closes_an_action(register_index: Path):
    reply = as_json(register_index, "--owner", "Kate Blackburn", "--status", "done")
    (vaping,) = reply["actions"]
    assert "circulate the vaping survey results" in vaping["quote"]
    assert vaping["update"].startswith("The Director of Public Health reported that the vaping")
    assert vaping["update_link"] == "https://democracy.fernhill.example/mgAi.aspx?ID=5311"


def test_a_due_phrase_is_resolved_against_the_meeting_date_and_flagged_overdue(
    register_index: Path,
):
    reply = as_json(register_index, "what's overdue for the Director of Public Health?")
    due = {a["due_as_written"]: a for a in reply["actions"]}
    assert set(due) == {"in six months", "before the next meeting"}
    assert due["in six months"]["due"] == "2024-08-06"  # 6 February 2024 + six months
    assert due["before the next meeting"]["due"] == "2024-09-10"  # the board's next meeting
    assert all(a["overdue"] for a in reply["actions"])
    text = actions(register_index, "--owner", "DPH", "--overdue")
    assert "due 6 August 2024 (overdue)" in text
    # the day before the six months are up nothing is overdue; the day after, one action is
    assert (
        as_json(register_index, "--owner", "DPH", "--overdue", "--today", "2024-08-05")["actions"]
        == []
    )
    after = as_json(register_index, "--owner", "DPH", "--overdue", "--today", "2024-08-07")
    assert [a["due"] for a in after["actions"]] == ["2024-08-06"]


def test_three_spellings_of_one_owner_are_one_owner(register_index: Path):
    spellings = {}
    for asked in (
        "DPH",
        "the Director of Public Health",
        "Director of Public Health (Kate Blackburn)",
    ):
        reply = as_json(register_index, "--owner", asked, "--status", "all")
        assert reply["owner"] == "Director of Public Health"
        spellings[asked] = {a["owner_as_written"] for a in reply["actions"]}
    assert len({frozenset(s) for s in spellings.values()}) == 1
    written = spellings["DPH"]
    assert {
        "DPH",
        "Director of Public Health (Kate Blackburn)",
        "the Director of Public Health",
    } <= written
    assert {
        a["owner"] for a in as_json(register_index, "--owner", "DPH", "--status", "all")["actions"]
    } == {"Director of Public Health"}


def test_the_reply_lists_open_actions_first_grouped_by_owner_with_verbatim_quotes(
    register_index: Path,
):
    text = actions(register_index, "--status", "all")
    assert text.index("Cllr Bradshaw") < text.index("Priya")  # Priya has nothing open
    reply = as_json(register_index, "--status", "all")
    states = [a["status"] for a in reply["actions"] if a["owner"] == "Director of Public Health"]
    assert states.index("done") > max(i for i, s in enumerate(states) if s != "done")
    source = sources()
    for action in reply["actions"]:
        assert action["quote"] in source
        assert action["update"] is None or action["update"] in source


def test_questions_by_body_and_last_meeting(register_index: Path):
    reply = as_json(register_index, "what is still outstanding from the Kestrel Vale executive?")
    assert reply["body"] == "Kestrel Vale Public Services Reform Executive"
    assert {a["owner"] for a in reply["actions"]} == {"Cllr Bradshaw", "Tomasz"}
    last = as_json(register_index, "what did the last PSR Executive ask officers to do?")
    assert last["meeting"] == "2024-03-12"
    assert [a["owner"] for a in last["actions"]] == ["Tomasz"]


def test_done_since(register_index: Path):
    reply = as_json(register_index, "--done-since", "2024-06-01")
    assert [a["owner_as_written"] for a in reply["actions"]] == [
        "Director of Public Health (Kate Blackburn)"
    ]


def test_csv_opens_as_one_row_per_action(register_index: Path):
    text = actions(register_index, "--status", "all", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    reply = as_json(register_index, "--status", "all")
    assert len(rows) == len(reply["actions"]) == 7
    bradshaw = next(r for r in rows if r["owner"] == "Cllr Bradshaw")
    assert bradshaw["status"] == "open"
    assert (
        bradshaw["latest update"]
        == "in progress, draft letter prepared for partners to comment on."
    )
    assert bradshaw["body"] == "Kestrel Vale Public Services Reform Executive"
    overdue = [r for r in rows if r["overdue"] == "yes"]
    assert {r["due"] for r in overdue} == {"2024-08-06", "2024-09-10"}


def test_an_unknown_owner_gets_the_closest_known_owners(register_index: Path):
    reply = as_json(register_index, "--owner", "Cllr Bradshore", code=1)
    assert reply["unknown_owner"] == "Cllr Bradshore"
    assert reply["closest"][0] == "Cllr Bradshaw"
    assert reply["actions"] == []
    text = actions(register_index, "--owner", "Director of Public Healht", code=1)
    assert "no actions for “Director of Public Healht”" in text
    assert "Director of Public Health" in text.splitlines()[-1]


def test_a_corrected_minute_changes_the_status_after_reindexing(tmp_path: Path):
    minutes = tmp_path / "minutes"
    shutil.copytree(FIXTURES / "kestrel", minutes)
    data_dir = tmp_path / "data"
    index(data_dir, minutes)
    (before,) = as_json(data_dir, "--owner", "Councillor Bradshaw")["actions"]
    assert before["status"] == "open"
    later = minutes / "kestrel-psr-executive-2024-03-12.txt"
    text = later.read_text(encoding="utf-8")
    corrected = text.replace(
        "Update – in progress, draft letter prepared for partners to comment on.",
        "Update – cleared as letter sent to the county council on 1st March.",
    )
    assert corrected != text
    later.write_text(corrected, encoding="utf-8")
    index(data_dir, minutes)
    assert as_json(data_dir, "--owner", "Councillor Bradshaw")["actions"] == []
    (after,) = as_json(data_dir, "--owner", "Cllr Bradshaw", "--status", "done")["actions"]
    assert after["update"] == "cleared as letter sent to the county council on 1st March."


def test_ask_answers_a_question_about_a_set_of_actions_from_the_register(register_index: Path):
    result = runner.invoke(
        app,
        ["ask", "--data-dir", str(register_index), "what's overdue for the DPH?"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("Overdue actions for Director of Public Health")
    assert "“That the Director of Public Health is to report back on the healthy weight" in (
        result.stdout
    )
    assert "(overdue)" in result.stdout
    as_json_reply = runner.invoke(
        app,
        ["ask", "--json", "--data-dir", str(register_index), "what actions does Tomasz have?"],
        catch_exceptions=False,
    )
    reply = json.loads(as_json_reply.stdout)
    assert reply["owner"] == "Tomasz" and reply["actions"]


def test_ask_leaves_a_question_about_one_decision_to_the_search(register_index: Path):
    result = runner.invoke(
        app,
        [
            "ask",
            "--json",
            "--data-dir",
            str(register_index),
            "who is to write to the county council?",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stdout
    assert "actions" not in json.loads(result.stdout)  # the search's answer, not the register's
