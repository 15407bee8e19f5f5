"""Each vote belongs to its motion (issue 22, point 2), through ``minutes-bot ask``.

Fictional minutes in two real shapes (tests/fixtures/votes): a Kent-printed motion item that
records a recess (13–2), a lost amendment (3–12) and then the vote on the motion (11–3), and a
London item with a recess, an amendment (14–1) and the motion (13–2) with the names of who
voted. A vote question leads with the vote on *that* motion and names who voted against; the
reply lists the motion's vote before the procedural ones, each with its motion, and never the
minutes' raw vote markup; ``--json`` carries the votes as structured data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.bot.cli.index_probe import ask_cli as ask
from tests.bot.cli.index_probe import ask_json, run_index
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow

VOTES = FIXTURES / "votes"
MINUTES = sorted(p for p in VOTES.iterdir() if p.name != "README.md")
BUS = "How did the vote on funding the village bus routes go?"
POOL = "Who voted against awarding the Cedar Hollow pool renewal tender?"
RAW_MARKUP = re.compile(r"\[!abstract\]|\|Yeas:|\|Nays:|\*\*|&gt;|^\s*>", re.MULTILINE)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("votes")
    assert run_index(data, *MINUTES).exit_code == 0
    return data


def test_a_vote_question_leads_with_the_vote_on_the_motion_not_the_recess(data_dir: Path) -> None:
    out = ask(data_dir, BUS)
    lead = out.splitlines()[0]
    assert lead.startswith(
        "Answer: Carried 11–3, 1 abstained · against: Mr Gant, Ms Hobbs, Dr Pell — "
        "“This Council resolves to fund the three village bus routes"
    ), lead
    assert "13–2" not in lead and "3–12" not in lead  # not the recess, not the amendment
    assert not RAW_MARKUP.search(out)


def test_the_motion_vote_is_listed_before_the_procedural_ones(data_dir: Path) -> None:
    out = ask(data_dir, BUS)
    listed = out[out.index("Votes:") :]
    motion = listed.index("Carried 11–3")
    recess = listed.index("Recess: Carried 13–2 · against: Mr Gant, Ms Hobbs")
    amendment = listed.index("Amendment: Lost 3–12")
    assert motion < recess < amendment
    # each vote with its motion, quoted verbatim from the minutes
    assert "Motion: “Delete ‘until March 2027’" in listed
    assert "Motion: “The Chairman proposed and the Vice-Chairman seconded that the" in listed


def test_who_voted_against_names_them_from_the_recorded_vote(data_dir: Path) -> None:
    out = ask(data_dir, POOL)
    lead = out.splitlines()[0]
    assert lead.startswith(
        "Answer: Against: M. Quill, D. Lemieux · Carried 13–2 — “That, on the recommendation"
    ), lead
    assert "H. Osei" not in lead  # against the amendment, not the motion
    assert not RAW_MARKUP.search(out)
    listed = out[out.index("Votes:") :]
    assert listed.index("Carried 13–2") < listed.index("Amendment: Carried 14–1")
    assert listed.index("Carried 13–2") < listed.index("Recess: Carried")


def test_json_carries_the_structured_votes(data_dir: Path) -> None:
    answer = ask_json(data_dir, POOL)
    lead = answer["answer"]
    assert lead["kind"] == "vote" and lead["result"] == "carried" and lead["tally"] == "13-2"
    assert lead["against"] == ["M. Quill", "D. Lemieux"] and lead["against_asked"] is True
    [match] = [m for m in answer["matches"] if "Cedar Hollow" in m["item_title"]]
    motion, *procedural = match["votes"]
    assert motion["procedural"] is False and motion["kind"] == "motion"
    assert motion["motion"] == lead["quote"]  # London prints no quotation marks around it
    assert motion["mover"] == "R. Okafor"
    assert (motion["yea_count"], motion["nay_count"]) == (13, 2)
    assert motion["nays"] == ["M. Quill", "D. Lemieux"] and "Mayor L. Brandt" in motion["yeas"]
    assert motion["absent"] == ["T. Varga"]
    assert {(v["kind"], v["procedural"]) for v in procedural} == {
        ("recess", True),
        ("amendment", True),
    }
    assert all(v["motion"] for v in match["votes"])


def test_a_question_naming_the_amendment_gets_the_amendment_vote(data_dir: Path) -> None:
    lead = ask(data_dir, "How did the vote on the amendment about the village bus routes go?")
    assert lead.splitlines()[0].startswith("Answer: Lost 3–12 · against: Mrs Ashby"), lead


@pytest.mark.parametrize(
    "question",
    [
        "When did council approve the street tree planting program?",
        "when was the tree planting programme signed off?",
        "what date did council meet about the street tree planting program?",
    ],
)
def test_when_a_decision_was_taken_is_its_meetings_day_not_a_report_date(
    data_dir: Path, question: str
) -> None:
    # the decision cites "the staff report dated April 28, 2025": that is the report's date
    lead = ask(data_dir, question).splitlines()[0]
    assert lead.startswith("Answer: 6 May 2025 — “That the 2025 Street Tree Planting Program"), lead
    assert not lead.startswith("Answer: April 28")


def test_who_moved_a_motion_is_named_first_from_its_vote(data_dir: Path) -> None:
    lead = ask(
        data_dir, "who moved the motion to award the Cedar Hollow pool tender?"
    ).splitlines()[0]
    assert lead.startswith("Answer: Moved by R. Okafor · Carried 13–2"), lead
    data = ask_json(data_dir, "who moved the motion to award the Cedar Hollow pool tender?")
    assert data["answer"]["mover"] == "R. Okafor" and data["answer"]["mover_asked"]
