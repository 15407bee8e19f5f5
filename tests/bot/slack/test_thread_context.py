"""What a thread remembers for its next follow-up (:func:`bot.slack.asking.context.thread_context`):
its last few questions, bounded, so a long thread does not search with everything ever asked."""

from __future__ import annotations

from bot.slack.asking.context import THREAD_CHARS, THREAD_QUESTIONS, thread_context


def test_the_last_questions_of_a_thread_are_kept_in_order() -> None:
    asked = [f"question {n}?" for n in range(THREAD_QUESTIONS + 2)]
    assert thread_context("\n".join(asked)) == "\n".join(asked[-THREAD_QUESTIONS:])


def test_one_question_is_kept_as_asked() -> None:
    assert (
        thread_context("Who is writing to the Chancellor?") == "Who is writing to the Chancellor?"
    )


def test_a_long_thread_keeps_its_latest_questions_within_the_bound() -> None:
    older, latest = "a" * (THREAD_CHARS - 10), "and when was that agreed?"
    kept = thread_context(f"{older}\n{latest}")
    assert kept == latest
    assert len(thread_context("b" * (THREAD_CHARS * 2))) == THREAD_CHARS
