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
"""Answer when P(the item answers) reaches this. Classes are weighted to balance in fitting,
so 0.5 is the point where a wrong quote and a wrong refusal cost the same."""
HELD_OUT = 0.25
"""Share of generated questions kept out of fitting, to report the gate's accuracy on."""
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
    """Held-out accuracy on generated questions (None when every example was used to fit)."""
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
            examples=int(raw.get("examples", 0)),
        )


@dataclass(frozen=True)
class Decision:
    """Answer or refuse, with the probability it was decided on."""

    answer: bool
    probability: float


def decide(model: GateModel, x: Sequence[float]) -> Decision:
    """The gate's one entry point: answer when the fitted probability clears the threshold."""
    p = model.probability(x)
    return Decision(p >= model.threshold, p)


def fit(
    x: Sequence[Sequence[float]], y: Sequence[int], *, seed: int = 0, held_out: float = HELD_OUT
) -> GateModel | None:
    """Fit on generated examples (1: the item answers; 0: refuse); None when too few of a class.

    A share ``held_out`` is kept aside to measure accuracy, then the model is refitted on all.
    """
    if min(sum(y), len(y) - sum(y)) < MIN_PER_CLASS:
        return None
    order = list(range(len(y)))
    random.Random(seed).shuffle(order)
    cut = int(len(order) * held_out)
    test, train = order[:cut], order[cut:]
    accuracy = None
    if test and len({y[i] for i in train}) == 2:
        trial = _fit([x[i] for i in train], [y[i] for i in train])
        hits = sum(decide(trial, x[i]).answer == bool(y[i]) for i in test)
        accuracy = hits / len(test)
    model = _fit(x, y)
    return GateModel(
        model.names, model.mean, model.scale, model.coef, model.intercept,
        accuracy=accuracy, examples=len(y),
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
