"""Rule C of issue 11 on fictional Kent-style minutes: a recorded vote carries the verbatim
motion or amendment it decides, wherever the minutes print it."""

from __future__ import annotations

from index.extract.votes.kent import KENT_VOTES
from index.models import Vote, VoteResult

TALLY = (
    "For (3)\n\nMr Ash, Mrs Birch, Ms Cole\n\nAgainst (5)\n\n{nays}\n\nAbstain (0)\n\n{result}\n"
)
NAYS = "Mr Dale, Mrs Elm, Mr Fir, Ms Gorse, Mr Hazel"


def votes(text: str) -> list[Vote]:
    found = KENT_VOTES.votes(text)
    for vote in found:
        assert vote.text in text
        assert vote.motion is None or vote.motion in text
    return found


def tally(result: str = "Motion lost.") -> str:
    return TALLY.format(nays=NAYS, result=result)


def test_the_paragraph_a_vote_points_to_gives_its_quoted_motion() -> None:
    text = (
        "9) The Chairman proposed that the meeting continue beyond 4.30pm and it was agreed.\n\n"
        "10)    Mrs Birch proposed, and Mr Ash seconded the motion that\n\n"
        "“County Council notes that:\n\n"
        "1.      The harbour wall is failing;\n"
        "2.      Repairs are overdue.\n\n"
        "This Council resolves to ask the Cabinet Member to:\n\n"
        "1.      Write to the Harbour Board.”\n\n"
        "11)    Following the debate, the Chairman put the motion set out in paragraph 10\n"
        "to the vote and the voting was as follows.\n\n" + tally()
    )
    [vote] = votes(text)
    assert vote.result == VoteResult.LOST
    assert vote.motion is not None
    assert vote.motion.startswith("“County Council notes that:")
    assert vote.motion.endswith("Write to the Harbour Board.”")
    assert (vote.mover, vote.seconder) == ("Mrs Birch", "Mr Ash")


def test_a_numbered_line_inside_a_quotation_is_not_the_paragraph_pointed_to() -> None:
    text = (
        "1. Mr Ash proposed and Mrs Birch seconded the following amendment:\n\n"
        "“That the Council:\n\n"
        "2. Doubles the budget for bus shelters.”\n\n"
        "2. Mrs Elm spoke against the amendment.\n\n"
        "3. The Chairman put the amendment set out in paragraph 1 to the vote and the voting\n"
        "was as follows:\n\n" + tally("Amendment lost.")
    )
    [vote] = votes(text)
    assert vote.motion == "“That the Council:\n\n2. Doubles the budget for bus shelters.”"


def test_a_quotation_in_the_put_paragraph_is_what_was_voted_on() -> None:
    text = (
        "5) The Chairman put part 2 of the motion at paragraph 3 – “asks the Leader to write\n"
        "to the Minister” – to the vote and the voting was as follows:\n\n" + tally("Agreed.")
    )
    [vote] = votes(text)
    assert vote.motion == "“asks the Leader to write\nto the Minister”"
    assert vote.result == VoteResult.CARRIED


def test_an_amendment_above_the_tally_is_its_motion() -> None:
    text = (
        "(7)    Mrs Birch proposed, and Mr Ash seconded the following amendment:\n\n"
        "Proposed Purpose:\n\n"
        "“To fund two more lifeguards at the lido.”\n\n"
        "Proposed Amount:\n\n"
        "“£80k”\n\n"
        "Post meeting note – the costings are published online.\n\n" + tally("Amendment lost.")
    )
    [vote] = votes(text)
    assert vote.motion == (
        "“To fund two more lifeguards at the lido.”\n\nProposed Amount:\n\n“£80k”"
    )
    assert vote.result == VoteResult.LOST


def test_a_motion_moved_in_the_minutes_own_words() -> None:
    text = (
        "3) The Chairman proposed and the Vice-Chairman seconded that the meeting continue\n"
        "until 5.30pm.\n\n"
        "4) The Chairman put the motion set out in paragraph 3 to the vote and the voting was\n"
        "as follows:\n\n" + tally("Motion carried.")
    )
    [vote] = votes(text)
    assert vote.motion == (
        "The Chairman proposed and the Vice-Chairman seconded that the meeting continue\n"
        "until 5.30pm."
    )


def test_a_quotation_never_closed_runs_to_the_end_of_its_paragraph() -> None:
    text = (
        "1) Mr Ash proposed, and Mrs Birch seconded the motion that\n\n"
        "“County Council is asked to adopt the Coastal Plan.\n\n"
        "2) Following the debate, the Chairman put the motion set out in paragraph 1 to\n"
        "the vote and the voting was as follows.\n\n" + tally("Motion carried.")
    )
    [vote] = votes(text)
    assert vote.motion == "“County Council is asked to adopt the Coastal Plan."


def test_without_a_motion_printed_the_put_paragraph_is_kept() -> None:
    text = (
        "7) Following the debate, the Chairman put the substantive motion to the vote\n"
        "and the voting was as follows:\n\n" + tally("Substantive motion carried.")
    )
    [vote] = votes(text)
    assert vote.motion == (
        "7) Following the debate, the Chairman put the substantive motion to the vote\n"
        "and the voting was as follows:"
    )


def test_each_vote_takes_the_amendment_moved_since_the_previous_vote() -> None:
    text = (
        "1) Mr Ash proposed and Mrs Birch seconded the following amendment:\n"
        "“That the lido opens in May.”\n\n" + tally("Amendment lost.") + "\n"
        "2) Mrs Elm proposed and Mr Dale seconded the following amendment:\n"
        "“That the lido opens in June.”\n\n" + tally("Amendment lost.")
    )
    first, second = votes(text)
    assert first.motion == "“That the lido opens in May.”"
    assert second.motion == "“That the lido opens in June.”"
    assert second.mover == "Mrs Elm"
