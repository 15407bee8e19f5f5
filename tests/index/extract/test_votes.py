"""Each vote grammar on its own printed shape (fictional text)."""

from __future__ import annotations

from index.extract.votes.kent import KENT_VOTES
from index.extract.votes.london import LONDON_VOTES
from index.extract.votes.portland import PORTLAND_VOTES
from index.models import VoteResult
from tests.paths import FIXTURES as TEST_FIXTURES

FIXTURES = TEST_FIXTURES / "kent"

KENT = (FIXTURES / "vote_across_page_break.txt").read_text(encoding="utf-8")


def test_kent_vote_across_a_page_break_with_lost_amendment() -> None:
    (vote,) = KENT_VOTES.votes(KENT)
    assert vote.text in KENT
    assert vote.text.startswith("For (2)") and vote.text.endswith("Amendment lost.")
    assert vote.result == VoteResult.LOST
    assert vote.yeas == ("Mrs Yarrow", "Mr Lodge")
    assert vote.nays == ("Mr Abel", "Mrs Brent", "Ms Cole")
    assert vote.abstentions == ()
    assert (vote.yea_count, vote.nay_count, vote.abstain_count) == (2, 3, 0)
    assert (vote.mover, vote.seconder) == ("Mrs Yarrow", "Mr Lodge")


def test_kent_vote_without_result_line_is_decided_by_counts() -> None:
    text = "For (4)\n\nMr A, Mr B, Mr C, Mr D\n\nAgainst (4)\n\nMr E, Mr F, Mr G, Mr H\n\n6) The meeting ended."
    (vote,) = KENT_VOTES.votes(text)
    assert vote.result == VoteResult.LOST  # a tie fails
    assert vote.text.endswith("Mr H")


LONDON = """> Motion made by R. Stone

> Seconded by T. Vale

That the Civic Administration BE DIRECTED to plant 500 trees.

> [!abstract]- Vote:
> |Yeas:|Nays:|Absent:|Recuse:|
> |-|-|-|-|
> |R. Stone|M. Quinn|P. Oak|L. Fir|
> |T. Vale||||
> |Mayor K. Ash|S. Pine|||

> **Motion Failed (3 to 2)**

****

> Moved by M. Quinn

That the matter BE REFERRED to staff.

> **Motion Passed**
"""


def test_london_side_by_side_table_and_two_thirds_failure() -> None:
    failed, referral = LONDON_VOTES.votes(LONDON)
    assert failed.result == VoteResult.LOST  # printed "Failed" wins over 3 to 2
    assert (failed.mover, failed.seconder) == ("R. Stone", "T. Vale")
    assert failed.yeas == ("R. Stone", "T. Vale", "Mayor K. Ash")
    assert failed.nays == ("M. Quinn", "S. Pine")
    assert failed.absent == ("P. Oak",)
    assert failed.abstentions == ("L. Fir",)
    assert failed.motion == "That the Civic Administration BE DIRECTED to plant 500 trees."
    assert failed.text.startswith("> Motion made by R. Stone")
    assert failed.text.endswith("> **Motion Failed (3 to 2)**")
    assert referral.result == VoteResult.CARRIED
    assert (referral.mover, referral.seconder) == ("M. Quinn", None)
    assert referral.yea_count is None


def test_portland_roll_call_votes() -> None:
    text = "(Ordinance)  (Y-5) 190001  12 Accept report  (Report)  (Y-3; N-2) ACCEPTED"
    first, second = PORTLAND_VOTES.votes(text)
    assert (first.text, first.yea_count, first.result) == ("(Y-5)", 5, VoteResult.CARRIED)
    assert (second.yea_count, second.nay_count, second.result) == (3, 2, VoteResult.CARRIED)


def test_text_without_votes_gives_none() -> None:
    text = "The Board noted the update. Forty people attended."
    assert [g.votes(text) for g in (KENT_VOTES, LONDON_VOTES, PORTLAND_VOTES)] == [[], [], []]


def test_kent_outcome_without_a_recorded_vote() -> None:
    text = "4) The Chairman put the motion to the vote.\nMotion carried.\n \n5) RESOLVED that …"
    (vote,) = KENT_VOTES.votes(text)
    assert (vote.text, vote.result, vote.yea_count) == ("Motion carried.", VoteResult.CARRIED, None)


def test_kent_vote_records_the_amendment_it_decides() -> None:
    """ "put the amendment to the vote" names no paragraph: the amendment is the quotation
    after "proposed and … seconded the following amendment:" above it."""
    (vote,) = KENT_VOTES.votes(KENT)
    assert vote.motion == "“That the budget for bus shelters be doubled.”"
    assert vote.motion in KENT


def test_kent_mover_is_not_carried_over_to_the_next_vote() -> None:
    text = (
        "1) Mr Ash proposed and Mrs Birch seconded the motion.\n\nFor (2)\n\nMr Ash, Mrs Birch\n\n"
        "Motion carried.\n\n2) The Chairman put the substantive motion to the vote.\n\n"
        "For (2)\n\nMr Ash, Mrs Birch\n\nSubstantive motion carried.\n"
    )
    first, second = KENT_VOTES.votes(text)
    assert (first.mover, first.seconder) == ("Mr Ash", "Mrs Birch")
    assert (second.mover, second.seconder) == (None, None)
    assert second.motion == "2) The Chairman put the substantive motion to the vote."
