"""extract_resolutions on small fictional texts, one per form minutes print decisions in."""

from __future__ import annotations

import pytest

from index.extract.resolutions import extract_resolutions
from index.models import Resolution, ResolutionKind

NB = "\u00a0"


def resolutions(text: str) -> list[Resolution]:
    found = extract_resolutions(text)
    for resolution in found:
        assert resolution.text in text, resolution.text
        assert resolution.text == resolution.text.strip()
    return found


def pairs(text: str) -> list[tuple[str | None, str]]:
    return [(r.label, r.text) for r in resolutions(text)]


def test_numbered_list_with_nbsp_padding_stops_at_supporting_documents() -> None:
    text = (
        "The Board discussed the plan.\n\n"
        f"{NB}\n\nRESOLVED:\n\n"
        f"1){NB} {NB} {NB} That the parks report be noted.\n\n"
        f"2){NB} {NB} {NB} That the tree survey be circulated to Members.{NB} \n\n"
        f"{NB}\n\nSupporting documents:"
    )
    assert pairs(text) == [
        ("1)", "That the parks report be noted."),
        ("2)", "That the tree survey be circulated to Members."),
    ]
    assert {r.kind for r in resolutions(text)} == {ResolutionKind.RESOLVED}


def test_resolved_to_lettered_list_after_a_numbered_paragraph() -> None:
    text = (
        f"4.{NB}{NB}{NB} Mr Quill answered questions on the depot.\n\n"
        f"5.{NB}{NB}{NB} RESOLVED to:\n\n{NB}\n\n"
        f"(a){NB} Note the depot review\n\n"
        f"(b){NB} Agree the revised lease terms; and\n\n"
        f"(c){NB} Support a bid for capital funding\n\n"
        f"6.{NB}{NB}{NB} The Chair thanked officers for the report."
    )
    assert pairs(text) == [
        ("(a)", "Note the depot review"),
        ("(b)", "Agree the revised lease terms"),
        ("(c)", "Support a bid for capital funding"),
    ]


def test_misspelt_ressolved() -> None:
    text = "RESSOLVED:\n\n1)   That the update be noted.\n\n2)   That the plan be agreed."
    assert [r.text for r in resolutions(text)] == [
        "That the update be noted.",
        "That the plan be agreed.",
    ]


@pytest.mark.parametrize(
    "labels",
    [
        ("a)", "b)"),
        ("A)", "B)"),
        ("i)", "ii)"),
        ("1.", "2."),
        ("(1)", "(2)"),
        ("•", "•"),
        ("·", "·"),
        ("o", "o"),
        ("-", "-"),
    ],
)
def test_every_list_label_style(labels: tuple[str, str]) -> None:
    first, second = labels
    text = (
        f"RESOLVED that:\n{first}{NB} the allotment fees be frozen;\n"
        f"{second}{NB} the waiting list be reviewed.\n\nThe meeting closed at 8.15 pm."
    )
    assert pairs(text) == [
        (first, "the allotment fees be frozen"),
        (second, "the waiting list be reviewed."),
    ]


def test_lettered_list_keeps_c_d_i_as_letters() -> None:
    items = "".join(f"({letter}) Item {letter} be noted\n" for letter in "abcdefghij")
    found = resolutions("RESOLVED:\n" + items)
    assert [r.label for r in found] == [f"({letter})" for letter in "abcdefghij"]


def test_inline_resolved_that() -> None:
    text = "Members debated the motion.\n\nRESOLVED that the bus shelter scheme be approved.\n"
    assert pairs(text) == [(None, "that the bus shelter scheme be approved.")]


def test_inline_resolved_dash_that() -> None:
    text = "Resolved – That the hedgerow policy be adopted.\n\nSupporting documents:"
    assert pairs(text) == [(None, "That the hedgerow policy be adopted.")]


def test_inline_numbered_resolution() -> None:
    text = (
        "Resolved: that (1) the consultation results be noted; (2) the new tariff be approved "
        "from April; and (3) the Treasurer report on take-up in the autumn."
    )
    assert pairs(text) == [
        ("(1)", "the consultation results be noted"),
        ("(2)", "the new tariff be approved from April"),
        ("(3)", "the Treasurer report on take-up in the autumn."),
    ]


def test_decision_line_with_recommended_proposal() -> None:
    text = (
        "· Members welcomed the report.\n"
        "Decision – The Fenwick Health and Wellbeing Board accepted the following recommended "
        "proposal:\n"
        "i) The Board noted the update provided.\n"
        "Supporting documents:"
    )
    [resolution] = resolutions(text)
    assert resolution.text == "The Board noted the update provided."
    assert resolution.label == "i)"
    assert resolution.kind == ResolutionKind.DECISION


def test_decision_heading_then_numbered_list() -> None:
    text = (
        "Decision\n\n1. That the Cabinet approves the harbour wall repairs.\n\n"
        "2. That the Director of Place is authorised to award the contract.\n"
    )
    found = resolutions(text)
    assert [(r.label, r.kind) for r in found] == [
        ("1.", ResolutionKind.DECISION),
        ("2.", ResolutionKind.DECISION),
    ]
    assert found[1].text == "That the Director of Place is authorised to award the contract."


def test_inline_decision_line() -> None:
    [resolution] = resolutions("Decision – The Panel agreed to defer the item to March.\n")
    assert resolution.text == "The Panel agreed to defer the item to March."
    assert resolution.kind == ResolutionKind.DECISION


@pytest.mark.parametrize(
    "text, expected",
    [
        ("AGREED: That the grant be awarded.", "That the grant be awarded."),
        ("Agreed: the terms of reference as amended.", "the terms of reference as amended."),
        ("AGREED\n\nThat the grant be awarded.\n", "That the grant be awarded."),
    ],
)
def test_agreed_forms(text: str, expected: str) -> None:
    [resolution] = resolutions(text)
    assert resolution.text == expected
    assert resolution.kind == ResolutionKind.AGREED


@pytest.mark.parametrize(
    "text, expected, kind",
    [
        (
            "Minutes agreed as correct record, with no matters arising. Actions updated:",
            "Minutes agreed as correct record, with no matters arising.",
            ResolutionKind.AGREED,
        ),
        (
            "Dr Lowe presented the plan. The Executive approved the plan in principle, subject "
            "to costs.",
            "The Executive approved the plan in principle, subject to costs.",
            ResolutionKind.APPROVED,
        ),
        (
            "The Board agreed to note the report and thanked the team.",
            "The Board agreed to note the report and thanked the team.",
            ResolutionKind.AGREED,
        ),
        (
            "The Board noted the quarterly figures.",
            "The Board noted the quarterly figures.",
            ResolutionKind.NOTED,
        ),
        (
            "The Harbour Users Forum endorsed the new berthing rules.",
            "The Harbour Users Forum endorsed the new berthing rules.",
            ResolutionKind.APPROVED,
        ),
    ],
)
def test_decision_sentences_without_a_formal_marker(text: str, expected: str, kind: str) -> None:
    [resolution] = resolutions(text)
    assert (resolution.text, resolution.kind, resolution.label) == (expected, kind, None)


def test_decision_sentence_ending_in_colon_keeps_its_conditions() -> None:
    text = (
        "The Executive approved the proposal in principle, subject to the following:\n\n"
        "·  Costs for the first year;\n\n·  A named lead.\n\n"
        "Action – Jo to revise the proposal\n"
    )
    [resolution] = resolutions(text)
    assert resolution.text.startswith("The Executive approved the proposal in principle")
    assert resolution.text.endswith("A named lead.")
    assert "Action" not in resolution.text


def test_sentences_are_ignored_when_there_is_a_formal_resolution() -> None:
    text = "The Board noted the figures.\n\nRESOLVED: That the report be noted."
    assert pairs(text) == [(None, "That the report be noted.")]


def test_list_stops_at_a_blank_separated_paragraph_and_at_a_heading() -> None:
    text = (
        "RESOLVED:\n\n1) That the report be noted.\n\n"
        "The Chair then moved to the next item, which was about parking.\n\n2) Not a resolution."
    )
    assert pairs(text) == [("1)", "That the report be noted.")]
    text = "RESOLVED:\ni) That the report be noted.\nParking Review\nThe officer said more."
    assert pairs(text) == [("i)", "That the report be noted.")]


def test_unlabelled_that_paragraphs() -> None:
    text = (
        "RESOLVED:\n\nThat the report be noted.\n\nThat a working group be set up.\n\n"
        "Councillor Pike left the meeting."
    )
    assert pairs(text) == [
        (None, "That the report be noted."),
        (None, "That a working group be set up."),
    ]


def test_kent_printed_inline_resolution_wrapping_across_lines() -> None:
    text = (
        "(4) The Leader moved the recommendations, which were agreed.\n"
        "RESOLVED that the County Council approves the revenue budget for 2025-26 and\n"
        "the capital programme set out in Appendix B, subject to the changes agreed\n"
        "at the meeting.\n"
        "\n"
        "281. Treasury Management Strategy\n"
    )
    [resolution] = resolutions(text)
    assert resolution.text == (
        "that the County Council approves the revenue budget for 2025-26 and\n"
        "the capital programme set out in Appendix B, subject to the changes agreed\n"
        "at the meeting."
    )


def test_kent_printed_numbered_paragraph_with_wrapped_lettered_items() -> None:
    text = (
        "2. The Cabinet Member answered questions.\n"
        "3. RESOLVED that Cabinet agree to:\n"
        "(a) APPROVE the school transport policy for 2025-26, including the\n"
        "changes to the post-16 offer; and\n"
        "(b) DELEGATE authority to the Corporate Director to implement the policy.\n"
        "4. Reasons for the decision were set out in the report.\n"
    )
    assert pairs(text) == [
        (
            "(a)",
            "APPROVE the school transport policy for 2025-26, including the\n"
            "changes to the post-16 offer",
        ),
        ("(b)", "DELEGATE authority to the Corporate Director to implement the policy."),
    ]


def test_sub_list_belongs_to_the_item_that_introduces_it() -> None:
    text = (
        "RESOLVED:\n1) That the following fees be set:\n(a) parking £2;\n(b) permits £40.\n"
        "2) That the fees be reviewed in a year."
    )
    found = resolutions(text)
    assert [r.label for r in found] == ["1)", "2)"]
    assert found[0].text.endswith("(b) permits £40.")


def test_narrative_uses_of_resolved_and_agreed_are_not_decisions() -> None:
    text = (
        "Councillor Ash said the drainage issue had been resolved in May.\n"
        "Resolved issues were listed in the appendix.\n"
        "Decision making on the depot would follow in June.\n"
    )
    assert resolutions(text) == []
    assert resolutions("The weather was poor and the park was quiet.") == []


def test_printed_list_that_slips_between_letter_cases() -> None:
    text = (
        "3. RESOLVED that Cabinet agree to:\n\n"
        "A) Note the forecast overspend of £2.1m.\n"
        "b) Note the capital underspend.\n"
        "c) Agree the budget changes.\n\n\n12\n"
    )
    assert [r.label for r in resolutions(text)] == ["A)", "b)", "c)"]


def test_a_decision_cited_by_its_number_is_not_a_decision() -> None:
    text = (
        "(a) Members considered the call-in of the following.\n"
        "Decision - 24/00311 - Future of the Riverside Day Centre was referred to Council.\n"
    )
    assert resolutions(text) == []


def test_numbered_paragraph_then_a_list_restarting_at_one_is_the_resolution_list() -> None:
    text = (
        "6.  The Leader introduced the report. \n \n"
        "7. RESOLVED that Cabinet: \n \n"
        "1. Agree to submit a bid for the coastal transport fund, jointly with \n"
        "Harbourside Council; \n \n"
        "2. Note the timetable for the bid; and \n \n"
        "3. Agree to report back in March \n \n"
        "8.  The Chair thanked officers. \n"
    )
    found = extract_resolutions(text)
    assert [r.label for r in found] == ["1.", "2.", "3."]
    assert found[0].text == (
        "Agree to submit a bid for the coastal transport fund, jointly with \nHarbourside Council"
    )
    assert all(r.text in text for r in found)
