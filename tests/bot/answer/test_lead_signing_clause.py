"""The clause that closes an approval ("the Mayor and the City Clerk BE AUTHORIZED to execute
any contract …") names who signs, not who does the work: asked "who", the answer leads with
the appointment or the task, and with the clause only when the item has nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.answer.models import LeadKind
from bot.answer.service import Answerer
from bot.search.base import Ranked
from bot.search.pipeline import Pipeline, Weighted
from bot.settings import Settings
from index.models import Action, Resolution
from index.schema import ItemMeta, UnitKind, UnitRef, encode_item, encode_unit, unit_id
from index.units import UnitRow, UnitTable
from tests.bot.answer.test_lead import Dense, FakeStore, stored, units

APPOINTED = (
    "the Riverside Design Studio BE APPOINTED as the Consultant to prepare the Harbour Front "
    "Plan, in the amount of $120,000.00"
)
SIGNING = (
    "the Mayor and the City Clerk BE AUTHORIZED to execute any contract or other documents, "
    "if required, to give effect to these recommendations"
)
TEXT = f"That the following actions be taken: a) {APPOINTED}; b) {SIGNING}."


def meta(*resolutions: str, actions: tuple[Action, ...] = ()) -> ItemMeta:
    return ItemMeta(
        doc_id="d1",
        source_path="/minutes/riverside-2025-03-25.md",
        title="Harbour Front Plan: Appointment of Consultant",
        link="https://example.org/riverside#item-2",
        resolutions=tuple(Resolution(r) for r in resolutions),
        actions=actions,
        body="Riverside Planning Committee",
        date=date(2025, 3, 25),
    )


def ask(tmp_path: Path, item_meta: ItemMeta, text: str, scores: dict[str, float]):
    item = stored("plan", text, item_meta)
    lexical = UnitTable.in_memory()
    ref = UnitRef("plan", UnitKind.CHUNK)
    lexical.upsert_doc("d", [UnitRow(unit_id(ref), text, encode_unit(encode_item(item_meta), ref))])
    bot = Answerer(
        Settings(data_dir=tmp_path / "data"),
        FakeStore({"plan": item}),
        pipeline=Pipeline("test", [Weighted(Dense([Ranked("plan", 0.8, scores)]))]),
        lexical=lexical,
        today=date(2025, 5, 1),
    )
    return bot.ask("Who is responsible for the Harbour Front Plan?", limit=3)


def test_the_appointment_leads_not_the_signing_clause(tmp_path: Path) -> None:
    signer = Action(SIGNING, owner="the Mayor and the City Clerk")
    answer = ask(
        tmp_path,
        meta(APPOINTED, SIGNING, actions=(signer,)),
        TEXT,
        units("plan", r0=0.62, r1=0.66, a0=0.70, c0=0.6),
    )
    assert answer.lead is not None
    assert answer.lead.quote == APPOINTED


def test_the_signing_clause_answers_when_it_is_all_there_is(tmp_path: Path) -> None:
    signer = Action(SIGNING, owner="the Mayor and the City Clerk")
    answer = ask(
        tmp_path,
        meta(SIGNING, actions=(signer,)),
        f"The Harbour Front Plan was approved earlier. That {SIGNING}.",
        units("plan", r0=0.7, a0=0.7),
    )
    assert answer.lead is not None and answer.lead.kind == LeadKind.ACTION
    assert answer.lead.owner == "the Mayor and the City Clerk"
