"""Plain words and the minutes' formal ones: what is added to the search, and which question
words an item covers through its formal equivalent."""

from __future__ import annotations

from bot.answer.abstain import coverage
from bot.answer.plain_words import equivalents, expansion, plain_phrases
from bot.answer.reading import read


def idf(token: str) -> float:
    return 1.0


def test_plain_phrases_are_found_whole_and_once():
    question = "Who's lobbying Queen's Park and lobbying Ottawa for cash?"
    assert plain_phrases(question) == ["lobbying", "queen's park", "ottawa", "cash"]
    assert plain_phrases("Is the lobby of the town hall open?") == ["lobby"]
    assert plain_phrases("What did they decide about cashflow?") == []


def test_the_expansion_holds_the_formal_words():
    words = expansion("who's lobbying the province for cash?").split()
    assert {"advocate", "request", "provincial", "government", "funds"} <= set(words)
    assert expansion("what did they decide about the library?") == ""


def test_a_formal_equivalent_covers_the_plain_word():
    question = "who is lobbying whitehall for cash for potholes?"
    minutes = "The Leader be requested to advocate to the Government for funds for potholes."
    assert coverage(read(question), minutes, idf, equivalents=equivalents(question)) == 1.0
    assert coverage(read(question), minutes, idf) < 0.5


def test_every_word_of_a_formal_phrase_must_be_there():
    question = "did they lobby ottawa about the bridge?"
    minutes = "The council will write to the provincial government about the bridge."
    # "government" alone is not "federal government": Ottawa stays uncovered
    assert coverage(read(question), minutes, idf, equivalents=equivalents(question)) < 1.0
