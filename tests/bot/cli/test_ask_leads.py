"""`minutes-bot ask` and `ask --json` start with the answer: the lead line first, then the items.

Two ways in: a hand-built answer through the real command (so the line is checked whatever the
answerer chooses), and the real index of samples/minutes (so whatever lead the answerer does
choose is shown first, quoted verbatim, with its meeting and link).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from bot.answer.models import Answer, ItemMatch, Lead, LeadKind
from bot.cli import app
from bot.eval.dataset import load_cases
from index.models import Action, Resolution, Vote
from index.sources import read_source
from prompts import long_date
from tests.paths import REPO

runner = CliRunner()

DEMO = "Who is to report back on the library opening hours review?"
DEMO_ACTION = "That the Head of Libraries is to report back on the library opening hours review in six months."
LINK = "https://democracy.example/mgAi.aspx?ID=7"


def library_item() -> ItemMatch:
    return ItemMatch(
        item_id="lib7",
        source_path="minutes/northmoor/hwb-2024-02-06.txt",
        item_title="LIBRARY OPENING HOURS REVIEW",
        link=LINK,
        score=0.9,
        body="Northmoor Health and Wellbeing Board",
        meeting_date="2024-02-06",
        item_number="7",
        resolutions=[Resolution("That the three options be taken forward to consultation.", "1)")],
        actions=[Action(DEMO_ACTION, owner="Head of Libraries", due="six months")],
        votes=[
            Vote(
                "The motion was carried (9 for, 2 against).",
                result="carried",
                motion="That the three options be taken forward to consultation.",
                yea_count=9,
                nay_count=2,
            )
        ],
    )


def related_item() -> ItemMatch:
    return ItemMatch(
        item_id="frail",
        source_path="minutes/eastbrook/eca.txt",
        item_title="Frailty strategy",
        link="https://democracy.example/mgAi.aspx?ID=9",
        score=0.2,
        body="Eastbrook Care Alliance",
        meeting_date="2024-01-18",
    )


def led(kind: str = LeadKind.ACTION, quote: str = DEMO_ACTION, **extra) -> Answer:
    m = library_item()
    lead = Lead(
        kind=kind,
        quote=quote,
        item_id=m.item_id,
        link=m.link,
        item_title=m.item_title,
        item_number=m.item_number,
        body=m.body,
        meeting_date=m.meeting_date,
        **extra,
    )
    return Answer(question=DEMO, intent="owner", matches=[m], related=[related_item()], lead=lead)


class Canned:
    """Stands in for the Answerer inside the real command: returns one prepared answer."""

    answer: Answer

    def __init__(self, *_args, **_kwargs) -> None:
        # The command refuses an empty index before asking: this one holds a unit.
        self.store = SimpleNamespace(unit_count=lambda: 1)

    def ask(self, question: str, **_kwargs) -> Answer:
        return self.answer


def ask(monkeypatch, answer: Answer, *options: str) -> str:
    Canned.answer = answer
    monkeypatch.setattr("bot.answer.service.Answerer", Canned)
    result = runner.invoke(app, ["ask", *options, answer.question], catch_exceptions=False)
    assert result.exit_code == 0, result.stdout
    return result.stdout


@pytest.mark.parametrize(
    ("kind", "extra", "says"),
    [
        (
            LeadKind.ACTION,
            {"owner": "Head of Libraries", "due": "in six months", "status": "open"},
            "Answer: Head of Libraries (due in six months, open) — ",
        ),
        (LeadKind.ACTION, {}, "Answer: Owner not stated — "),
        (
            LeadKind.VOTE,
            {"result": "carried", "tally": "9 for, 2 against"},
            "Answer: Carried (9 for, 2 against) — ",
        ),
        (LeadKind.VOTE, {"result": "lost"}, "Answer: Lost — "),
        (LeadKind.DATE, {"when": "in six months"}, "Answer: in six months — "),
        (LeadKind.DATE, {}, "Answer: 6 February 2024 — "),
        (LeadKind.RESOLUTION, {}, "Answer: “"),
        (LeadKind.PASSAGE, {}, "Answer: “"),
    ],
)
def test_the_terminal_reply_starts_with_one_line_that_answers(monkeypatch, kind, extra, says):
    text = ask(monkeypatch, led(kind, **extra))
    first, blank, supporting, *rest = text.splitlines()
    assert first.startswith(says)
    assert first.endswith(
        f"“{DEMO_ACTION}” (Northmoor Health and Wellbeing Board, 6 February 2024; {LINK})"
    )
    assert (blank, supporting) == ("", "Supporting item:")
    body = "\n".join(rest)
    assert body.index("[1] Northmoor") < body.index("Related items, which do not answer it:")
    assert "  - Eastbrook Care Alliance, 18 January 2024: Frailty strategy (" in body
    # votes are shown too, each as its result and tally with the motion it decided
    assert "Carried 9–2\n        Motion: “That the three options be taken forward" in body


def test_without_a_lead_the_terminal_shows_the_items_as_before(monkeypatch):
    answer = led()
    answer.lead, answer.related = None, []
    text = ask(monkeypatch, answer)
    assert text.startswith("[1] Northmoor Health and Wellbeing Board, 6 February 2024\n")
    assert "Answer:" not in text and "Supporting" not in text and "Related" not in text


def test_json_carries_the_answer_beside_matches_and_related(monkeypatch):
    answer = led(owner="Head of Libraries", due="in six months", status="open")
    data = json.loads(ask(monkeypatch, answer, "--json"))
    assert list(data)[:4] == ["question", "intent", "found", "answer"]
    assert data["answer"] == {
        "kind": "action",
        "quote": DEMO_ACTION,
        "item_id": "lib7",
        "link": LINK,
        "item_title": "LIBRARY OPENING HOURS REVIEW",
        "item_number": "7",
        "body": "Northmoor Health and Wellbeing Board",
        "meeting_date": "2024-02-06",
        "owner": "Head of Libraries",
        "due": "in six months",
        "status": "open",
        "result": None,
        "tally": None,
        "when": None,
        "minutes_status": None,
        "against": [],
        "against_asked": False,
        "mover": None,
        "seconder": None,
        "mover_asked": False,
        "document": "",
        "shown": None,
    }
    assert [m["item_id"] for m in data["matches"]] == ["lib7"]
    assert [m["item_id"] for m in data["related"]] == ["frail"]
    answer.lead = None
    assert json.loads(ask(monkeypatch, answer, "--json"))["answer"] is None


# -- the real index of samples/minutes --------------------------------------------------------


@pytest.fixture(scope="module")
def samples_index(samples_dir: Path, tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("samples-index")
    result = runner.invoke(
        app, ["index", "--data-dir", str(data_dir), str(samples_dir)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stdout
    return data_dir


def real_ask(data_dir: Path, question: str, *options: str) -> str:
    result = runner.invoke(
        app, ["ask", *options, "--data-dir", str(data_dir), question], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stdout
    return result.stdout


SAMPLE_QUESTIONS = [c.question for c in load_cases(REPO / "eval" / "samples.jsonl")]


@pytest.mark.slow
@pytest.mark.parametrize("question", SAMPLE_QUESTIONS)
def test_every_real_answer_with_a_lead_starts_with_it(samples_index: Path, question: str):
    data = json.loads(real_ask(samples_index, question, "--json"))
    text = real_ask(samples_index, question)
    lead = data["answer"]
    if lead is None:  # no lead chosen: the reply is the items, or "no decision found"
        assert not text.startswith("Answer:")
        return
    assert data["found"]
    source = read_source(Path(_source_of(data, lead)))
    assert lead["quote"] in source.text  # verbatim: the text the minutes read as
    # the answer paragraph: one line, or more when the quoted decision is itself a list
    first = text.split("\n\nSupporting item")[0]
    assert first.startswith("Answer: ") and f"“{lead['quote']}”" in first
    assert f"{lead['body']}, {long_date(lead['meeting_date'])}" in first
    # a web page by its link; a file by its name and item number, never its path on the server
    web = lead["link"].startswith(("http://", "https://"))
    where = lead["link"] if web else Path(_source_of(data, lead)).name
    assert lead["document"] == Path(_source_of(data, lead)).name or web
    assert first.endswith(
        f"; {where}{'' if web or not lead['item_number'] else ', item ' + lead['item_number']})"
    )
    assert web or "/" not in first.rsplit(";", 1)[-1]
    related = {m["item_id"] for m in data["related"]}
    assert not related & {m["item_id"] for m in data["matches"]}  # related are never answers


def _source_of(data: dict, lead: dict) -> str:
    """The lead's item's file: from the match it quotes (the JSON names items by ID)."""
    for m in [*data["matches"], *data["related"]]:
        if m["item_id"] == lead["item_id"]:
            return m["source_path"]
    pytest.fail(f"the lead quotes item {lead['item_id']}, which the answer does not show")


@pytest.mark.slow
def test_the_demo_question_leads_with_the_head_of_libraries_action(samples_index: Path):
    data = json.loads(real_ask(samples_index, DEMO, "--json"))
    lead = data["answer"]
    assert lead is not None and lead["kind"] == "action"
    assert lead["owner"] == "Head of Libraries" and lead["quote"] == DEMO_ACTION
    first = real_ask(samples_index, DEMO).splitlines()[0]
    assert first.startswith("Answer: Head of Libraries")
    assert f"“{DEMO_ACTION}” (Northmoor Health and Wellbeing Board, 6 February 2024;" in first


@pytest.mark.slow
def test_has_it_come_up_before_lists_the_matters_meetings_in_date_order(samples_index: Path):
    data = json.loads(
        real_ask(samples_index, "has the frailty delivery plan come up before?", "--json")
    )
    assert data["intent"] == "history"
    assert [m["meeting_date"] for m in data["matches"]] == ["2024-01-18", "2024-06-20"]
    assert "Frailty Strategy" in data["answer"]["quote"]  # not another matter's decision


@pytest.mark.slow
def test_a_follow_up_is_answered_within_the_earlier_questions_thread(samples_index: Path):
    follow_up = "and when is that due?"
    assert real_ask(samples_index, follow_up).startswith("No decision found")  # no topic alone
    first = real_ask(samples_index, follow_up, "--after", DEMO).splitlines()[0]
    assert first.startswith("Answer: in six months — “That the Head of Libraries is to report")
