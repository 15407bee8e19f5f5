"""What every stage of an answer takes and gives (:mod:`bot.answer.stages`).

A stage is a function ``(Tools, Asking) -> Asking | Answer``. It reads the typed outputs of
the stages before it from :class:`Asking` (``asking.get(Query)``), and either hands on an
``Asking`` with its own output added (``asking.with_(Verdict(...))``) or stops with the
:class:`~bot.answer.models.Answer`: a refusal, said specifically. Outputs are keyed by their
type, so a new stage defines its output dataclass in its own module and touches nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from bot.answer import abstain
from bot.answer.catalogue import Catalogue, Records
from bot.answer.gate.fitted import Gate
from bot.answer.models import Answer
from bot.search.pipeline import Pipeline
from index.units import UnitTable

T = TypeVar("T")


@dataclass(frozen=True)
class Request:
    """One question as asked: ``context`` is an earlier question of the same thread (for
    follow-ups), ``limit`` and ``offset`` the page of answers wanted, ``today`` what "last
    year" counts from."""

    question: str
    context: str | None
    limit: int
    offset: int
    today: date


@dataclass(frozen=True)
class Tools:
    """What the stages answer with, the same for every question: the store, its catalogue,
    the word statistics, the retrieval pipeline, abstention's thresholds and the fitted gate."""

    records: Records
    catalogue: Catalogue
    lexical: UnitTable
    pipeline: Pipeline
    thresholds: abstain.Thresholds
    gate: Gate | None = None
    """The answer gate fitted on the index (:mod:`bot.answer.gate`), when it is on."""


@dataclass(frozen=True)
class Asking:
    """A question on its way through the stages: the request, the answer being built (its
    fields are set by the stages that decide them) and each stage's typed output so far."""

    request: Request
    answer: Answer
    outputs: Mapping[type, object] = field(default_factory=dict)

    def get(self, kind: type[T]) -> T:
        """The output of type ``kind`` an earlier stage gave."""
        out = self.outputs.get(kind)
        if not isinstance(out, kind):
            raise LookupError(f"no stage before this one gave a {kind.__name__}")
        return out

    def with_(self, output: object) -> Asking:
        """This question with ``output`` added (replacing an earlier output of its type)."""
        return replace(self, outputs={**self.outputs, type(output): output})


Stage = Callable[[Tools, Asking], "Asking | Answer"]
