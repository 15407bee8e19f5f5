"""Initials read from the minutes' own capitalised words (:mod:`bot.answer.acronyms`)."""

from __future__ import annotations

from bot.answer import abstain
from bot.answer.acronyms import initialisms, spelled_out
from bot.answer.reading import read


def test_initials_of_runs_of_capitalised_words_skip_the_small_words() -> None:
    found = initialisms("Devolution and Local Government Reorganisation Update (Item 11)")
    assert {"lgr", "dlgr", "lgru"} <= found
    assert "hwb" in initialisms("The Kent and Medway Health and Wellbeing Board met.")


def test_punctuation_and_lower_case_words_end_a_run() -> None:
    found = initialisms("Mayor J. Morgan, A. Hopkins and Councillor Stone voted for the Plan.")
    assert "mm" not in found  # "J." and the comma break the names apart
    assert "cs" in found  # "Councillor Stone" is a run ...
    assert not {"sp", "csp"} & found  # ... which "voted for the" ends


def test_spelled_out_is_the_commonest_run_with_those_initials() -> None:
    titles = [
        "Local Government Reorganisation Update",
        "Local Government Reorganisation: Next Steps",
        "Leisure Grants Review",
    ]
    assert spelled_out(titles)["lgr"] == "Local Government Reorganisation"


def test_coverage_reads_initials_the_question_writes_in_capitals() -> None:
    item = "Devolution and Local Government Reorganisation Update\nThe Council noted the update."
    covered = abstain.coverage(read("what did they say about LGR?"), item, lambda _t: 1.0)
    assert covered == 1.0
    # a lower-case word is a word, not initials
    assert abstain.coverage(read("what did they say about lgr?"), item, lambda _t: 1.0) == 0.0
