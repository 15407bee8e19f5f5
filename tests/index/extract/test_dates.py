"""Rule E of issue 11 on fictional minutes: sentences that say when something happens become
dated statements, quoted verbatim with the date phrase as printed."""

from __future__ import annotations

import pytest

from index.extract.dates import dated_phrase, extract_dated
from index.extract.resolutions import extract_resolutions
from index.models import DatedStatement


def dated(text: str) -> list[DatedStatement]:
    found = extract_dated(text, extract_resolutions(text))
    for statement in found:
        assert statement.text in text
        assert statement.when in statement.text
    return found


@pytest.mark.parametrize(
    "sentence, when",
    [
        ("The harbour survey was due to be completed by June 2026.", "by June 2026"),
        (
            "The lighting review was due to be presented to the Audit Committee on 3rd "
            "February 2026 and then to Cabinet.",
            "on 3rd February 2026",
        ),
        (
            'The consultation on the "Green Shore" plan launched on 9th January and was due to '
            "run for six weeks until 20th February.",
            "until 20th February",
        ),
        (
            "The partners would be in a position to hold the first elections for the Mayor by "
            "May 2027.",
            "by May 2027",
        ),
        (
            "The ferry service would move to the Transport Directorate from 1 April 2026.",
            "from 1 April 2026",
        ),
        ("Submissions must arrive no later than March 31, 2026.", "no later than March 31, 2026"),
        ("The pilot is due to start from September.", "from September"),
        (
            "The works were to be finished by the end of the financial year.",
            "by the end of the financial year",
        ),
        (
            "Repairs were to be completed by the end of December 2025.",
            "by the end of December 2025",
        ),
        ("The new depot is expected to open in spring 2027.", "in spring 2027"),
        ("Recovery targets will be met by 2030.", "by 2030"),
    ],
)
def test_dated_sentences_and_their_date_phrase(sentence: str, when: str) -> None:
    assert dated_phrase(sentence) == when
    [statement] = dated(f"1.    The Chair introduced the item. {sentence}\n")
    assert statement.text == sentence
    assert statement.when == when


@pytest.mark.parametrize(
    "sentence",
    [
        "The minutes of the meeting held on 30 July 2025 were agreed.",
        "The report was published on 5th February 2026.",
        "Mr Quill served as Chairman of the Harbour Committee from 2013 to 2017.",
        "Visitor numbers dropped to 15,000 by 2023.",
        "The Board discussed the plan in detail.",
        "Members noted the decision made in May.",
    ],
)
def test_dates_that_only_tell_history_are_not_dated_statements(sentence: str) -> None:
    assert dated_phrase(sentence) is None
    assert dated(sentence) == []


def test_a_sentence_wrapped_over_printed_lines_is_one_statement() -> None:
    text = (
        "(f) The public consultation on the draft coastal strategy launched on \n"
        "16th January and was due to run for eight weeks until 12th \n"
        "March. The strategy was expected to be adopted later. \n"
        " \n"
        "6 \n"
    )
    [statement] = dated(text)
    assert statement.text.startswith("The public consultation")  # the "(f)" label left out
    assert statement.text.endswith("until 12th \nMarch.")
    assert statement.when == "until 12th \nMarch"


def test_a_decision_answers_for_its_own_dates() -> None:
    text = (
        "Members asked when the plan would be ready; it was due by June 2026.\n\n"
        "RESOLVED that the plan be presented to Council on 13th February 2026.\n"
    )
    assert [s.when for s in dated(text)] == ["by June 2026"]


def test_each_sentence_once_in_order() -> None:
    text = (
        "The survey would finish by May 2026. The survey would finish by May 2026.\n"
        "The report will go to Cabinet on 2nd March 2026.\n"
    )
    assert [s.when for s in dated(text)] == ["by May 2026", "on 2nd March 2026"]
