"""The evaluation over our own questions (samples + seeds), as CI runs it: real index, model,
BM25 and Chroma. The floors here are the issue's "done" bar, asserted on every run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.eval.dataset import load_cases
from bot.eval.runner import run
from bot.settings import Settings
from tests.paths import REPO

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="session")
def samples_seeds_settings(tmp_path_factory, shared_dir: Path) -> Settings:
    from index.indexer import index_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("eval-samples-seeds"))
    summary = index_paths([REPO / "samples" / "minutes", shared_dir / "seeds"], settings)
    assert not summary.skipped, summary.skipped
    return settings


@pytest.fixture(scope="session")
def samples_seeds_run(samples_seeds_settings: Settings):
    cases = load_cases(REPO / "eval" / "samples.jsonl") + load_cases(REPO / "eval" / "seeds.jsonl")
    result = run(cases, samples_seeds_settings)
    print("\nsamples + seeds\n" + result.table)
    return result


def test_full_pipeline_meets_the_floors(samples_seeds_run):
    full = samples_seeds_run.summaries["hybrid"]
    assert full.recall_at_5 >= 0.9
    assert full.quotes_shown > 0 and full.quotes_verbatim == 1.0
    assert full.abstain_recall == 1.0  # every question about something never minuted
    assert full.quote_found >= 0.85
    # measured on main at 4da502d: no false abstention, extraction recall 96.7% (29 of 30)
    assert full.false_abstention <= 0.05
    assert full.extraction_recall >= 0.9
    # measured on answers-core (issue 11): the lead holds the expected quote for 24 of 30
    assert full.lead_quote >= 0.75


def test_baselines_ran_in_the_same_process(samples_seeds_run):
    assert set(samples_seeds_run.summaries) == {"hybrid", "dense", "lexical"}
    for summary in samples_seeds_run.summaries.values():
        assert summary.quotes_verbatim == 1.0


def ask_json(settings: Settings, question: str) -> dict:
    result = runner.invoke(
        app,
        ["ask", "--json", "--limit", "5", "--data-dir", str(settings.data_dir), question],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


def test_ask_json_quotes_the_discussion_when_no_resolution_answers(samples_seeds_settings):
    answer = ask_json(samples_seeds_settings, "How many people has the crisis café supported?")
    top = answer["matches"][0]
    assert top["item_title"] == "Westvale Mental Health Crisis Café"
    assert any("supported 146 people" in p for p in top["passages"])
    source = Path(top["source_path"]).read_text(encoding="utf-8")
    assert all(p in source for p in top["passages"])


def test_history_lists_decisions_oldest_first(samples_seeds_settings):
    answer = ask_json(
        samples_seeds_settings,
        "What has the Northmoor board decided about library opening hours over time?",
    )
    assert answer["intent"] == "history"
    dates = [m["meeting_date"] for m in answer["matches"]]
    assert dates == sorted(dates) and {"2024-02-06", "2024-09-10"} <= set(dates)


def test_a_date_filter_outside_the_minutes_abstains(samples_seeds_settings):
    answer = ask_json(
        samples_seeds_settings,
        "What did the Northmoor board decide about library opening hours in 2019?",
    )
    assert answer["found"] is False
    assert answer["filters"]["date_from"] == "2019-01-01"
    assert answer["filters"]["bodies"] == ["Northmoor Health and Wellbeing Board"]


def test_eval_command_prints_the_table(samples_seeds_settings):
    result = runner.invoke(
        app,
        [
            "eval",
            str(REPO / "eval" / "seeds.jsonl"),
            "--data-dir",
            str(samples_seeds_settings.data_dir),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stdout
    assert "| recall@5 |" in result.stdout and "BM25 only" in result.stdout
    for heading in ("Retrieval", "Answers", "Abstention", "Latency", "By question kind"):
        assert f"### {heading}" in result.stdout
    assert "| false abstentions |" in result.stdout
    assert "| owner named correctly | – | – | – |" in result.stdout  # seeds name no owner
