"""The gate as the answer path uses it: fitted per index generation, kept, and asked per
question (:class:`Gate`). The one seam between the answerer and the rest of this package.

The model is fitted lazily, on the first question after the index changes (a few seconds on a
small index; see :mod:`bot.answer.gate.training`), saved under the data folder keyed on the
index generation and the pipeline, and read back by every later process. Where no model can be
fitted (no dense searcher, too few items) :meth:`Gate.verdict` returns None and the rules of
:mod:`bot.answer.abstain` and :mod:`bot.answer.asked` decide, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from bot.answer.asked import lacks
from bot.answer.gate import batch, training
from bot.answer.gate.features import Retrieval, features, hedged_needs, unanswered
from bot.answer.gate.model import GateModel
from bot.answer.question import Query
from bot.search.dense import DENSE
from bot.search.pipeline import Pipeline
from index.schema import StoredItem


@dataclass(frozen=True)
class Verdict:
    """The gate on one candidate: ``answers`` (P ≥ the bar), the probability it was decided
    on, and ``lacks``, the asked-for unit the item does not record (said in the reply, "no
    owner is named in the minutes", instead of refusing an item about the question)."""

    answers: bool
    probability: float
    lacks: str | None


class Gate:
    """The fitted gate of one answerer. ``folder`` holds saved models; the callables reach
    the answerer's index (read when a model must be fitted, never otherwise)."""

    def __init__(
        self,
        folder: Path,
        pipeline: Pipeline,
        *,
        enabled: bool = True,
        generation: Callable[[], str | None],
        item_ids: Callable[[], Sequence[str]],
        get_items: Callable[[Iterable[str]], Mapping[str, StoredItem]],
        understand: Callable[[str], Query],
        outside: Callable[[Query], bool],
        idf: Callable[[str], float],
    ) -> None:
        self.folder = folder
        self.enabled = enabled
        self.pipeline = pipeline
        self._generation = generation
        self._item_ids = item_ids
        self._get_items = get_items
        self._understand = understand
        self._outside = outside
        self._idf = idf
        self._model: tuple[str, GateModel | None] | None = None
        self.fit_seconds = 0.0
        """How long the last fit took (0 when the model was read back or none was fitted)."""

    def model(self) -> GateModel | None:
        """The model for the index as it is now (fitted and saved on first use)."""
        generation = self._generation() or ""
        if self._model is None or self._model[0] != generation:
            model = None
            names = {w.searcher.name for w in self.pipeline.searchers}
            if self.enabled and generation and DENSE in names:
                model, self.fit_seconds = training.ensure(
                    self.folder / f"{generation}.{self.pipeline.name}.json",
                    self._item_ids,
                    lambda ids: list(self._get_items(ids).values()),
                    self._retrieve,
                    self._idf,
                    self._embed(),
                )
            self._model = (generation, model)
        return self._model[1]

    def verdict(self, found: Retrieval) -> Verdict | None:
        """The verdict on the top candidate of ``found``; None when no model applies (or
        nothing was found): then the rules decide."""
        if not found.candidates:
            return None
        model = self.model()
        item = found.items.get(found.candidates[0].item_id)
        if model is None or item is None:
            return None
        p = model.probability(features(found, 0))
        said = unanswered(found, 0) or lacks(hedged_needs(found.needs), item)
        return Verdict(p >= model.threshold, p, said)

    def _embed(self) -> training.Embed | None:
        """The dense searcher's model, embedding a batch (for rewording generated questions)."""
        for weighted in self.pipeline.searchers:
            embedder = getattr(weighted.searcher, "embedder", None)
            if embedder is not None:
                return cast(training.Embed, embedder.embed_documents)
        return None

    def _retrieve(self, questions: Sequence[str]) -> list[Retrieval | None]:
        return batch.retrievals(
            questions,
            understand=self._understand,
            outside=self._outside,
            pipeline=self.pipeline,
            get_items=self._get_items,
            idf=self._idf,
        )
