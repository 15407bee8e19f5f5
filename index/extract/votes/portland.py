"""Portland roll calls: ``(Y-5)`` or ``(Y-3; N-2)``, optionally preceded by "Moved by X and
seconded by Y." and the "Motion to …:" it voted on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.extract.votes.grammar import VoteGrammar, result_from_counts
from index.models import Vote

_PDX_VOTE = re.compile(r"\(Y-(\d+)(?:[;,]?\s*N-(\d+))?\)")
_PDX_MOVED = re.compile(
    r"Moved by ((?:Mayor|Commissioner)\s+[A-Z][\w-]+)\s+and\s+seconded by\s+"
    r"((?:Mayor|Commissioner)\s+[A-Z][\w-]+)\.?\s*$"
)
_PDX_MOTION = re.compile(r"Motion to [^:()]{3,200}:\s*$")


def _portland_votes(text: str) -> Iterator[tuple[int, Vote]]:
    for match in _PDX_VOTE.finditer(text):
        yeas = int(match.group(1))
        nays = int(match.group(2)) if match.group(2) else 0
        start = match.start()
        mover = seconder = motion = None
        before = text[max(0, start - 400) : start]
        moved = _PDX_MOVED.search(before)
        if moved:
            mover, seconder = moved.group(1), moved.group(2)
            base = start - len(before)
            motion_match = _PDX_MOTION.search(before, 0, moved.start())
            if motion_match and "(Y-" not in motion_match.group(0):
                motion = motion_match.group(0).rstrip()
                start = base + motion_match.start()
            else:
                start = base + moved.start()
        yield (
            start,
            Vote(
                text=text[start : match.end()],
                result=result_from_counts(yeas, nays),
                motion=motion,
                mover=mover,
                seconder=seconder,
                yea_count=yeas,
                nay_count=nays if match.group(2) else None,
            ),
        )


PORTLAND_VOTES = VoteGrammar("portland", _portland_votes)
