"""Abstention without a model or a store: when the evidence says "answer", when it says
"refuse", and which candidate's evidence decides (issue 7 item 8: fast tests, no Chroma)."""

from __future__ import annotations

from bot.answer import abstain
from bot.answer.abstain import Evidence, Thresholds, coverage, should_answer, unknown_names
from bot.answer.reading import read
from bot.answer.stages.judge import RELATED_MARGIN, Judged, deciding, far_below
from bot.search.pipeline import ItemCandidate
from index.schema import ItemMeta, StoredItem
from index.words import tokenize


def idf(token: str) -> float:
    """Rare words weigh more: here, every word but "plan" is rare."""
    return 0.2 if token == "plan" else 2.0


def test_confidence_is_dense_plus_weighted_coverage():
    bar, weight = abstain.MIN_CONFIDENCE, abstain.COVERAGE_WEIGHT
    assert should_answer(Evidence(dense=bar, coverage=0.0))
    assert not should_answer(Evidence(dense=bar - 0.01, coverage=0.0))
    assert should_answer(Evidence(dense=bar - weight * 0.4, coverage=0.4))
    assert not should_answer(Evidence(dense=bar - weight * 0.4 - 0.01, coverage=0.4))
    # the thresholds are a parameter: calibration sweeps them, ACCEPT_ALL answers anything
    assert should_answer(Evidence(dense=0.5, coverage=0.0), Thresholds(min_confidence=0.5))
    assert should_answer(Evidence(dense=-1.0, coverage=0.0), abstain.ACCEPT_ALL)


def test_a_name_the_index_never_mentions_refuses_however_close_the_text():
    evidence = Evidence(dense=0.95, coverage=1.0, unknown_names=("Plymouth",))
    assert not should_answer(evidence)
    assert should_answer(evidence, Thresholds(unknown_names_abstain=False))


def test_without_a_dense_score_coverage_alone_decides():
    assert should_answer(Evidence(dense=None, coverage=abstain.MIN_LEXICAL_COVERAGE))
    assert not should_answer(Evidence(dense=None, coverage=abstain.MIN_LEXICAL_COVERAGE - 0.01))


def test_one_named_meeting_needs_only_a_related_item():
    assert should_answer(Evidence(dense=abstain.SCOPED_MIN_DENSE, coverage=0.0, scoped=True))
    assert not should_answer(Evidence(dense=0.1, coverage=0.0, scoped=True))


def test_coverage_weighs_rare_words_and_ignores_asking_words():
    item = "The depot relocation plan was approved."
    # "depot" (rare) is there, "Thornbury" (rare) is not; "decide" asks, it is no topic
    assert coverage(read("what did they decide on the Thornbury depot?"), item, idf) == 0.5
    # a common word found counts for little next to a rare word missing
    assert coverage(read("the plan for Thornbury"), item, idf) == 0.2 / 2.2
    assert coverage(read("who has to report back?"), item, idf) == 0.0  # one topic word: no topic
    # the body's own name matches every item of its minutes, so it proves nothing
    assert (
        coverage(read("Westvale depot relocation"), item, idf, ignore=set(tokenize("Westvale")))
        == 1.0
    )


def test_clipped_words_match_the_words_the_minutes_spell_out():
    item = "Refurbishment of the library and electric vehicle charging points."
    assert coverage(read("library refurb"), item, idf) == 1.0
    assert coverage(read("chargers at the library"), item, idf) == 1.0
    assert coverage(read("library lib"), item, idf) == 0.5  # under four letters: no clipping


def test_unknown_names_are_capitalised_words_absent_from_the_index():
    known = {"kent", "cabinet", "library"}.__contains__
    assert unknown_names(read("Did Plymouth approve the library plan?"), known) == ("Plymouth",)
    assert unknown_names(read("Did Kent Cabinet approve it?"), known) == ()
    assert unknown_names(read("What did Slough decide? Plymouth too."), known) == ("Slough",)


def judged(item_id: str, dense: float, coverage: float = 0.0, missing: str | None = None):
    evidence = Evidence(dense=dense, coverage=coverage)
    item = StoredItem(item_id, "", ItemMeta())
    return Judged(ItemCandidate(item_id, dense), item, evidence, should_answer(evidence), missing)


def test_the_top_candidate_decides_even_when_a_lower_one_is_stronger():
    weak, strong = judged("a", 0.4), judged("b", 0.9)
    assert deciding([weak, strong]) is weak
    assert deciding([]) is None


def test_a_top_candidate_without_the_asked_for_unit_is_passed_over_only_for_a_stronger_one():
    novote = judged("a", 0.75, missing="vote")
    assert deciding([novote, judged("b", 0.8)]).candidate.item_id == "b"
    # a weaker item does not get to answer because a stronger one could not
    assert deciding([novote, judged("b", 0.72)]) is novote
    # only the first few are passed over
    lacking = [judged(str(n), 0.9, missing="vote") for n in range(5)]
    assert deciding([*lacking, judged("z", 0.95)]) is lacking[0]


def test_items_far_below_the_best_are_related_not_answers():
    top = judged("a", 0.9)
    assert not far_below(top, top)
    assert not far_below(judged("b", 0.9 - RELATED_MARGIN + 0.01), top)
    assert far_below(judged("c", 0.9 - RELATED_MARGIN - 0.01), top)


def test_a_name_the_question_shares_with_the_item_title_is_evidence_enough():
    title = "Audit Planning Report for the Year Ending December 31, 2024 - KPMG"
    question = "did KPMG's approach for checking the 2024 books get signed off?"
    assert abstain.named_in(read(question), title)
    no_name = read("did the auditors' approach get signed off?")
    assert not abstain.named_in(no_name, title)
    not_all_names = read("Did KPMG audit the Harbour Road pool?")
    assert not abstain.named_in(not_all_names, title)
    # the body's own name is no evidence: it is in every one of its items
    body = set(tokenize("Westvale Town Council"))
    assert not abstain.named_in(read("What did Westvale decide?"), "Westvale budget", ignore=body)
    # nor is any body's name the question uses: it says who decided, not what about, and
    # another body's title may hold the same words ("… Health and Wellbeing Strategy")
    board = read("What did the Health and Wellbeing Board decide about a four-day week?")
    assert not abstain.named_in(board, "Joint Local Health and Wellbeing Strategy")
    audit = read("Did Kent's Audit Committee sign off the KPMG plan?")
    assert abstain.names(audit) == {"kpmg"}
    assert abstain.named_in(audit, title)
    paraphrase = Evidence(dense=0.45, coverage=0.2, named=True)
    assert should_answer(paraphrase)
    assert not should_answer(Evidence(dense=0.45, coverage=0.2))
    assert not should_answer(Evidence(dense=abstain.NAMED_MIN_DENSE - 0.01, coverage=0, named=True))
