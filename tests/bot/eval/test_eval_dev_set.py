"""The development set (../shared/eval/dev.jsonl over ../shared/corpus and seeds), in CI.

Indexing the corpus costs minutes, so it happens once per session into a temporary folder;
the evaluation then runs all three modes in one go. The assertions are the floors we reach
and can defend: a change that loses answers fails here. The table is printed (pytest -s).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.eval.dataset import load_cases
from bot.eval.metrics import KINDS
from bot.eval.runner import run
from bot.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

# Kent's minutes are in the corpus twice, as PDFs and as the text pypdf made of them; the
# questions point at the text, so only that copy is indexed.
CORPUS_FOLDERS = ("kent-county-council/text", "london-ontario", "portland")


@pytest.fixture(scope="session")
def dev_run(shared_dir: Path, tmp_path_factory):
    from index.indexer import index_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("eval-dev"))
    folders = [shared_dir / "seeds", *(shared_dir / "corpus" / f for f in CORPUS_FOLDERS)]
    summary = index_paths(folders, settings)
    assert len(summary.outcomes) > 60 and not summary.skipped, summary.skipped
    result = run(load_cases(shared_dir / "eval" / "dev.jsonl"), settings)
    print("\ndev set\n" + result.table)
    return result


def test_every_kind_is_reported_for_every_pipeline(dev_run):
    for name, kinds in dev_run.kinds.items():
        assert list(kinds) == [*KINDS, "all"], name
        assert sum(s.n for k, s in kinds.items() if k != "all") == kinds["all"].n
        assert kinds["all"] == dev_run.summaries[name]
    for kind in KINDS:
        assert f"| {kind} |" in dev_run.table


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
    assert full.owner_cases == 11 and full.owner_named >= OWNER_NAMED_FLOOR
    assert full.lead_quote >= LEAD_QUOTE_FLOOR


# Measured on main after issue 11's second pass over the dev set: recall@5 96.9%, MRR 0.913,
# expected quote 93.8%, abstention recall 100% (11 of 11), false abstentions 3.1% (2 of 64),
# extraction recall 98.4%, owner named 11 of 11, lead holds the quote 85.9%. Floors a question
# or so below; raise them when the pipeline improves.
RECALL_AT_5_FLOOR = 0.95
MRR_FLOOR = 0.89
QUOTE_FOUND_FLOOR = 0.9
ABSTAIN_RECALL_FLOOR = 0.95
FALSE_ABSTENTION_CEILING = 0.05
EXTRACTION_RECALL_FLOOR = 0.96
OWNER_NAMED_FLOOR = 0.9
LEAD_QUOTE_FLOOR = 0.84
