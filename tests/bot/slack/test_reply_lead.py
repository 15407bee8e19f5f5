"""Issue 22, point 1 (decisions and owners), through signed Slack events and the fake Slack
Web API: the answer line is the clause that answers, and the notification says the same.

Fictional minutes (tests/fixtures/replies): a council motion that opens "Council believes …,
noting that …" before what it resolves (£1.2 million from a reserve), with the previous
minutes signed as a correct record beside it; a cabinet decision in parts (a)–(c) whose money
decision is (a), (b) delegating the contract and (c) noting a later report.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.bot.slack.blockkit import texts
from tests.bot.slack.conftest import BotHarness
from tests.bot.slack.replies_bot import MINUTES, ask, serve

pytestmark = pytest.mark.slow

COUNCIL = (MINUTES / "Council_2025-05-15_printed_minutes.txt").read_text(encoding="utf-8")
CABINET = (MINUTES / "Cabinet_2025-06-05_printed_minutes.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def replies_bot(tmp_path_factory, fake_slack, embedder) -> Iterator[BotHarness]:
    yield from serve(tmp_path_factory, fake_slack, embedder)


def quote_of(line: str) -> str:
    """The quote on an answer line, as shown (between the curly quotes)."""
    return line.split("“", 1)[1].rsplit("”", 1)[0]


def test_a_motion_leads_with_what_it_resolved_not_its_preamble(replies_bot):
    post = ask(replies_bot, "What did the council decide about rural bus services?")
    line = texts(post["blocks"])[0]
    shown = quote_of(line)
    assert shown.startswith("Council therefore resolves to allocate £1.2")
    assert "believes" not in shown and "noting" not in shown and "signed" not in shown
    # bounded: a verbatim prefix of the resolution, cut at a clause, ending in "…"
    assert shown.endswith("…") and len(shown) <= 320
    assert shown[:-1] in COUNCIL and shown[:-1].rstrip()[-1] not in ",;"
    # the notification says the same
    assert f"“{shown}”" in post["text"].split("\nFrom the minutes")[0]
    assert post["text"].startswith("Answer: “Council therefore resolves to allocate £1.2")


def test_a_decision_in_parts_leads_with_its_money_decision(replies_bot):
    post = ask(replies_bot, "What happened with the Saltmere sea wall report at Cabinet?")
    line = texts(post["blocks"])[0]
    assert quote_of(line).startswith("approve capital expenditure of £3.4 million")
    assert quote_of(line) in CABINET
    assert post["text"].startswith("Answer: “approve capital expenditure of £3.4 million")


def test_an_owner_question_names_the_owner_first(replies_bot):
    post = ask(replies_bot, "Who is writing to the households on the seafront at Saltmere?")
    line = texts(post["blocks"])[0]
    assert line.startswith("*Answer:* *the Director of Environment* — “")
    assert "write to every household on the seafront" in quote_of(line)
    assert post["text"].startswith("Answer: the Director of Environment — “")
