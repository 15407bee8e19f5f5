"""The evaluation file format: one JSON object per line.

``question`` is required. ``doc`` is the expected document's path (matched as a suffix of the
indexed path, so ``corpus/x.txt`` finds ``/anywhere/shared/corpus/x.txt``), ``item`` its
agenda item (title, or "number. title"; may be truncated), ``expected_quote`` words that must
appear verbatim in the answer. A question with no ``doc``, or of ``kind`` "unanswerable", must
be abstained on (a writer may name the document they checked it against). ``also``
lists other documents that answer it too (history questions span meetings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

UNANSWERABLE = "unanswerable"


class EvalFileError(ValueError):
    """A line of an evaluation file is not a usable case; the message names the line."""


@dataclass(frozen=True)
class EvalCase:
    id: str
    question: str
    doc: str | None = None
    item: str | None = None
    expected_quote: str | None = None
    kind: str | None = None
    style: str | None = None
    answer_owner: str | None = None
    also: tuple[str, ...] = field(default_factory=tuple)

    @property
    def answerable(self) -> bool:
        return bool(self.doc)


def load_cases(path: Path) -> list[EvalCase]:
    cases = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise EvalFileError(f"{path}:{lineno}: not JSON ({exc})") from exc
        cases.append(_case(data, f"{path}:{lineno}"))
    return cases


def _case(data: Any, where: str) -> EvalCase:
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        raise EvalFileError(f"{where}: each line needs a 'question' string")
    doc = data.get("doc") or None
    if data.get("kind") == UNANSWERABLE:
        doc = None  # the document the writer checked it against is no answer to it
    if doc and not data.get("item"):
        raise EvalFileError(f"{where}: a case with a 'doc' needs its 'item'")
    return EvalCase(
        id=str(data.get("id") or where),
        question=data["question"],
        doc=doc,
        item=(data.get("item") or None) if doc else None,
        expected_quote=data.get("expected_quote") or None,
        kind=data.get("kind"),
        style=data.get("style"),
        answer_owner=data.get("answer_owner"),
        also=tuple(data.get("also") or ()),
    )
