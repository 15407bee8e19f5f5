"""What an item offers to lead with (:mod:`bot.answer.lead_options`): the date a unit answers
"when" with is the one it sets, not the first it mentions."""

from __future__ import annotations

from datetime import date

from bot.answer.lead_options import offered, set_date
from bot.answer.lead_shape import LEAD_CHARS, bounded, shaped
from bot.answer.models import ItemMatch, Lead, LeadKind
from index.models import Resolution
from index.schema import ItemMeta, StoredItem

SENTENCE = (
    "The public consultation on the bus shelter designs launched on 3rd February and was due "
    "to run until 17th March."
)
DECISION = "That the Street Tree Programme BE APPROVED as set out in the staff report dated April 28, 2025."


def test_a_passage_answers_when_with_the_deadline_it_states() -> None:
    item = StoredItem("i", f"Bus shelters. {SENTENCE}", ItemMeta(title="Bus shelters"))
    match = ItemMatch(
        "i", "/m.txt", "Bus shelters", "https://x.example/i", 0.5, passages=[SENTENCE]
    )
    dated = [o.lead for o in offered(match, item, None) if o.lead.kind == LeadKind.DATE]
    assert [lead.when for lead in dated] == ["until 17th March"]


def test_a_passage_citing_a_dated_letter_answers_when_with_the_date_it_sets() -> None:
    """ "The communication … dated July 7" is the letter's date; the answer is the meeting the
    request goes to."""
    referred = (
        "The communication from Councillor Lee, dated July 7, 2025, with respect to a funding "
        "request was referred to the August 11, 2025 meeting of the committee."
    )
    item = StoredItem("r", referred, ItemMeta(title="Funding request"))
    match = ItemMatch("r", "/m.txt", "Funding request", "https://x.example/r", 0.5)
    match.passages = [referred]
    dated = [o.lead for o in offered(match, item, None) if o.lead.kind == LeadKind.DATE]
    assert [lead.when for lead in dated] == ["August 11, 2025"]


def test_a_date_answer_never_cuts_off_its_date() -> None:
    opening = "That the communication from Councillor Lee with respect to " + "a request, " * 30
    quote = (
        f"{opening}BE REFERRED to the August 11, 2025 meeting of the committee"
        + ", and so on" * 20
        + "."
    )
    assert len(quote) > LEAD_CHARS + 40
    assert "August 11, 2025" not in bounded(quote)  # a plain bound cuts it off
    shown = bounded(quote, keep="August 11, 2025")
    assert "August 11, 2025" in shown and shown.endswith("…") and quote.startswith(shown[:-1])
    lead = Lead(LeadKind.DATE, quote, "i", "https://x.example/i", when="August 11, 2025")
    shaped_lead = shaped(lead, [], owner_asked=False)
    assert shaped_lead is not None and "August 11, 2025" in shaped_lead.shown


def test_a_decision_citing_a_dated_report_is_dated_by_its_meeting() -> None:
    assert set_date(DECISION) is None
    cited = "That the 2nd Report of the Committee from its meeting held on January 13, 2025 BE RECEIVED."
    assert set_date(cited) is None
    # the meeting a decision sends something to is a date it sets
    for sent, day in (
        ("the by-law BE INTRODUCED at the Municipal Council meeting on May 13, 2025", "May 13"),
        ("the by-law BE INTRODUCED at the Council meeting to be held on June 3, 2025", "June 3"),
    ):
        found = set_date(sent)
        assert found is not None and found.group(0).startswith(day), sent
    assert set_date("the plans to be submitted no later than May 31, 2026").group(0) == (
        "May 31, 2026"
    )
    item = StoredItem("t", DECISION, ItemMeta(title="Trees", resolutions=(Resolution(DECISION),)))
    match = ItemMatch(
        "t", "/m.txt", "Trees", "https://x.example/t", 0.5, meeting_date=str(date(2025, 5, 6))
    )
    dated = [o for o in offered(match, item, None) if o.lead.kind == LeadKind.DATE]
    assert [(o.lead.when, o.meeting_date) for o in dated] == [("2025-05-06", True)]


def test_a_decision_that_notes_and_also_agrees_is_no_mere_noting() -> None:
    noted = "That the update be noted."
    agreed = "That the report be noted and the recommendations agreed."
    item = StoredItem(
        "n",
        f"{noted} {agreed}",
        ItemMeta(title="Plan", resolutions=(Resolution(noted), Resolution(agreed))),
    )
    match = ItemMatch("n", "/m.txt", "Plan", "https://x.example/n", 0.5)
    procedural = {
        o.lead.quote: o.procedural
        for o in offered(match, item, None)
        if o.lead.kind == LeadKind.RESOLUTION
    }
    assert procedural == {noted: True, agreed: False}
