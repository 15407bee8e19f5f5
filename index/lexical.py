"""The lexical (BM25) half of hybrid retrieval, kept on disk beside Chroma's files.

Dense retrieval misses exact names, numbers and hashtags ("RFT-2024-315", "#FutureTrafford",
"Ark Aid"); BM25 catches them. We store each document's retrievable units as one JSON file
(written to a temp file and ``os.replace``d, so a crash mid-write leaves the old file whole)
and rebuild the bm25s matrix from the stored texts when they change: at a few thousand units
that takes well under a second and needs no second on-disk format to keep consistent.

Filters are Chroma ``where`` clauses (:data:`index.schema.Where`) evaluated here against each
unit's metadata, so one filter applies to both halves the same way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from index.schema import Key, Where

if TYPE_CHECKING:
    from index.settings import IndexSettings

Scalar = str | int | float | bool | None

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just me
    more most my no nor not now of off on once only or other our ours out over own same she should
    so some such than that the their theirs them then there these they this those through to too
    under until up very was we were what when where which while who whom whose why will with would
    you your yours anyone anybody get got go going went us let lets s t that's what's who's
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def stem(word: str) -> str:
    """A deliberately small suffix stripper: plurals, -ing, -ed and a final -e.

    bm25s only offers stemming through PyStemmer, an extra dependency; this is enough to make
    "adopts / adopted / adopting / adopt" and "approve / approved" meet, and it is applied
    identically to documents and queries, so crude stems still match each other.
    """
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Surface words as written (case kept), apostrophes inside words kept."""
    return _WORD.findall(text)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed tokens; CamelCase runs also yield their parts.

    "#FutureTrafford" yields ``futuretrafford``, ``future`` and ``trafford`` so it meets the
    minutes' other spelling "#Future Trafford".
    """
    tokens: list[str] = []
    for raw in words(text):
        for piece in _with_camel_parts(raw):
            low = piece.lower().replace("’", "'")
            if low.endswith("'s"):
                low = low[:-2]
            if not low or low in STOPWORDS:
                continue
            tokens.append(stem(low))
    return tokens


def _with_camel_parts(raw: str) -> list[str]:
    parts = _CAMEL.findall(raw)
    if len(parts) > 1 and any(c.isupper() for c in raw[1:]) and any(c.islower() for c in raw):
        return [raw, *parts]
    return [raw]


@dataclass(frozen=True)
class LexicalUnit:
    """One retrievable unit (a chunk, a resolution, an action) as the lexical side sees it."""

    unit_id: str
    text: str
    metadata: Mapping[str, Scalar] = field(default_factory=dict)


def matches_where(metadata: Mapping[str, Any], where: Where | None) -> bool:
    """Evaluate a Chroma ``where`` clause against one unit's metadata, as Chroma would."""
    if not where:
        return True
    for key, cond in where.items():
        if key == "$and":
            if not all(matches_where(metadata, sub) for sub in cond):
                return False
        elif key == "$or":
            if not any(matches_where(metadata, sub) for sub in cond):
                return False
        elif not _matches_field(metadata.get(key), cond, key in metadata):
            return False
    return True


def _matches_field(value: Any, cond: Any, present: bool) -> bool:
    if not isinstance(cond, Mapping):
        return present and value == cond
    for op, operand in cond.items():
        if op == "$eq":
            ok = present and value == operand
        elif op == "$ne":
            ok = not present or value != operand
        elif op == "$in":
            ok = present and value in operand
        elif op == "$nin":
            ok = not present or value not in operand
        elif op in ("$gt", "$gte", "$lt", "$lte"):
            ok = present and value is not None and _compare(op, value, operand)
        else:
            raise ValueError(f"unsupported where operator {op!r}")
        if not ok:
            return False
    return True


def _compare(op: str, value: Any, operand: Any) -> bool:
    try:
        if op == "$gt":
            return value > operand
        if op == "$gte":
            return value >= operand
        if op == "$lt":
            return value < operand
        return value <= operand
    except TypeError:
        return False


class LexicalIndex:
    """BM25 over stored units; one JSON file per document under ``path / "docs"``.

    Safe to share between a writer (the indexer) and readers (the bot) in different processes:
    readers notice a changed generation stamp and reload before their next search.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._docs_dir = self.path / "docs"
        self._stamp = self.path / "generation"
        self._lock = threading.Lock()
        self._loaded_stamp: str | None = None
        self._units: list[LexicalUnit] = []
        self._model: Any = None
        self._vocab: dict[str, int] = {}
        self._by_id: dict[str, LexicalUnit] = {}
        self._df: dict[int, int] = {}

    # -- writing ---------------------------------------------------------------------------

    def upsert_doc(self, doc_id: str, units: Sequence[LexicalUnit]) -> None:
        """Replace everything stored for ``doc_id`` with ``units`` (atomically, per document)."""
        payload = {
            Key.DOC_ID: doc_id,
            "units": [
                {"id": u.unit_id, "text": u.text, "metadata": dict(u.metadata)} for u in units
            ],
        }
        self._docs_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(self._doc_file(doc_id), json.dumps(payload, ensure_ascii=False))
        self._bump()

    def delete_doc(self, doc_id: str) -> None:
        target = self._doc_file(doc_id)
        if target.exists():
            target.unlink()
            self._bump()

    def has_doc(self, doc_id: str) -> bool:
        return self._doc_file(doc_id).is_file()

    def doc_ids(self) -> list[str]:
        return sorted(doc[Key.DOC_ID] for doc in self._read_docs())

    def _doc_file(self, doc_id: str) -> Path:
        digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()
        return self._docs_dir / f"{digest}.json"

    def _bump(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        _atomic_write(self._stamp, os.urandom(8).hex())

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        self._ensure_loaded()
        return len(self._units)

    def search(self, query: str, k: int, where: Where | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (unit_id, BM25 score) pairs with a positive score, best first."""
        self._ensure_loaded()
        ids = [self._vocab[t] for t in tokenize(query) if t in self._vocab]
        if not ids or self._model is None or k <= 0:
            return []
        scores = np.asarray(self._model.get_scores(ids), dtype=np.float64)
        if where:
            mask = np.fromiter(
                (matches_where(u.metadata, where) for u in self._units),
                dtype=bool,
                count=len(self._units),
            )
            scores = np.where(mask, scores, 0.0)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return []
        order = positive[np.argsort(-scores[positive], kind="stable")][:k]
        return [(self._units[i].unit_id, float(scores[i])) for i in order]

    def has_term(self, token: str) -> bool:
        self._ensure_loaded()
        return token in self._vocab

    def idf(self, token: str) -> float:
        """BM25's idf for a (tokenized) term; a term never seen gets the highest weight."""
        self._ensure_loaded()
        n = max(len(self._units), 1)
        df = self._df.get(self._vocab.get(token, -1), 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def unit(self, unit_id: str) -> LexicalUnit | None:
        self._ensure_loaded()
        return self._by_id.get(unit_id)

    def _ensure_loaded(self) -> None:
        stamp = self._stamp.read_text() if self._stamp.exists() else ""
        if stamp == self._loaded_stamp:
            return
        with self._lock:
            if stamp == self._loaded_stamp:
                return
            units = [
                LexicalUnit(u["id"], u["text"], u.get("metadata") or {})
                for doc in sorted(self._read_docs(), key=lambda d: d[Key.DOC_ID])
                for u in doc["units"]
            ]
            self._build(units)
            self._loaded_stamp = stamp

    def _build(self, units: list[LexicalUnit]) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every rebuild at DEBUG
        self._units = units
        self._by_id = {u.unit_id: u for u in units}
        if not units:
            self._model, self._vocab = None, {}
            return
        vocab: dict[str, int] = {}
        corpus_ids = [[vocab.setdefault(t, len(vocab)) for t in tokenize(u.text)] for u in units]
        df: dict[int, int] = {}
        for ids in corpus_ids:
            for token_id in set(ids):
                df[token_id] = df.get(token_id, 0) + 1
        self._df = df
        vocab.setdefault("", len(vocab))  # bm25s scores empty documents through this token
        corpus_ids = [ids or [vocab[""]] for ids in corpus_ids]
        model = bm25s.BM25()
        model.index((corpus_ids, vocab), show_progress=False)
        self._model, self._vocab = model, vocab

    def _read_docs(self) -> Iterable[dict[str, Any]]:
        if not self._docs_dir.is_dir():
            return []
        docs = []
        for file in self._docs_dir.glob("*.json"):
            try:
                docs.append(json.loads(file.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue  # a file being replaced right now: the next generation reloads it
        return docs


def lexical_index_for(settings: IndexSettings) -> LexicalIndex:
    """The index beside Chroma's data; one instance per folder so readers share the loaded model."""
    return _shared(str(Path(settings.state_dir).resolve() / "lexical"))


@cache
def _shared(path: str) -> LexicalIndex:
    return LexicalIndex(Path(path))


def _atomic_write(target: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
