"""Answer a question from the index: retrieve items, quote them, or say nothing was found.

The CLI, the Slack bot and the evaluation all call :meth:`Answerer.ask`, so they give the
same answer to the same question. ``ask`` runs the named stages of :mod:`bot.answer.stages`
in order; what they share (the store, its catalogue, the word statistics, the pipeline) is
built here once.
"""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar, cast, overload

from bot.answer import abstain
from bot.answer.catalogue import Catalogue, Records
from bot.answer.gate.fitted import Gate
from bot.answer.models import Answer
from bot.answer.question import Query
from bot.answer.stages import STAGES
from bot.answer.stages.flow import Asking, Request, Stage, Tools
from bot.answer.stages.understand import read_question
from bot.search.pipeline import Pipeline
from bot.search.pipelines import standard
from bot.settings import Settings
from index.embeddings import Embedder, shared_embedder
from index.store import MinutesStore, cache_name, open_store
from index.units import UnitTable, unit_table_for

S = TypeVar("S", bound=Records)


class Answerer(Generic[S]):
    """Answers with ``pipeline`` (default: the product's, :func:`bot.search.pipelines.standard`,
    which needs a :class:`~index.store.MinutesStore`; the evaluation passes its baselines).
    ``store`` is opened from ``settings`` when not given. ``lexical`` also supplies word
    statistics (idf, known terms) for abstention and passages, whichever pipeline retrieves;
    ``embedder`` is only needed to build the default pipeline. ``stages`` are
    :data:`bot.answer.stages.STAGES` unless a test runs others."""

    @overload
    def __init__(
        self: Answerer[MinutesStore],
        settings: Settings,
        store: None = None,
        embedder: Embedder | None = None,
        *,
        pipeline: Pipeline | None = None,
        lexical: UnitTable | None = None,
        thresholds: abstain.Thresholds = abstain.DEFAULT,
        today: date | None = None,
        exact_dense: bool = False,
        stages: tuple[Stage, ...] = STAGES,
    ) -> None: ...

    @overload
    def __init__(
        self,
        settings: Settings,
        store: S,
        embedder: Embedder | None = None,
        *,
        pipeline: Pipeline | None = None,
        lexical: UnitTable | None = None,
        thresholds: abstain.Thresholds = abstain.DEFAULT,
        today: date | None = None,
        exact_dense: bool = False,
        stages: tuple[Stage, ...] = STAGES,
    ) -> None: ...

    def __init__(
        self,
        settings: Settings,
        store: S | None = None,
        embedder: Embedder | None = None,
        *,
        pipeline: Pipeline | None = None,
        lexical: UnitTable | None = None,
        thresholds: abstain.Thresholds = abstain.DEFAULT,
        today: date | None = None,
        exact_dense: bool = False,
        stages: tuple[Stage, ...] = STAGES,
    ) -> None:
        self.settings = settings
        # Without a store the first overload applies: S is MinutesStore.
        self.store: S = store if store is not None else cast(S, open_store(settings))
        self.today = today
        self.stages = stages
        self.lexical = lexical if lexical is not None else unit_table_for(settings)
        if pipeline is None:
            if not isinstance(self.store, MinutesStore):
                raise TypeError("the default pipeline searches a MinutesStore: pass a pipeline")
            pipeline = standard(
                self.store,
                embedder or shared_embedder(settings.model_path, settings.embed_batch_size),
                self.lexical,
                exact=exact_dense,  # a process answering once: see DenseSearcher.exact
            )
        self.pipeline = pipeline
        self.catalogue = Catalogue(self.store, self.lexical)
        gate = Gate(
            settings.state_dir / "gate" / cache_name(settings),
            pipeline,
            enabled=settings.answer_gate == "fitted",
            generation=lambda: self.lexical.generation,
            item_ids=lambda: list(self.catalogue.items),
            get_items=self.store.get_items,
            understand=self.understand,
            outside=lambda q: self.catalogue.scope.check(q) is not None,
            idf=self.lexical.idf,
        )
        self.tools = Tools(self.store, self.catalogue, self.lexical, pipeline, thresholds, gate)

    def understand(self, question: str, context: str | None = None) -> Query:
        """How the understand stage reads ``question`` (for measurements of retrieval alone)."""
        return read_question(self.catalogue, question, self.today or date.today(), context)

    def ask(
        self,
        question: str,
        *,
        context: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Answer:
        """``context`` is an earlier question in the same thread, for follow-ups."""
        today = self.today or date.today()
        request = Request(question, context, limit or self.settings.top_k, offset, today)
        asking = Asking(request, Answer(question=question))
        for stage in self.stages:
            step = stage(self.tools, asking)
            if isinstance(step, Answer):
                return step
            asking = step
        return asking.answer
