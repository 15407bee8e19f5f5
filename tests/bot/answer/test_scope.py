"""What the index covers: a question about a place, body or meeting it has no minutes of is
refused with the reason, from the catalogue and vocabulary alone (fictional councils)."""

from __future__ import annotations

from datetime import date

from bot.answer.models import RefusalKind
from bot.answer.places import Named, named_places
from bot.answer.question import understand
from bot.answer.scope import Meetings, Scope
from index.schema import ItemMeta
from index.words import tokenize

TODAY = date(2025, 8, 1)


def meta(body: str | None, day: date | None, doc: str) -> ItemMeta:
    return ItemMeta(doc_id=doc, title="Item", body=body, date=day)


CATALOGUE = Meetings.of(
    [
        meta("Eastbrook County Council", date(2024, 12, 19), "a"),
        meta("Eastbrook County Council", date(2025, 2, 13), "b"),
        meta("Eastbrook County Council Cabinet", date(2025, 1, 9), "c"),
        meta("Eastbrook County Council Cabinet", date(2025, 1, 30), "d"),
        meta("Corporate Parenting Panel", date(2024, 12, 10), "e"),  # a body named without place
        meta("City of Northmoor Planning and Environment Committee", date(2025, 2, 19), "f"),
        meta("City of Northmoor Municipal Council", date(2025, 3, 4), "g"),
        meta("Westvale Health and Wellbeing Board", None, "h"),
        meta(None, None, "i"),  # minutes whose body the parser could not tell
        meta("Brackenshire Health and Wellbeing Board", date(2025, 3, 1), "j"),
    ]
)
BODIES = CATALOGUE.bodies

# The index's vocabulary: which items mention a word, and their body (None when unknown).
MENTIONS = {  # by the word as the question spells it, lower-cased
    "harbourside": [("i1", None)],  # only in minutes of an unknown body
    "millbridge": [("a1", "Eastbrook County Council")],  # one passing mention
    "ashford": [(f"a{n}", "Eastbrook County Council") for n in range(4)],  # a topic of the minutes
    "oev": [("g1", "City of Northmoor Municipal Council")],  # a neighbourhood's initials
}


def scope() -> Scope:
    return Scope(
        CATALOGUE,
        lambda word: MENTIONS.get(word.lower(), []),
        lambda token: any(token == tokenize(w)[0] for w in MENTIONS),
    )


def check(question: str):
    return scope().check(understand(question, BODIES, TODAY))


def test_the_places_a_question_names():
    assert named_places("What did the Eastbrook board resolve about parking?") == [
        Named("Eastbrook", "board")
    ]
    assert named_places("What was the outcome of the vote in Millbridge?") == [Named("Millbridge")]
    assert named_places("Did Plymouth approve its needs assessment?") == [
        Named("Plymouth", actor=True)
    ]
    assert named_places("What did the City of Dunmore Corporation's health board decide?") == [
        Named("City of Dunmore Corporation", "health board")
    ]
    # A possessive without a body, or a body noun inside a thing's name, names no place.
    assert named_places("did KPMG's approach get signed off?") == []
    assert named_places("When was the Lancashire Combined Authority constitution agreed?") == []


def test_a_place_no_minutes_come_from_is_refused_by_name():
    refusal = check("What was the outcome of the air quality vote in Millbridge?")
    assert refusal is not None and refusal.kind == RefusalKind.UNKNOWN_PLACE
    assert refusal.name == "Millbridge"
    held = {h.name: h for h in refusal.held}
    assert held["Eastbrook County Council"].meetings == 4
    assert held["Eastbrook County Council"].bodies == 2
    assert (held["Eastbrook County Council"].first_year, held["City of Northmoor"].last_year) == (
        2024,
        2025,
    )
    assert refusal.held[-1].name == ""  # the minutes with no body named come last
    refusal = check("Did Plymouth approve its pharmaceutical needs assessment?")
    assert refusal is not None and (refusal.kind, refusal.name) == (
        RefusalKind.UNKNOWN_PLACE,
        "Plymouth",
    )


def test_a_place_typed_in_lower_case_before_a_councils_type():
    """Officers type places in lower case; before a type only a place's body has (a county
    council, "CC", a health and wellbeing board) the word is the place."""
    assert named_places("did ashby CC vote to join the scheme?") == [Named("ashby", "CC")]
    assert named_places("what did lindley county council decide on buses?") == [
        Named("lindley", "county council")
    ]
    assert named_places("did trafford hwb sign off the needs assessment?") == [
        Named("trafford", "hwb")
    ]
    # Not a place: a word of the body's own name, a question word, the possessive's adjective.
    assert named_places("has the full county council agreed the plan?") == []
    assert named_places("what did the planning committee decide?") == []
    assert named_places("Who chaired Eastbrook's extraordinary county council meeting?") == [
        Named("Eastbrook", "extraordinary county council")
    ]
    for question in ("did ashby CC vote to join the scheme?", "did lindley county council agree?"):
        refusal = check(question)
        assert refusal is not None and refusal.kind == RefusalKind.UNKNOWN_PLACE, question
    assert check("what did eastbrook county council decide on buses?") is None


def test_a_clipped_place_name_is_the_held_place():
    """ "Wilts", "Lancs": a held place's name cut short (to at least four letters) is that place."""
    assert check("Did the Bracks HWB sign off the pharmacy needs assessment?") is None
    assert check("bracks hwb - did they sign off the pharmacy needs assessment?") is None
    refusal = check("Did the Bra HWB sign off the pharmacy needs assessment?")  # too short
    assert refusal is not None and refusal.kind == RefusalKind.UNKNOWN_PLACE


def test_a_place_that_may_be_covered_is_not_refused():
    # Minutes of an unknown body mention it: their body may well be that place's.
    assert check("What did the Harbourside board decide about the pier?") is None
    # A topic of the indexed minutes (several items), or a place inside a named body's area.
    assert check("What was decided about the bypass in Ashford?") is None
    assert check("What did Eastbrook County Council decide about the school in Millbridge?") is None
    # Known places and bodies, an acronym, adjectives before the body's name.
    assert check("What did Eastbrook's extraordinary county council meeting decide?") is None
    assert check("What did ECC Cabinet decide about family hubs?") is None
    assert check("What did Eastbrook's Corporate Parenting Panel resolve?") is None
    assert check("What did Northmoor's Planning and Environment Committee decide?") is None


def test_a_body_type_the_place_does_not_have_is_refused():
    refusal = check(
        "What did the City of Northmoor Corporation's health and wellbeing board decide on care?"
    )
    assert refusal is not None and refusal.kind == RefusalKind.UNKNOWN_BODY
    assert refusal.name == "City of Northmoor Corporation"
    assert refusal.body_type == "health and wellbeing board"
    assert refusal.bodies == [
        "City of Northmoor Municipal Council",
        "City of Northmoor Planning and Environment Committee",
    ]
    assert check("What did the Westvale health and wellbeing board approve?") is None


def test_a_meeting_date_with_no_indexed_meeting_names_the_nearest():
    refusal = check("What did the Eastbrook cabinet decide at its 23 January 2025 meeting?")
    assert refusal is not None and refusal.kind == RefusalKind.NO_MEETING
    assert refusal.bodies == ["Eastbrook County Council Cabinet"]
    assert (refusal.date_from, refusal.date_to, refusal.period) == (
        "2025-01-23",
        "2025-01-23",
        "day",
    )
    assert refusal.nearest == ["2025-01-09", "2025-01-30"]
    assert check("What did the Eastbrook cabinet decide at its 30 January 2025 meeting?") is None
    refusal = check("what was decided after 31 December 9999?")
    assert refusal is not None and refusal.kind == RefusalKind.NO_MEETING
    assert refusal.period == "after" and refusal.nearest[-1] == "2025-03-04"
    month = check("What did the council decide in November 2023?")
    assert month is not None and month.period == "month" and month.bodies == []


def test_initials_the_minutes_use_are_searched_not_refused_as_a_place():
    # "OEV" is mentioned once, like Millbridge; but initials are a neighbourhood or a
    # programme the minutes abbreviate, not a council whose minutes are missing.
    assert check("what was agreed about the patio program in OEV?") is None
    refusal = check("what was agreed about the patio program in QXV?")  # initials never used
    assert refusal is not None and refusal.kind == RefusalKind.UNKNOWN_PLACE


def test_a_held_place_with_a_body_it_does_not_have_typed_in_lower_case_is_refused():
    """ "the eastbrook fire authority": a held place, then a body none of its bodies is —
    refused by the phrase, never answered from the place's council minutes."""
    for question, name in (
        (
            "what precept did the eastbrook fire authority set for 25/26?",
            "eastbrook fire authority",
        ),
        (
            "did the eastbrook police and crime panel back the precept?",
            "eastbrook police and crime panel",
        ),
        ("northmoor transit commission - any fare rise agreed?", "northmoor transit commission"),
        (
            "did the northmoor police services board approve the budget?",
            "northmoor police services board",
        ),
    ):
        refusal = check(question)
        assert refusal is not None and refusal.kind == RefusalKind.UNKNOWN_PLACE, question
        assert refusal.name == name and refusal.held
    # Written with capitals, the body's whole name is named: "Crime" is no place of its own.
    assert named_places("Did the Eastbrook Police and Crime Panel back the precept?") == [
        Named("Eastbrook Police and Crime", "Panel")
    ]
    refusal = check("Did the Eastbrook Police and Crime Panel back the precept?")
    assert refusal is not None and refusal.kind == RefusalKind.UNKNOWN_PLACE
    assert refusal.name.startswith("Eastbrook Police and Crime"), refusal.name
    # The place's own bodies in other words, a typo, a placeless body, the kind of meeting,
    # a body named beside it, or the body's noun inside a topic: all searched as before.
    for question in (
        "what did the eastbrook cabinet decide on buses?",
        "eastbrook county council cabinet - what was agreed on buses?",
        "what did the northmoor planning committee decide on the depot?",
        "what did the northmoor planing and enviroment committee decide?",
        "eastbrook corporate parenting panel - what did they resolve on respite care?",
        "what did the eastbrook extraordinary council meeting decide?",
        "did ECC cabinet agree the eastbrook fire authority budget?",
        "what did eastbrook say about the fire authority precept?",
    ):
        assert check(question) is None, question
