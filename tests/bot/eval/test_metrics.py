"""Scoring rules of the evaluation: item matching, ranks, quotes, abstention, the file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.models import Answer, ItemMatch
from bot.eval.dataset import EvalFileError, load_cases
from bot.eval.metrics import first_hit_rank, item_matches, score_case, summarise
from bot.eval.table import results_table
from index.models import Resolution
from index.sources import read_source
from tests.paths import REPO

TEXT = "Members debated the bridge. RESOLVED that the bridge be repaired. Motion Passed (8 to 7)"


def match(path: str, title: str, number: str | None = None, **quotes) -> ItemMatch:
    return ItemMatch(
        item_id=f"{path}#{title}",
        source_path=path,
        item_title=title,
        link="",
        score=1.0,
        item_number=number,
        **quotes,
    )


def write_cases(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_item_titles_match_with_numbers_case_whitespace_and_truncation():
    m = match("/x/text/Council.txt", "Local Transport Plan (Item 9)", "278")
    assert item_matches(m, "278. Local Transport Plan (Item 9)")
    assert item_matches(m, "local  transport plan")
    assert item_matches(
        match("/x/a.md", "2.6 Contract Award: Tender No. RFT-2024-315 - East"), "2.6 Contract Award"
    )
    assert not item_matches(m, "279. Local Transport Plan")
    assert not item_matches(m, "Capital Programme")


def test_rank_requires_the_right_document_too(tmp_path: Path):
    [case] = load_cases(
        write_cases(tmp_path, [{"question": "q", "doc": "corpus/b.txt", "item": "Bridge"}])
    )
    wrong_doc = match("/shared/corpus/a.txt", "Bridge")
    right = match("/shared/corpus/b.txt", "Bridge")
    assert first_hit_rank([wrong_doc, right], case) == 2
    assert first_hit_rank([wrong_doc], case) is None


def test_quotes_must_be_verbatim_and_expected_quote_found(tmp_path: Path):
    cases = load_cases(
        write_cases(
            tmp_path,
            [
                {
                    "id": "a",
                    "question": "was the bridge repaired?",
                    "doc": "b.txt",
                    "item": "Bridge",
                    "expected_quote": "Motion Passed (8 to 7)",
                },
                {"id": "n", "question": "what about the zoo?"},
            ],
        )
    )
    good = match(
        "/c/b.txt",
        "Bridge",
        resolutions=[Resolution("RESOLVED that the bridge be repaired.")],
        passages=["Motion Passed (8 to 7)", "a quote the minutes never said"],
    )
    answered = score_case(cases[0], Answer("q", matches=[good]), 0.01, {good.item_id: TEXT})
    assert answered.rank == 1 and answered.quote_found
    assert (answered.quotes_shown, answered.quotes_verbatim) == (3, 2)
    abstained = score_case(cases[1], Answer("q"), 0.02, {})
    wrongly = score_case(cases[1], Answer("q", matches=[good]), 0.03, {good.item_id: TEXT})
    s = summarise([answered, abstained])
    assert (s.recall_at_1, s.mrr, s.quote_found) == (1.0, 1.0, 1.0)
    assert (s.abstain_precision, s.abstain_recall) == (1.0, 1.0)
    assert s.quotes_verbatim == pytest.approx(2 / 3)
    assert summarise([answered, wrongly]).abstain_recall == 0.0
    table = results_table({"hybrid": s, "dense": summarise([answered, wrongly])})
    assert "| recall@5 | 100.0% | 100.0% | 1.00× |" in table


def test_bad_lines_are_reported_with_their_line_number(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "ok"}\n{"doc": "x.txt"}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"bad.jsonl:2"):
        load_cases(path)


def test_our_question_files_are_well_formed():
    repo = REPO
    for name in ("samples.jsonl", "seeds.jsonl"):
        cases = load_cases(repo / "eval" / name)
        assert any(not c.answerable for c in cases)
        assert all(c.expected_quote for c in cases if c.answerable)
    for case in load_cases(repo / "eval" / "samples.jsonl"):
        if case.answerable:
            text = read_source(repo / case.doc).text
            assert case.expected_quote in text, case.id
