"""The fitted gate: a logistic regression over :data:`bot.answer.gate.features.NAMES`.

Stored as a small JSON of standardisation constants and coefficients, so answering needs no
scikit-learn (importing it costs a cold ``ask`` about a second); only fitting does. The model
records the feature names it was fitted on: a saved model whose names differ from today's code
is not used (it is refitted), so a change of features can never be read with old weights.
"""

from __future__ import annotations

import json
import math
import os
import random
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.answer.gate.features import NAMES

THRESHOLD = 0.5
"""The bar when none could be set from held-out questions (classes are weighted to balance in
fitting, so 0.5 is where a wrong quote and a wrong refusal cost the same)."""
FOLDS = 4
"""Each generated question is judged by a model fitted without it, in this many folds: the
bar and the accuracy are read from those held-out judgements, never from the fitted ones."""
FALSE_REFUSALS = 0.05
"""The bar is set so that this share of held-out generated questions that have an answer are
refused: the product's budget for false refusals, met on questions from the index itself."""
MIN_PER_CLASS = 12
"""Fewer generated examples than this of either class: too few to fit; today's rules decide."""
REGULARISATION = 1.0  # scikit-learn's C: the default, not tuned


@dataclass(frozen=True)
class GateModel:
    """Standardise each feature by ``mean``/``scale``, then ``intercept + coef · x``."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = THRESHOLD
    accuracy: float | None = None
    """Held-out accuracy on generated questions at the bar (None when none was held out)."""
    abstention: float | None = None
    """Share of held-out generated questions without an answer that the bar refuses."""
    examples: int = 0

    def probability(self, x: Sequence[float]) -> float:
        """P(the item answers the question) for one feature vector."""
        z = self.intercept + sum(
            c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> GateModel:
        raw = json.loads(text)
        return cls(
            names=tuple(raw["names"]),
            mean=tuple(raw["mean"]),
            scale=tuple(raw["scale"]),
            coef=tuple(raw["coef"]),
            intercept=float(raw["intercept"]),
            threshold=float(raw.get("threshold", THRESHOLD)),
            accuracy=raw.get("accuracy"),
            abstention=raw.get("abstention"),
            examples=int(raw.get("examples", 0)),
        )


def fit(x: Sequence[Sequence[float]], y: Sequence[int], *, seed: int = 0) -> GateModel | None:
    """Fit on generated examples (1: the item answers; 0: refuse); None when too few of a class.

    Each example is first judged by a model fitted on the other folds; the bar is the
    probability that refuses :data:`FALSE_REFUSALS` of the held-out answerable ones, and the
    model answering is then fitted on all.
    """
    if min(sum(y), len(y) - sum(y)) < MIN_PER_CLASS:
        return None
    order = list(range(len(y)))
    random.Random(seed).shuffle(order)
    held: list[tuple[float, int]] = []
    for fold in range(FOLDS):
        test = order[fold::FOLDS]
        train = [i for i in order if i not in set(test)]
        if len({y[i] for i in train}) < 2:
            continue
        trial = _fit([x[i] for i in train], [y[i] for i in train])
        held += [(trial.probability(x[i]), y[i]) for i in test]
    answered = sorted(p for p, label in held if label)
    threshold = answered[int(len(answered) * FALSE_REFUSALS)] if answered else THRESHOLD
    accuracy = abstention = None
    if held:
        accuracy = sum((p >= threshold) == bool(label) for p, label in held) / len(held)
        refused = [p < threshold for p, label in held if not label]
        abstention = sum(refused) / len(refused) if refused else None
    model = _fit(x, y)
    return GateModel(
        model.names, model.mean, model.scale, model.coef, model.intercept,
        threshold=threshold, accuracy=accuracy, abstention=abstention, examples=len(y),
    )  # fmt: skip


def _fit(x: Sequence[Sequence[float]], y: Sequence[int]) -> GateModel:
    from sklearn.linear_model import LogisticRegression

    columns = list(zip(*x, strict=True))
    mean = [sum(c) / len(c) for c in columns]
    scale = [
        math.sqrt(sum((v - m) ** 2 for v in c) / len(c)) or 1.0
        for c, m in zip(columns, mean, strict=True)
    ]
    z = [[(v - m) / s for v, m, s in zip(row, mean, scale, strict=True)] for row in x]
    lr = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=1000)
    lr.fit(z, list(y))
    return GateModel(
        names=NAMES,
        mean=tuple(mean),
        scale=tuple(scale),
        coef=tuple(float(c) for c in lr.coef_[0]),
        intercept=float(lr.intercept_[0]),
    )


def save(model: GateModel, path: Path) -> None:
    """Write atomically: a reader never sees half a model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as handle:
        handle.write(model.to_json())
    os.replace(tmp, path)


def load(path: Path) -> GateModel | None:
    """The saved model, or None when there is none, it is unreadable, or it was fitted on
    other features than today's."""
    try:
        model = GateModel.from_json(path.read_text())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return model if model.names == NAMES else None
