"""extract_motions: North-American BE-clauses and Portland dispositions (fictional text)."""

from __future__ import annotations

from index.extract.motions import extract_motions
from index.models import ResolutionKind

NBSP = "\u00a0"

MOTION = f"""That, on the recommendation of the City Engineer, the following actions be taken:

a) {NBSP} {NBSP}the tender from Brightway Paving Ltd. BE ACCEPTED at $1,200,000.00; and,

b) {NBSP} {NBSP}the Civic Administration BE AUTHORIZED to execute the contract;

c) {NBSP} {NBSP}the report BE RECEIVED.

That the delegation from A. Reed BE APPREOVED.

That the matter BE REFERRED to the Traffic Committee.

That the matter BE REFERRED to the Traffic Committee.
"""


def test_each_lettered_clause_is_a_motion_with_its_label() -> None:
    found = extract_motions(MOTION)
    assert [(r.label, r.text) for r in found] == [
        ("a)", "the tender from Brightway Paving Ltd. BE ACCEPTED at $1,200,000.00; and,"),
        ("b)", "the Civic Administration BE AUTHORIZED to execute the contract;"),
        ("c)", "the report BE RECEIVED."),
        (None, "That the delegation from A. Reed BE APPREOVED."),
        (None, "That the matter BE REFERRED to the Traffic Committee."),
    ]
    assert all(r.kind == ResolutionKind.MOTION for r in found)
    assert all(r.text in MOTION for r in found)


def test_wrapped_motion_paragraph_stays_one_resolution() -> None:
    text = "That the Mayor BE REQUESTED to write to the Minister\nabout transit funding.\n"
    (motion,) = extract_motions(text)
    assert (
        motion.text
        == "That the Mayor BE REQUESTED to write to the Minister\nabout transit funding."
    )


def test_portland_dispositions_stop_before_the_next_entry() -> None:
    text = (
        "(Ordinance)  PASSED TO  SECOND READING MAY 4, 2011 AT 2:00 PM Bureau of Parks  "
        "*12 Amend code  (Ordinance)  REFERRED TO COMMISSIONER OF PUBLIC SAFETY  13 Accept "
        "report  (Report)  (Y-5) ACCEPTED  14 Request of B. Orr  (Communication)  PLACED ON FILE"
        "  CONSENT AGENDA"
    )
    found = extract_motions(text)
    assert [r.text for r in found] == [
        "PASSED TO  SECOND READING MAY 4, 2011 AT 2:00 PM",
        "REFERRED TO COMMISSIONER OF PUBLIC SAFETY",
        "ACCEPTED",
        "PLACED ON FILE",
    ]
    assert all(r.kind == ResolutionKind.DISPOSITION for r in found)


def test_prose_is_not_a_motion() -> None:
    assert extract_motions("The Committee received a presentation. Members asked questions.") == []
    assert extract_motions("RESOLVED that the report be noted.") == []


def test_sub_list_under_a_clause_ending_in_a_colon_is_part_of_the_decision() -> None:
    text = (
        f"a) {NBSP}the proposed by-law BE INTRODUCED at the Council meeting on May 6, 2025, to:\n\n"
        f"i) {NBSP}approve the Lease Agreement with Harbour Rowing Club; and,\n\n"
        f"ii) {NBSP}authorize the Mayor and the Clerk to execute it;\n\n"
        "it being noted that a delegation was received.\n\n"
        "iii) not part of any decision\n"
    )
    found = extract_motions(text)
    assert [(r.label, r.text) for r in found] == [
        ("a)", "the proposed by-law BE INTRODUCED at the Council meeting on May 6, 2025, to:"),
        ("i)", "approve the Lease Agreement with Harbour Rowing Club; and,"),
        ("ii)", "authorize the Mayor and the Clerk to execute it;"),
    ]


def test_a_clause_ending_in_a_colon_takes_its_list_of_names() -> None:
    text = (
        "> Moved by R. Stone\n\n"
        "That the following applicants BE APPOINTED to the Harbour Advisory Committee for the "
        "term ending March 31, 2027:\n\n"
        "Ada Quill\n\nMarcus de la Rue\n\nCouncillor T. Vale\n\n"
        "> [!abstract]- Vote:\n"
    )
    [motion] = extract_motions(text)
    assert motion.text.startswith("That the following applicants BE APPOINTED")
    assert motion.text.endswith("Councillor T. Vale")
    assert motion.text in text


def test_marked_names_belong_to_the_clause_but_marked_tasks_stay_sub_items() -> None:
    text = (
        "a) the following individuals BE APPOINTED to the Parks Task Force:\n\n"
        f"i){NBSP} Ada Quill;\n\nii) Marcus Stone; and\n\n"
        "b) the Civic Administration BE DIRECTED to convene the Task Force.\n"
    )
    found = extract_motions(text)
    assert [r.label for r in found] == ["a)", "b)"]
    assert found[0].text.endswith("ii) Marcus Stone; and")
    assert all(r.text in text for r in found)


def test_a_list_that_is_not_only_names_is_left_as_sub_items() -> None:
    text = (
        "c) the Cycling Network maps BE APPROVED, except the following BE REMOVED:\n\n"
        "A. Royal Crescent east of Clarke Road to Wexford Avenue;\n\n"
        "B. Sovereign Road;\n"
    )
    found = extract_motions(text)
    assert [r.label for r in found] == ["c)", "A.", "B."]
    assert found[0].text.endswith("BE REMOVED:")
