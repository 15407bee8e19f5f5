"""Which plain questions may be about a set of actions (bot/register/routing.py): the words
that send a question to the register, and look-alikes that must stay with the search."""

from __future__ import annotations

import pytest

from bot.register.routing import may_ask_register


@pytest.mark.parametrize(
    "question",
    [
        "what actions does Cllr Bradley have outstanding?",
        "what is still outstanding from the Chorley public services reform executive?",
        "what's overdue for the Director of Public Health?",
        "what did the last HWB ask officers to do?",
        "what does Dr Khandavalli owe the executive?",
        "what is owed by the Head of Libraries?",
        "which actions were done since 1 March 2024?",
    ],
)
def test_questions_about_a_set_of_actions(question: str):
    assert may_ask_register(question)


@pytest.mark.parametrize(
    "question",
    [
        "who is to contact LCC regarding the Child Protection Order concern?",
        "Did the committee ask for a report on what the caterer owes the city?",  # money
        "what was resolved about the frailty delivery plan?",
        "when was the delivery plan supposed to be done by?",
    ],
)
def test_look_alikes_stay_with_the_search(question: str):
    assert not may_ask_register(question)
