"""Follow-ups answer the new question (issue 22, point 3), through ``Answerer.ask(context=…)``
over fictional parish minutes (tests/fixtures/followups): one item with two actions owned by
different people and a dated decision, and an item about something else.

Within the thread's item the follow-up's own words pick the lead (the other owner, the date);
a follow-up naming a topic of its own is asked afresh, not pulled back to the thread's item.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.models import Answer, LeadKind
from bot.answer.service import Answerer
from bot.settings import Settings
from index.store import MinutesStore
from tests.paths import FIXTURES

pytestmark = pytest.mark.slow

MINUTES = FIXTURES / "followups" / "thornbury_parish_council_2025-06-10.txt"
LETTER = "Who is writing to the Chancellor about agricultural property relief?"
FARMERS = "and who's meant to actually talk to the farmers?"
WHEN = "when was that agreed?"
ALLOTMENTS = "what did they decide about the allotment water troughs?"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer[MinutesStore]:
    from index.indexer import index_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("followups-index"))
    index_paths([Path(MINUTES)], settings)
    return Answerer(settings)


def lead_of(answer: Answer) -> tuple[str, str | None, str]:
    assert answer.lead is not None, answer.refusal
    return answer.lead.kind, answer.lead.owner, answer.lead.quote


def test_the_letter_to_the_chancellor_is_cllr_reyes(answerer: Answerer[MinutesStore]) -> None:
    answer = answerer.ask(LETTER)
    kind, owner, quote = lead_of(answer)
    assert (kind, owner) == (LeadKind.ACTION, "Cllr Reyes")
    assert quote.startswith("Cllr Reyes to write to the Chancellor")
    assert answer.thread == LETTER


def test_the_follow_up_names_the_other_owner_in_the_same_item(
    answerer: Answerer[MinutesStore],
) -> None:
    answer = answerer.ask(FARMERS, context=LETTER)
    kind, owner, quote = lead_of(answer)
    assert (kind, owner) == (LeadKind.ACTION, "the Rural Officer")
    assert quote.startswith("The Rural Officer to meet local farmers")
    assert answer.matches[0].item_number == "25/062"
    assert answer.thread == f"{LETTER}\n{FARMERS}"  # the next follow-up's context


@pytest.mark.parametrize(
    "follow_up",
    ["and who is going to speak with the growers?", "and who's consulting the farming community?"],
)
def test_the_follow_up_s_own_words_pick_the_unit_not_the_thread_s(
    answerer: Answerer[MinutesStore], follow_up: str
) -> None:
    """Said in other words than the minutes', the follow-up still gets the other action: its
    units are scored on its own words, where the thread's words would rank the letter first."""
    kind, owner, _ = lead_of(answerer.ask(follow_up, context=LETTER))
    assert (kind, owner) == (LeadKind.ACTION, "the Rural Officer")


def test_when_was_that_agreed_is_the_meeting_that_decided_it(
    answerer: Answerer[MinutesStore],
) -> None:
    answer = answerer.ask(WHEN, context=f"{LETTER}\n{FARMERS}")
    assert answer.lead is not None, answer.refusal
    assert answer.lead.kind == LeadKind.DATE and answer.lead.when == "2025-06-10"
    assert answer.lead.item_number == "25/062"


def test_a_follow_up_on_another_topic_is_asked_afresh(answerer: Answerer[MinutesStore]) -> None:
    answer = answerer.ask(ALLOTMENTS, context=LETTER)
    assert answer.lead is not None, answer.refusal
    assert answer.lead.item_number == "25/063"
    assert answer.lead.quote.startswith("Motion carried: That the Council accepts the quotation")
    assert answer.thread == ALLOTMENTS  # the thread now follows the allotments
    alone = answerer.ask(ALLOTMENTS)
    assert [m.item_id for m in answer.matches] == [m.item_id for m in alone.matches]
