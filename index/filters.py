"""Chroma ``where`` clauses (:data:`index.schema.Where`) evaluated outside Chroma.

:func:`matches_where` evaluates one clause against one unit's metadata, as Chroma would; it is
the reference. The unit table (:mod:`index.units`) filters all its units at once instead: each
metadata key is a :class:`Column` of integer codes, a clause is evaluated once per distinct
value (a handful of bodies, a few thousand dates) and spread to all units with one numpy take
(:func:`where_mask`), and BM25 and exact dense search score only through the resulting mask.
The columns are tested against :func:`matches_where`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.schema import Where


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
            return bool(value > operand)
        if op == "$gte":
            return bool(value >= operand)
        if op == "$lt":
            return bool(value < operand)
        return bool(value <= operand)
    except TypeError:
        return False


_RANGE_OPS = {
    "$gt": np.greater,
    "$gte": np.greater_equal,
    "$lt": np.less,
    "$lte": np.less_equal,
}


@dataclass
class Column:
    """One metadata key over all units: ``codes[i]`` indexes ``values``; missing is
    ``len(values)``, so a lookup table with one extra slot maps every unit in one take."""

    values: list[Any]
    codes: np.ndarray

    def mask(self, cond: Any) -> np.ndarray:
        lut = self._numeric_lut(cond)
        if lut is None:
            lut = np.fromiter(
                (_matches_field(v, cond, True) for v in self.values),
                dtype=bool,
                count=len(self.values),
            )
        lut = np.append(lut, _matches_field(None, cond, False))
        mask: np.ndarray = lut[self.codes]
        return mask

    def _numeric_lut(self, cond: Any) -> np.ndarray | None:
        """A range over a column of numbers (dates as day numbers: thousands of distinct
        values at scale) in numpy instead of a Python loop; None for anything else."""
        if not isinstance(cond, Mapping) or not cond or not set(cond) <= set(_RANGE_OPS):
            return None
        if any(isinstance(o, bool) or not isinstance(o, int | float) for o in cond.values()):
            return None
        numbers = self.__dict__.get("_numbers")
        if numbers is None:
            numeric = all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in self.values
            )
            numbers = np.asarray(self.values, dtype=np.float64) if numeric else False
            self.__dict__["_numbers"] = numbers
        if numbers is False:
            return None
        lut: np.ndarray = np.ones(len(self.values), dtype=bool)
        for op, operand in cond.items():
            lut &= _RANGE_OPS[op](numbers, operand)
        return lut

    def value(self, row: int) -> Any:
        code = int(self.codes[row])
        return self.values[code] if code < len(self.values) else None


def columns_of(metadatas: Sequence[Mapping[str, Any]]) -> dict[str, Column]:
    n = len(metadatas)
    lookups: dict[str, dict[Any, int]] = {}
    codes: dict[str, np.ndarray] = {}
    for row, meta in enumerate(metadatas):
        for key, value in meta.items():
            lookup = lookups.get(key)
            if lookup is None:
                lookup = lookups[key] = {}
                codes[key] = np.full(n, -1, dtype=np.int32)
            # (type, value): Chroma tells 1 from True and from 1.0; a dict alone would not
            codes[key][row] = lookup.setdefault((type(value), value), len(lookup))
    out = {}
    for key, lookup in lookups.items():
        column = codes[key]
        column[column < 0] = len(lookup)
        out[key] = Column([value for _type, value in lookup], column)
    return out


def where_mask(where: Where, columns: Mapping[str, Column], n: int) -> np.ndarray:
    mask: np.ndarray = np.ones(n, dtype=bool)
    for key, cond in where.items():
        if key == "$and":
            for sub in _merged_ranges(cond):
                mask &= where_mask(sub, columns, n)
        elif key == "$or":
            either: np.ndarray = np.zeros(n, dtype=bool)
            for sub in cond:
                either |= where_mask(sub, columns, n)
            mask &= either
        else:
            column = columns.get(key)
            if column is None:  # no unit has the key: every unit is "missing" it
                mask &= _matches_field(None, cond, False)
            else:
                mask &= column.mask(cond)
    return mask


def _merged_ranges(clauses: Sequence[Where]) -> list[Where]:
    """``$and`` clauses with one key's operator conditions joined into one (a date range is
    ``$gte`` and ``$lte`` on one key): a clause costs a pass over every unit, a bound in a
    joined one only a pass over the key's distinct values."""
    out: list[Where] = []
    joined: dict[str, dict[str, Any]] = {}
    for clause in clauses:
        if len(clause) != 1:
            out.append(clause)
            continue
        ((key, cond),) = clause.items()
        if (
            not key.startswith("$")
            and isinstance(cond, Mapping)
            and set(cond) <= set(_RANGE_OPS)
            and not set(cond) & set(joined.get(key, {}))
        ):
            if key not in joined:
                joined[key] = {}
                out.append({key: joined[key]})
            joined[key].update(cond)
        else:
            out.append(clause)
    return out
