"""The development set (../shared/eval/dev.jsonl) in CI, over part of the corpus.

make test has a 15-minute budget on a 2-core machine, and indexing the whole corpus for the
dev set took ten of them (London Ontario is 83% of its words). So this test indexes the seeds,
Kent's text and Portland, and asks the dev questions whose document is there, with every
unanswerable one. London's questions, and with them every vote question, are left to
``make eval``: the full dev set over the whole corpus, run for every change to how answers are
chosen and reported, with its figures in the session notes.

Indexing costs minutes even so, so it happens once per session into a temporary folder; the
evaluation then runs all three modes in one go. The assertions are the floors we reach and can
defend: a change that loses answers fails here. The table is printed (pytest -s).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.eval.dataset import EvalCase, load_cases
from bot.eval.metrics import KINDS, kind_of
from bot.eval.runner import run
from bot.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

# Kent's minutes are in the corpus twice, as PDFs and as the text pypdf made of them; the
# questions point at the text, so only that copy is indexed. London Ontario is not (see above).
FOLDERS = ("seeds", "corpus/kent-county-council/text", "corpus/portland")


def in_subset(case: EvalCase) -> bool:
    """An unanswerable question, or one whose expected document is in an indexed folder."""
    return case.doc is None or case.doc.startswith(tuple(f + "/" for f in FOLDERS))


@pytest.fixture(scope="session")
def dev_cases(shared_dir: Path) -> list[EvalCase]:
    return [c for c in load_cases(shared_dir / "eval" / "dev.jsonl") if in_subset(c)]


@pytest.fixture(scope="session")
def dev_run(shared_dir: Path, dev_cases: list[EvalCase], tmp_path_factory):
    from index.indexer import index_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("eval-dev"))
    summary = index_paths([shared_dir / f for f in FOLDERS], settings)
    assert len(summary.outcomes) > 10 and not summary.skipped, summary.skipped
    result = run(dev_cases, settings)
    print(f"\ndev set, {len(dev_cases)} cases over {', '.join(FOLDERS)}\n" + result.table)
    return result


def test_every_kind_is_reported_for_every_pipeline(dev_run, dev_cases):
    # Every kind asked in the subset is reported, in KINDS order. The dev set's vote questions
    # are all London Ontario's, so vote has no case here (make eval reports it): a kind without
    # a case is left out of the table, not reported as zero.
    asked = {kind_of(c) for c in dev_cases}
    assert set(KINDS) - asked == {"vote"}, "the subset's kinds changed: check the docstring"
    for name, kinds in dev_run.kinds.items():
        assert list(kinds) == [*(k for k in KINDS if k in asked), "all"], name
        assert sum(s.n for k, s in kinds.items() if k != "all") == kinds["all"].n
        assert kinds["all"] == dev_run.summaries[name]
    for kind in KINDS:
        assert (f"| {kind} |" in dev_run.table) == (kind in asked), kind


def test_full_pipeline_beats_both_baselines(dev_run):
    full = dev_run.summaries["hybrid"]
    for baseline in ("dense", "lexical"):
        other = dev_run.summaries[baseline]
        assert full.recall_at_5 >= other.recall_at_5, baseline
        assert full.mrr >= other.mrr, baseline


def test_floors_on_the_dev_set(dev_run):
    full = dev_run.summaries["hybrid"]
    assert full.quotes_shown > 0 and full.quotes_verbatim == 1.0
    assert full.recall_at_5 >= RECALL_AT_5_FLOOR
    assert full.mrr >= MRR_FLOOR
    assert full.quote_found >= QUOTE_FOUND_FLOOR
    assert full.abstain_recall >= ABSTAIN_RECALL_FLOOR
    assert full.false_abstention <= FALSE_ABSTENTION_CEILING
    assert full.extraction_recall >= EXTRACTION_RECALL_FLOOR
    assert full.owner_cases == 6 and full.owner_named >= OWNER_NAMED_FLOOR
    assert full.lead_quote >= LEAD_QUOTE_FLOOR


# Measured on the subset (27 answerable, 11 unanswerable) on 2026-12-07, at ba1a1f9: recall@5
# 96.3% (26 of 27), MRR 0.896, expected quote 92.6% (25), abstention recall 100% (11 of 11),
# false abstentions 0% (0 of 27), extraction recall 96.3% (26), owner named 6 of 6, lead holds
# the quote 85.2% (23). Floors a question (1/27, 3.7 points) or so below; abstention keeps the
# whole dev set's floor (all 11, the same questions). Raise them when the pipeline improves.
RECALL_AT_5_FLOOR = 0.92
MRR_FLOOR = 0.85
QUOTE_FOUND_FLOOR = 0.88
ABSTAIN_RECALL_FLOOR = 0.95
FALSE_ABSTENTION_CEILING = 0.04
EXTRACTION_RECALL_FLOOR = 0.92
OWNER_NAMED_FLOOR = 0.8
LEAD_QUOTE_FLOOR = 0.81
