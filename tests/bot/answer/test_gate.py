"""The answer gate's parts without a model or Chroma: questions generated from fictional items
(deterministic, asking for each unit's type, labelled by where retrieval ranks the source),
the fitted model (too few examples: none; saved and read back; features renamed: refitted)
and the relevance model the feedback feature reads."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.answer.asked import Asked
from bot.answer.gate import model as gate_model
from bot.answer.gate import training
from bot.answer.gate.expansion import agreement, relevance_model
from bot.answer.gate.features import NAMES, Retrieval
from bot.answer.reading import read
from bot.search.pipeline import ItemCandidate
from index.models import Action, Resolution, Vote, VoteResult
from index.schema import ItemMeta, StoredItem

TOPICS = [
    ("Harbour Dredging", "That the harbour dredging contract be tendered this autumn."),
    ("Beach Lifeguards", "That the beach lifeguard patrols be extended into September."),
    ("Bandstand Restoration", "That a heritage grant be sought for the bandstand ironwork."),
    ("Cemetery Extension", "That the cemetery extension at Holm Lane proceed to design."),
]


def item(n: int, title: str, resolution: str) -> StoredItem:
    meta = ItemMeta(
        doc_id=f"d{n}",
        title=title,
        resolutions=(Resolution(resolution),),
        actions=(Action(f"Ms Varga to report on the {title.lower()}.", owner="Ms Varga"),),
        votes=(
            Vote("The motion was carried 7 to 1.", VoteResult.CARRIED, yea_count=7, nay_count=1),
        ),
    )
    return StoredItem(f"i{n}", f"{title}. {resolution}", meta)


ITEMS = [item(n, t, r) for n, (t, r) in enumerate(TOPICS)]


def test_questions_are_generated_the_same_for_the_same_seed_and_ask_for_each_units_type():
    first = training.generate(ITEMS, seed=3, per_item=3)
    assert first == training.generate(ITEMS, seed=3, per_item=3)
    assert first != training.generate(ITEMS, seed=4, per_item=3)
    kinds = {g.kind for g in first}
    assert kinds <= {"title", "resolution", "action", "vote", "absent"}
    for g in first:
        if g.kind == "action":
            assert g.question.startswith("who ")
        if g.kind == "vote":
            assert "vote" in g.question
        if g.kind != "absent":
            assert g.source in {i.id for i in ITEMS}


def test_a_phrase_keeps_the_units_words_in_order_unless_reworded():
    rng = random.Random(0)
    text = "That the harbour dredging contract be tendered this autumn."
    for _ in range(20):
        words = training.paraphrase(text, rng)
        assert words is not None
        own = [w.lower() for w in training.content_words(text)]
        picked = [w.lower() for w in words.split()]
        positions = [own.index(w) for w in picked if w in own]
        assert positions == sorted(positions)
    always = training.paraphrase(text, random.Random(0), meaning=lambda w: ["quayside"])
    assert always is not None and "quayside" in always.split()


def candidate(item_id: str, dense: float, lexical: float) -> ItemCandidate:
    return ItemCandidate(item_id, dense, {"dense": dense, "lexical": lexical})


def test_a_question_is_labelled_by_where_retrieval_ranks_its_source():
    by_id = {i.id: i for i in ITEMS}
    asked_for = training.Generated("what did they decide about harbour dredging?", "i0", "title")
    vague = training.Generated("what did they decide about autumn?", "i1", "title")

    def retrieve(questions):
        out = []
        for q in questions:
            ranked = ["i0", "i2", "i3"]
            cands = [candidate(i, 0.8 - 0.1 * n, 5.0 - n) for n, i in enumerate(ranked)]
            out.append(Retrieval(read(q), Asked(), cands, by_id, lambda t: 1.0))
        return out

    found = training.examples([asked_for, vague], retrieve, by_id)
    # The first: its source on top (an answer), and the next item once it is left out (none).
    # The second: its source is not in the top three, so neither label is sure.
    assert found.y == [1, 0]
    assert all(len(x) == len(NAMES) for x in found.x)


def test_too_few_examples_of_a_class_fit_no_model():
    x = [(float(n), 1.0) for n in range(40)]
    assert gate_model.fit(x, [1] * 38 + [0] * 2) is None


def separable(n: int = 60) -> tuple[list[tuple[float, ...]], list[int]]:
    rng = random.Random(1)
    x, y = [], []
    for k in range(n):
        label = k % 2
        x.append(tuple(rng.gauss(0.3 + 0.4 * label, 0.1) for _ in NAMES))
        y.append(label)
    return x, y


def test_a_model_is_saved_and_read_back_and_one_on_other_features_is_not(tmp_path: Path):
    x, y = separable()
    fitted = gate_model.fit(x, y)
    assert fitted is not None and fitted.accuracy is not None and fitted.accuracy > 0.8
    assert fitted == gate_model.fit(x, y)  # fixed seeds: the same model every time
    path = tmp_path / "gate" / "gen.hybrid.json"
    gate_model.save(fitted, path)
    back = gate_model.load(path)
    assert back == fitted
    assert back.probability(x[1]) > 0.5 > back.probability(x[0])
    renamed = fitted.to_json().replace(f'"{NAMES[0]}"', '"some_old_feature"')
    path.write_text(renamed)
    assert gate_model.load(path) is None


def test_a_small_index_fits_nothing_and_a_failed_fit_is_not_repeated(tmp_path: Path):
    calls = []

    def retrieve(questions):
        calls.append(len(questions))
        return [None for _ in questions]  # every question refused before retrieval

    path = tmp_path / "gen.hybrid.json"
    few = [f"i{n}" for n in range(training.MIN_ITEMS - 1)]
    assert training.ensure(path, lambda: few, lambda ids: [], retrieve) == (None, 0.0)
    assert calls == []
    many = [f"i{n}" for n in range(training.MIN_ITEMS)]
    fake = [item(n, f"Topic {n} Works", f"That topic {n} works be approved.") for n in range(50)]
    model, _ = training.ensure(path, lambda: many, lambda ids: fake, retrieve)
    assert model is None and len(calls) == 1
    training.ensure(path, lambda: many, lambda ids: fake, retrieve)
    assert len(calls) == 1


@pytest.mark.parametrize("close", [0.9, 0.6])
def test_the_relevance_model_weighs_the_closest_hit_most(close: float):
    hits = [({"harbour": 0.5, "dredging": 0.5}, close), ({"bandstand": 1.0}, 0.5)]
    model = relevance_model(hits)
    assert sum(model.values()) == pytest.approx(1.0)
    assert model["harbour"] > model["bandstand"]
    assert agreement(model, {"harbour", "dredging"}) > agreement(model, {"bandstand"})
