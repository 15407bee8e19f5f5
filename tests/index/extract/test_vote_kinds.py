"""Each vote knows what it decided (issue 22, point 2): the motion itself, or a procedural step
(an amendment, a recess, an extension of time, closed session, adjournment, a referral, other
procedure), read from fictional minutes in the Kent, London and Portland shapes; and a vote
keeps its motion wherever the minutes state one."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from index.extract.votes.kent import KENT_VOTES
from index.extract.votes.kinds import vote_kind
from index.extract.votes.london import LONDON_VOTES
from index.formats.portland import FORMAT as PORTLAND
from index.models import Vote, VoteKind, VoteResult
from index.schema import Key, decode_item


@pytest.mark.parametrize(
    ("motion", "kind"),
    [
        ("That the Council recess at this time, for 10 minutes.", VoteKind.RECESS),
        ("That the Committee recess at this time.", VoteKind.RECESS),
        (
            "That pursuant to section 9.2 of the Council Procedure By-law, the Council BE "
            "PERMITTED to proceed beyond 6:00 PM.",
            VoteKind.EXTENSION,
        ),
        (
            "The Chairman proposed and the Vice-Chairman seconded that Council resolve to "
            "extend the meeting beyond 4.30pm.",
            VoteKind.EXTENSION,
        ),
        (
            "That Council rise and go into Council, In Closed Session, for the purpose of "
            "considering the following:",
            VoteKind.CLOSED_SESSION,
        ),
        ("That the meeting BE ADJOURNED.", VoteKind.ADJOURNMENT),
        (
            "That the staff report on ferry fares BE REFERRED to the next meeting.",
            VoteKind.REFERRAL,
        ),
        ("That the Harbour Strategy BE DEFERRED pending the review.", VoteKind.REFERRAL),
        (
            "That the motion BE AMENDED to include a new part c) to read as follows:",
            VoteKind.AMENDMENT,
        ),
        ("That part b) of the motion be amended to read as follows:", VoteKind.AMENDMENT),
        ("Motion to amend part a) to read as follows: a) the fee BE SET", VoteKind.AMENDMENT),
        (
            "That the delegation request from J. Marsh BE APPROVED to be heard at this time.",
            VoteKind.PROCEDURE,
        ),
        ("Motion to open the public participation meeting.", VoteKind.PROCEDURE),
        ("That the motion, as amended, BE APPROVED.", VoteKind.MOTION),
        (
            "That the following actions be taken: a) the report BE RECEIVED; b) the study BE "
            "REFERRED to the working group;",
            VoteKind.MOTION,  # a referral among its parts does not make it procedural
        ),
        (
            "That the by-law on market stalls BE AMENDED in section 4 to raise the fee.",
            VoteKind.MOTION,  # amending a by-law is a decision, not an amendment to a motion
        ),
        (
            "“That the Council makes comments but does not require reconsideration of the "
            "decision.”",
            VoteKind.MOTION,
        ),
    ],
)
def test_a_vote_is_classified_by_its_motion(motion: str, kind: str) -> None:
    assert vote_kind(Vote(text="> **Motion Passed**", motion=motion)) == kind


def test_a_kent_tally_ending_amendment_lost_is_an_amendment_whatever_its_motion() -> None:
    vote = Vote(text="For (3)\n\nMr Ash\n\nAgainst (9)\n\nAmendment lost.", motion="“Delete x.”")
    assert vote_kind(vote) == VoteKind.AMENDMENT


KENT = (
    "1)      Mrs Birch proposed, and Mr Ash seconded the motion that\n\n"
    "“This Council resolves to repair the harbour wall.”\n\n"
    "2)      The Chairman proposed and the Vice-Chairman seconded that the Council\n"
    "adjourn for a recess of ten minutes.\n\n"
    "3)      The Chairman put the motion set out in paragraph 2 to the vote and the voting\n"
    "was as follows:\n\n"
    "For (9)\n\nMr Ash, Mrs Birch, Ms Cole\n\nAgainst (2)\n\nMr Dale, Mrs Elm\n\n"
    "Abstain (0)\n\nMotion carried.\n\n"
    "4)      Mr Dale proposed and Mrs Elm seconded the following amendment:\n\n"
    "“Delete ‘harbour wall’ and insert ‘slipway’.”\n"
    "Amendment lost.\n\n"
    "5)      Following the debate, the Chairman put the motion set out in paragraph 1 to\n"
    "the vote.\n"
    "Motion carried.\n"
)


def test_kent_votes_each_keep_their_motion_and_kind() -> None:
    recess, amendment, motion = KENT_VOTES.votes(KENT)
    assert (recess.kind, recess.procedural, recess.nays) == (
        VoteKind.RECESS,
        True,
        ("Mr Dale", "Mrs Elm"),
    )
    assert recess.motion is not None and recess.motion.endswith("recess of ten minutes.")
    # outcome lines without a recorded tally still carry the motion stated above them
    assert amendment.text == "Amendment lost."
    assert (amendment.kind, amendment.result) == (VoteKind.AMENDMENT, VoteResult.LOST)
    assert amendment.motion == "“Delete ‘harbour wall’ and insert ‘slipway’.”"
    assert (amendment.mover, amendment.seconder) == ("Mr Dale", "Mrs Elm")
    assert motion.text == "Motion carried."
    assert motion.motion == "“This Council resolves to repair the harbour wall.”"
    assert (motion.kind, motion.procedural) == (VoteKind.MOTION, False)
    assert (motion.mover, motion.seconder) == ("Mrs Birch", "Mr Ash")  # above its own words
    for vote in (recess, amendment, motion):
        assert vote.motion is not None and vote.motion in KENT


LONDON = """> Motion made by A. Reed

That the Committee recess at this time, for 5 minutes.

> **Motion Passed**

> Motion made by A. Reed

> Seconded by B. Stone

That the 2025 Ferry Fares Schedule BE APPROVED.

> [!abstract]- Vote:
> |Yeas:|Nays:|
> |-|-|
> |A. Reed|C. Tull|
> |B. Stone||

> **Motion Passed (2 to 1)**
"""


def test_london_votes_carry_their_motion_names_and_kind() -> None:
    recess, fares = LONDON_VOTES.votes(LONDON)
    assert (recess.kind, recess.procedural) == (VoteKind.RECESS, True)
    assert fares.motion == "That the 2025 Ferry Fares Schedule BE APPROVED."
    assert (fares.kind, fares.procedural, fares.nays, fares.yeas) == (
        VoteKind.MOTION,
        False,
        ("C. Tull",),
        ("A. Reed", "B. Stone"),
    )


def test_a_portland_roll_call_votes_on_the_entry_as_printed() -> None:
    entry = "*48 Accept a grant of $12,000 for river trail signage  (Ordinance)  (Y-4; N-1) 184410"
    [vote] = PORTLAND.votes(entry)
    assert vote.motion == "Accept a grant of $12,000 for river trail signage  (Ordinance)"
    assert vote.motion in entry and (vote.yea_count, vote.nay_count) == (4, 1)


def test_a_vote_stored_before_kinds_is_classified_on_reading() -> None:
    old = asdict(Vote(text="> **Motion Passed**", motion="That the meeting BE ADJOURNED."))
    del old["kind"], old["procedural"]
    [vote] = decode_item({Key.VOTES: json.dumps([old])}).votes
    assert (vote.kind, vote.procedural) == (VoteKind.ADJOURNMENT, True)


def test_a_vote_stored_by_a_later_version_is_still_read() -> None:
    newer = {**asdict(Vote(text="(Y-5)", motion="Accept the grant")), "ballot_round": 2}
    [vote] = decode_item({Key.VOTES: json.dumps([newer])}).votes
    assert vote.motion == "Accept the grant"
