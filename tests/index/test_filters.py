"""Chroma ``where`` clauses evaluated outside Chroma: the column masks the unit table filters
with agree with the one-unit reference evaluator."""

from __future__ import annotations

import random

from index.filters import columns_of, matches_where, where_mask


def test_the_column_filter_agrees_with_the_reference_on_random_clauses():
    rng = random.Random(7)
    bodies = ["A", "B", "C"]
    metas = []
    for _ in range(300):
        meta: dict = {"unit": rng.choice(["chunk", "resolution"])}
        if rng.random() < 0.9:
            meta["body"] = rng.choice(bodies)
        if rng.random() < 0.8:
            meta["date_num"] = rng.randint(20200101, 20251231)
        metas.append(meta)
    columns = columns_of(metas)

    def clause() -> dict:
        kind = rng.randrange(6)
        if kind == 0:
            return {"body": rng.choice(bodies)}
        if kind == 1:
            return {"body": {"$in": rng.sample(bodies, 2)}}
        if kind == 2:
            return {"body": {"$nin": [rng.choice(bodies)]}}
        if kind == 3:
            op = rng.choice(["$gt", "$gte", "$lt", "$lte"])
            return {"date_num": {op: rng.randint(20200101, 20251231)}}
        if kind == 4:
            return {"$or": [clause(), clause()]}
        return {"$and": [clause(), clause()]}

    for _ in range(200):
        where = clause()
        expected = [matches_where(m, where) for m in metas]
        assert where_mask(where, columns, len(metas)).tolist() == expected, where
