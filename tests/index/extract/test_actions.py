"""extract_actions on small fictional texts, one per way minutes record an action."""

from __future__ import annotations

import pytest

from index.extract.actions import extract_actions
from index.models import Action, Resolution, ResolutionKind

NB = "\u00a0"


def actions(text: str, resolutions: tuple[Resolution, ...] = ()) -> list[Action]:
    found = extract_actions(text, resolutions)
    quotable = text + "".join(r.text for r in resolutions)
    for action in found:
        assert action.text in quotable and action.text == action.text.strip()
        assert action.update is None or action.update in text
    return found


def test_action_line_with_update_and_status() -> None:
    text = (
        "Actions updated as follows:\n\n"
        "Action – Rosa to contact the Fire Service regarding the shared depot\n\n"
        "Update - cleared as meeting held on 3rd May.\n\n"
        f"{NB}\n\n"
        "Action – Executive to review the hubs evaluation framework\n\n"
        "Update – in progress, two partners still to respond.\n\n"
        "Action – Tom to write to the bus company\n\n"
        "Update - letter drafted, awaiting sign off.\n"
    )
    found = actions(text)
    assert [(a.owner, a.status) for a in found] == [
        ("Rosa", "cleared"),
        ("Executive", "in progress"),
        ("Tom", None),
    ]
    assert found[0].text == "Rosa to contact the Fire Service regarding the shared depot"
    assert found[0].update == "cleared as meeting held on 3rd May."
    assert found[2].update == "letter drafted, awaiting sign off."


def test_duplicated_title_is_collapsed_and_month_is_the_due_date() -> None:
    [action] = actions(
        "Action Dr Dr Mensah to bring the revised proposal back to the Executive in November."
    )
    assert action.owner == "Dr Mensah"
    assert action.due == "November"
    assert action.text.startswith("Dr Dr Mensah to bring")


def test_person_agreed_to_deliver_on_the_action() -> None:
    text = (
        f"(k){NB} Ms Adair agreed to deliver on the action to share the workforce plan with "
        "the colleges.\n"
    )
    [action] = actions(text)
    assert action.owner == "Ms Adair"
    assert action.text == (
        "Ms Adair agreed to deliver on the action to share the workforce plan with the colleges."
    )


def test_action_tag_after_a_sentence() -> None:
    text = (
        "The Board asked for a map of the new cycle routes. (Action: Priya Shah/Tom Evans)\n\n"
        "Members wanted more detail on school travel plans. ACTION: Public Health Team\n"
    )
    found = actions(text)
    assert [(a.owner, a.text) for a in found] == [
        ("Priya Shah/Tom Evans", "The Board asked for a map of the new cycle routes."),
        ("Public Health Team", "Members wanted more detail on school travel plans."),
    ]


def test_action_on_its_own_line_names_the_owner_of_the_sentence_before() -> None:
    text = "A leaflet on the new bins would help residents.\n\nACTION: Waste Services Team\n"
    [action] = actions(text)
    assert action.owner == "Waste Services Team"
    assert action.text == "A leaflet on the new bins would help residents."


def test_to_be_invited_to_future_meetings() -> None:
    [action] = actions("The Chair of the Youth Forum to be invited to future meetings.")
    assert action.owner is None
    assert action.text == "The Chair of the Youth Forum to be invited to future meetings."


def test_officer_was_asked_to() -> None:
    text = (
        "The Director of Housing and Regeneration was asked to confirm the number of empty "
        "homes by the next meeting."
    )
    [action] = actions(text)
    assert action.owner == "the Director of Housing and Regeneration"
    assert action.due == "by the next meeting"


def test_promise_made_in_discussion() -> None:
    text = (
        "Councillor Finch asked for a list of grant recipients. The Community Grants Manager "
        "assured the Committee that a list was being compiled and that it would be circulated "
        "once finalised."
    )
    [action] = actions(text)
    assert action.owner == "the Community Grants Manager"
    assert action.text.startswith("The Community Grants Manager assured the Committee")


@pytest.mark.parametrize(
    "resolution, owner, due",
    [
        (
            "That the Head of Leisure is to provide an update in three months.",
            "Head of Leisure",
            "in three months",
        ),
        (
            "That the Parks Programme Director share the survey results on the council website.",
            "Parks Programme Director",
            None,
        ),
        (
            "Delegate authority to the Director of Public Health in consultation with the "
            "Cabinet Member to agree the final contract.",
            "Director of Public Health",
            None,
        ),
        (
            "That the Mayor BE REQUESTED to advocate to the Province for rural transit funding.",
            "the Mayor",
            None,
        ),
        (
            "That the Civic Administration BE DIRECTED to report back by the end of the year "
            "on options for the arena.",
            "the Civic Administration",
            "by the end of the year",
        ),
        (
            "That the draft strategy be circulated to all Members before the end of June.",
            None,
            "before the end of June",
        ),
    ],
)
def test_resolutions_that_assign_work(resolution: str, owner: str | None, due: str) -> None:
    text = f"RESOLVED:\n\n1)   {resolution}\n"
    [action] = actions(text)
    assert (action.text, action.owner, action.due) == (resolution, owner, due)


def test_motions_passed_in_by_another_parser() -> None:
    motion = "That the Civic Administration BE DIRECTED to consult residents on the bike lanes;"
    item_text = f"Moved by: A. Author\n\n{motion}\n\nMotion Passed (12 to 3)\n"
    given = (Resolution(text=motion, kind=ResolutionKind.MOTION),)
    [action] = actions(item_text, given)
    assert action.owner == "the Civic Administration"
    assert action.text == motion


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED:\n\n1) That the report be noted.\n\n2) That the plan be approved.",
        "The Board agreed to note the update.",
        "The Board were asked to note the contents of the report.",
        "Actions updated as follows:",
        "The Board noted that the annual report would be published in October.",
        "Mr Hale confirmed that a new plan would be developed.",
    ],
)
def test_decisions_and_narrative_are_not_actions(text: str) -> None:
    assert actions(text) == []


@pytest.mark.parametrize(
    "resolution, owner",
    [
        (
            "that delegated authority be given to the Corporate Director of Adult Social Care "
            "and Health in consultation with the Cabinet Member to take the relevant actions",
            "Corporate Director of Adult Social Care and Health",
        ),
        (
            "Delegates authority to the Corporate Director for Growth, Environment\n& Transport, "
            "in consultation with the Cabinet Member, to make minor changes.",
            "Corporate Director for Growth, Environment & Transport",
        ),
        (
            "the Mayor and the City Clerk BE AUTHORIZED to execute the licence agreement;",
            "the Mayor and the City Clerk",
        ),
        (
            "subject to approval of a) above, the Civic Administration BE DIRECTED to report "
            "back on the pilot;",
            "the Civic Administration",
        ),
    ],
)
def test_printed_and_north_american_delegations(resolution: str, owner: str) -> None:
    given = (Resolution(text=resolution),)
    [action] = actions(resolution, given)
    assert action.owner == owner
    assert action.text == resolution


def test_an_approval_is_not_an_authorised_task() -> None:
    text = "the release of the 2019 easement BE AUTHORIZED, to take effect on registration;"
    assert actions(text, (Resolution(text=text, kind=ResolutionKind.MOTION),)) == []


def test_action_sentence_wrapped_over_pdf_lines() -> None:
    text = (
        "Most placements were made within a month, Ms\n"
        "Coombs offered to provide Members with further details about the\n"
        "waiting times.\n"
    )
    [action] = actions(text)
    assert action.owner == "Ms Coombs"
    assert action.text.endswith("further details about the\nwaiting times.")


def test_an_action_sentence_neither_breaks_at_a_title_nor_starts_with_a_closing_quote() -> None:
    tagged = (
        "The Board noted the figures. Mr. Brown would circulate the report. (Action: Mr. Brown)\n"
    )
    (action,) = extract_actions(tagged)
    assert action.text == "Mr. Brown would circulate the report."
    quoted = "It was noted. Dr. Patel said the plan “was late.” The Clerk agreed to circulate it.\n"
    (action,) = extract_actions(quoted)
    assert action.text == "The Clerk agreed to circulate it."


def test_the_holder_of_a_post_of_a_body_owns_what_they_offered() -> None:
    text = (
        "Members welcomed it.\nThe Chair of Eastbrook Youth Council offered to run two workshops.\n"
    )
    [action] = actions(text)
    assert action.owner == "the Chair of Eastbrook Youth Council"
    # the body itself is no owner of a task
    assert actions("Members welcomed it.\nThe Eastbrook Youth Council agreed to run it.\n") == []
