"""Judge: is the best candidate about the question, and does it hold what was asked for?

The seam between retrieval and answering. :func:`evidence` measures each candidate (dense
similarity, coverage of the question's topic, names the index never saw, a named meeting,
a name in the title); :func:`decide` turns evidence into answer-or-refuse; :func:`deciding`
picks the candidate whose verdict stands for the question. A different gate replaces
:func:`decide` here and nothing else. Refusals: "not found" when the deciding candidate is
weak, "wrong type" when it lacks the asked-for unit (a vote, an owner, a date …), each with
the closest items shown as what they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.answer import abstain
from bot.answer.asked import Asked, Wanted, asked, missing
from bot.answer.catalogue import searched
from bot.answer.gate.features import Retrieval
from bot.answer.gate.fitted import Verdict as GateVerdict
from bot.answer.matches import quoted
from bot.answer.models import Answer, Refusal, RefusalKind
from bot.answer.question import Query
from bot.answer.stages.flow import Asking, Tools
from bot.answer.stages.retrieve import Retrieved
from bot.answer.twins import one_item
from bot.search.dense import DENSE
from bot.search.pipeline import ItemCandidate
from index.schema import StoredItem

SET_ASIDE = 3  # how far down a candidate lacking the asked-for unit can be passed over
RELATED_MARGIN = 0.3
"""Confidence below the best match beyond which an item is "related", not an answer; also how
far below the debate the roll call of the same agenda item may be and still answer for it.
Further below, the debate's words are what matched ("how did they vote on raising the
rates?"), not what was voted on."""


@dataclass(frozen=True)
class Judged:
    """A candidate with what abstention and the type checks found: ``strong`` evidence that
    it is about the question, and ``missing`` the asked-for unit it lacks (None: it has all)."""

    candidate: ItemCandidate
    item: StoredItem | None
    evidence: abstain.Evidence
    strong: bool
    missing: str | None
    lacks: str | None = None
    """The asked-for unit the deciding item does not record, said beside the answer ("no
    owner is named in the minutes") instead of refusing an item about the question."""

    @property
    def confidence(self) -> float:
        return (self.evidence.dense or 0.0) + abstain.COVERAGE_WEIGHT * self.evidence.coverage


@dataclass(frozen=True)
class Verdict:
    """Every candidate judged, in retrieval order; ``top`` decided to answer; ``needs`` is
    what the question asks for (for judging more candidates later, as history does)."""

    judged: list[Judged]
    top: Judged
    needs: Asked


def run(tools: Tools, asking: Asking) -> Asking | Answer:
    query, retrieved, answer = asking.get(Query), asking.get(Retrieved), asking.answer
    needs = asked(query)
    judged = [
        judge(tools, query, needs, c, retrieved.items.get(c.item_id)) for c in retrieved.candidates
    ]
    if tools.gate is not None and judged:
        # The fitted gate, where one is on, decides on the top candidate.
        found = Retrieval(
            query.asked, needs, retrieved.candidates, retrieved.items, tools.lexical.idf
        )
        verdict = tools.gate.verdict(found)
        if verdict is not None:
            judged[0] = gated(judged[0], verdict, tools.thresholds)
    top = deciding(judged)
    if top is not None and top.strong and top.missing in SAID_NOT_REFUSED:
        # An item about the question that names no owner answers it, saying so.
        said = replace(top, missing=None, lacks=top.missing)
        judged, top = [said if j is top else j for j in judged], said
    answer.evidence = top.evidence if top else None
    # Abstention is decided by the top candidate: a weak best match means the question is
    # not minuted, even if something further down happens to share a word with it.
    if top is None or not top.strong:
        return refuse(tools, asking, query, judged, RefusalKind.NOT_FOUND)
    if top.missing is not None:
        return refuse(tools, asking, query, judged, RefusalKind.WRONG_TYPE, top.missing)
    answer.lacks = top.lacks
    return asking.with_(Verdict(judged, top, needs))


def judge(
    tools: Tools, query: Query, needs: Asked, candidate: ItemCandidate, item: StoredItem | None
) -> Judged:
    """One candidate: its evidence, the decision on it, and the asked-for unit it lacks."""
    found = evidence(tools, query, candidate, item)
    strong = item is not None and decide(found, tools.thresholds)
    gap = None
    if item is not None:
        gap = missing(
            needs,
            query.asked,
            item,
            tools.lexical.idf,
            ignore=abstain.body_tokens(item),
            unit_scores=candidate.units,
        )
    return Judged(candidate, item, found, strong, gap)


def gated(top: Judged, verdict: GateVerdict, thresholds: abstain.Thresholds) -> Judged:
    """The top candidate as the fitted gate judged it: answer or refuse on all the evidence,
    the unit it lacks said, not vetoed. A name the index never saw still refuses: no item can
    be about it. Lower candidates keep the rules: the gate decides whether to answer, and the
    rules what else to show."""
    if top.item is None:
        return top
    known = not (top.evidence.unknown_names and thresholds.unknown_names_abstain)
    return replace(top, strong=known and verdict.answers, missing=None, lacks=verdict.lacks)


SAID_NOT_REFUSED = frozenset({Wanted.OWNER})
"""What the deciding item may lack and still answer, the reply saying so ("no owner is named in
the minutes"): who is to act is often left unminuted, and the decision is still the answer."""


def decide(found: abstain.Evidence, thresholds: abstain.Thresholds) -> bool:
    """Answer (True) or refuse on this evidence: the gate."""
    return abstain.should_answer(found, thresholds)


def evidence(
    tools: Tools, query: Query, candidate: ItemCandidate, item: StoredItem | None
) -> abstain.Evidence:
    """What says ``item`` is about the question (the searched text, with a follow-up's
    earlier question: ``query.asked``)."""
    asked_words = query.asked
    lexical = tools.lexical
    text = ""
    if item is not None:
        text = abstain.item_text(item)
    # An empty lexical index (made before BM25 existed) knows no words, so it cannot say
    # which names are unknown.
    known_names = len(lexical) > 0
    ignore = abstain.body_tokens(item)
    return abstain.Evidence(
        dense=candidate.scores.get(DENSE),
        coverage=abstain.coverage(
            asked_words, text, lexical.idf, ignore=ignore, equivalents=asked_words.equivalents
        ),
        unknown_names=(
            abstain.unknown_names(asked_words, tools.catalogue.knows) if known_names else ()
        ),
        scoped=bool(
            query.bodies
            and query.date_from is not None
            and query.date_from == query.date_to
            and not abstain.topic_tokens(asked_words, ignore)
        ),
        named=item is not None and abstain.named_in(asked_words, item.meta.title, ignore),
    )


def deciding(judged: list[Judged]) -> Judged | None:
    """The candidate whose evidence decides between answering and refusing.

    Normally the top one: a weak best match means the question is not minuted, even if
    something further down shares a word with it. But an item without the asked-for unit is no
    answer to the question ("how did they vote" and no vote recorded), so among the first
    ``SET_ASIDE`` such items are passed over for the next one that has it, provided its
    evidence is at least as strong as the first candidate's: a weaker item does not get to
    answer because a stronger one could not.
    """
    if not judged:
        return None
    first = judged[0]
    for n, j in enumerate(judged):
        if j.missing is None:
            if n == 0 or (j.strong and j.confidence >= first.confidence):
                return j
            if j.strong and _one_item(first, j) and not far_below(j, first):
                return j
            return first
        if n + 1 >= SET_ASIDE:
            break
    return first


def far_below(judged: Judged, top: Judged) -> bool:
    """``judged`` is only related to the question ``top`` answers (:data:`RELATED_MARGIN`)."""
    return judged is not top and judged.confidence < top.confidence - RELATED_MARGIN


def _one_item(a: Judged, b: Judged) -> bool:
    """Parts of one agenda item (:func:`bot.answer.twins.one_item`): the roll call printed
    apart from the debate it ended answers for it on its own evidence, though it shares fewer
    of the question's words than the debate does."""
    return a.item is not None and b.item is not None and one_item(a.item.meta, b.item.meta)


def refuse(
    tools: Tools,
    asking: Asking,
    query: Query,
    judged: list[Judged],
    kind: str,
    wanted: str | None = None,
) -> Answer:
    """No answer: say why, and show the closest items as what they are (not answers)."""
    answer = asking.answer
    near = [
        j
        for j in judged
        if j.item is not None
        and (j.evidence.dense is None or j.evidence.dense >= abstain.NEAR_MISS_DENSE)
    ][: asking.request.limit]
    idf = tools.lexical.idf
    answer.near_misses = [quoted(query, j.item, j.candidate, idf) for j in near if j.item]
    answer.searched = searched(tools.records)
    answer.refusal = Refusal(kind, wanted=wanted, held=tools.catalogue.scope.meetings.held())
    return answer
