"""The answer's stage list as a contributor extends it (docs/extending.md, "Add an answer
stage"): a new stage is a function of the stage contract put into the list, and the answer
changes accordingly; a stage reading an output no earlier stage gave fails loudly, naming it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.answer.models import Answer, Refusal, RefusalKind
from bot.answer.service import Answerer
from bot.answer.stages import STAGES, choose, retrieve
from bot.answer.stages.choose import Choice
from bot.answer.stages.flow import Asking, Stage, Tools
from bot.search.base import Ranked
from bot.search.pipeline import Pipeline, Weighted
from bot.settings import Settings
from tests.bot.answer.test_answer_from_records import (
    BINS,
    BINS_TEXT,
    PARK,
    PARK_TEXT,
    FakeStore,
    ScoreBook,
    chunk_table,
    stored,
)

QUESTION = "What was decided about the play park refurbishment?"
REPO = Path(__file__).resolve().parents[3]


def since(day: date) -> Stage:
    """A policy stage: only meetings from ``day`` on answer; none left is a refusal."""

    def run(tools: Tools, asking: Asking) -> Asking | Answer:
        choice = asking.get(Choice)
        kept = [j for j in choice.chosen if j.item and j.item.meta.date and j.item.meta.date >= day]
        if not kept:
            asking.answer.refusal = Refusal(RefusalKind.NOT_FOUND)
            return asking.answer
        return asking.with_(replace(choice, chosen=kept))

    return run


def after(stage: Stage, extra: Stage) -> tuple[Stage, ...]:
    at = STAGES.index(stage) + 1
    return (*STAGES[:at], extra, *STAGES[at:])


@pytest.fixture
def make(tmp_path: Path):
    items = {"park": stored("park", PARK_TEXT, PARK), "bins": stored("bins", BINS_TEXT, BINS)}
    lexical = chunk_table(items)
    dense = ScoreBook("dense", {"play park": [Ranked("park", 0.72), Ranked("bins", 0.30)]})

    def answerer(stages: tuple[Stage, ...] = STAGES) -> Answerer[FakeStore]:
        return Answerer(
            Settings(data_dir=tmp_path / "data"),
            FakeStore(items),
            pipeline=Pipeline("test", [Weighted(dense)]),
            lexical=lexical,
            today=date(2025, 5, 1),
            stages=stages,
        )

    return answerer


def test_a_stage_put_into_the_list_changes_the_answer(make):
    plain = make().ask(QUESTION)
    assert plain.found and plain.matches[0].item_id == "park"

    # the park was decided on 4 March: a stage keeping April's meetings on leaves nothing
    recent = make(after(choose.run, since(date(2025, 4, 1)))).ask(QUESTION)
    assert not recent.found and recent.matches == []
    assert recent.refusal is not None and recent.refusal.kind == RefusalKind.NOT_FOUND

    # keeping March on, the park still answers, quoted as before
    march = make(after(choose.run, since(date(2025, 3, 1)))).ask(QUESTION)
    assert march.found and march.matches[0].resolutions == plain.matches[0].resolutions
    assert march.lead == plain.lead


def test_a_stage_without_the_output_it_reads_names_what_is_missing(make):
    without_retrieval = tuple(s for s in STAGES if s is not retrieve.run)
    with pytest.raises(LookupError, match="Retrieved"):
        make(without_retrieval).ask(QUESTION)


def test_the_recipe_names_the_stages_in_the_order_they_run_and_files_that_exist():
    doc = (REPO / "docs" / "extending.md").read_text(encoding="utf-8")
    recipe = doc[doc.index("## Add an answer stage") :]
    intro = recipe[: recipe.index("The contract is in")]
    named = re.findall(r"\*\*(\w+)\*\*", intro)
    assert named == [stage.__module__.rsplit(".", 1)[-1] for stage in STAGES]
    paths = set(re.findall(r"`((?:bot|tests|prompts)/[\w/.]+)`", recipe))
    assert paths and [p for p in sorted(paths) if not (REPO / p).exists()] == []
