"""Seeds 001 and 003: Trafford item pages with numbered RESOLVED (and RESSOLVED) lists."""

from __future__ import annotations

from index.models import ResolutionKind
from tests.index.conftest import assert_all_quotes_verbatim

RECOVERY_RESOLUTIONS = [
    ("1)", "That the Recovery and Reform: Strategic Design Group Highlight Report be noted."),
    ("2)", "That the Measurement Framework be noted"),
    ("3)", "That the Communications and Engagement Strategy Report be noted."),
    ("4)", "That the overview of the #Future Trafford Campaign be noted."),
    (
        "5)",
        "That the Measurement Framework is to come to the Board before the end of the year.",
    ),
    (
        "6)",
        "That the presentation on the eight sources of learning from the COVID 19 period be "
        "circulated to Board Members.",
    ),
    ("7)", "That the glossary of acronyms be shared with Board Members once completed."),
    (
        "8)",
        "That the Health & Social Care Programme Director share that information of "
        "safeguarding adults’ week on the NHS and Care Facebook page.",
    ),
]


def test_recovery_item_title_and_text(seed) -> None:
    _, meeting = seed("001")
    [item] = meeting.items
    assert item.title == "LOCAL CARE ALLIANCE: HEALTH AND SOCIAL CARE RECOVERY AND REFORM"
    assert item.text.startswith("The Corporate Director of Adult Services went through")
    assert item.text.endswith("on the NHS and Care Facebook page.")
    assert "Supporting documents" not in item.text
    assert_all_quotes_verbatim(meeting)


def test_recovery_item_has_eight_numbered_resolutions(seed) -> None:
    _, meeting = seed("001")
    resolutions = meeting.items[0].resolutions
    assert [(r.label, r.text) for r in resolutions] == RECOVERY_RESOLUTIONS
    assert {r.kind for r in resolutions} == {ResolutionKind.RESOLVED}
    for resolution in resolutions:
        assert "\u00a0" not in resolution.text


def test_recovery_item_actions(seed) -> None:
    _, meeting = seed("001")
    actions = meeting.items[0].actions
    by_text = {action.text: action for action in actions}
    share = by_text[RECOVERY_RESOLUTIONS[7][1]]
    assert share.owner == "Health & Social Care Programme Director"
    framework = by_text[RECOVERY_RESOLUTIONS[4][1]]
    assert framework.due == "before the end of the year"
    glossary = next(a for a in actions if a.text.startswith("The Health & Social Care Programme"))
    assert glossary.owner == "the Health & Social Care Programme Director"
    assert "glossary was being developed" in glossary.text
    # Noting a report gives nobody work.
    assert RECOVERY_RESOLUTIONS[0][1] not in by_text
    assert RECOVERY_RESOLUTIONS[3][1] not in by_text


def test_locality_plan_ressolved_typo(seed) -> None:
    _, meeting = seed("003")
    [item] = meeting.items
    assert item.title == "LOCALITY PLAN"
    assert item.text.startswith("The Director of Integrated Health and Social Care Strategy")
    assert "To receive a presentation" not in item.text  # the agenda note precedes Minutes:
    assert [(r.label, r.text) for r in item.resolutions] == [
        ("1)", "That the report be noted and recommendations agreed."),
        (
            "2)",
            "That the Director of Integrated Health and Social Care Strategy is to provide an "
            "update in three months.",
        ),
    ]
    assert_all_quotes_verbatim(meeting)


def test_locality_plan_action_owner_and_due(seed) -> None:
    _, meeting = seed("003")
    [action] = meeting.items[0].actions
    assert action.owner == "Director of Integrated Health and Social Care Strategy"
    assert action.due == "in three months"
    assert action.text == meeting.items[0].resolutions[1].text
