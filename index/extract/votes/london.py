"""London (Ontario) eScribe markdown votes.

``> Moved by`` / ``> Seconded by`` / ``> Motion made by``, a ``> [!abstract]- Vote:`` table
whose Yeas / Nays / Absent / Recuse columns sit side by side (a row does not pair people,
cells may be empty), then ``> **Motion Passed (8 to 7)**`` or ``> **Motion Failed**``;
appointment ballots end ``> **Majority Winner: …**``; one committee writes
``Yeas: (4) A, B`` inline after the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.extract.text import Line, split_lines, strip_span
from index.extract.votes.grammar import VoteGrammar
from index.models import Vote, VoteResult

_LDN_RESULT = re.compile(
    r"^>?\s*\*\*\s*Motion\s+(Passed|Failed|Carried|Lost|Defeated)"
    r"(?:\s*\((\d+)\s+to\s+(\d+)\))?\s*\*\*\s*$"
    r"|^>?\s*\*\*\s*Majority Winner:\s*(.*?)\s*\*\*\s*$",
    re.IGNORECASE,
)
_LDN_MOVER = re.compile(r"^>\s*(?:Moved by|Motion made by)\s+(.+?)\s*$")
_LDN_SECONDER = re.compile(r"^>\s*Seconded by\s+(.+?)\s*$")
_LDN_TABLE_START = re.compile(r"^>\s*\[!abstract\]-\s*Vote:\s*$")
_LDN_SEPARATOR = re.compile(r"^\*{4,}\s*$|^#{1,6}\s")
_LDN_INLINE = re.compile(r"^(Yeas|Nays|Absent|Recuse|Abstain(?:ed)?):\s*\((\d+)\)\s*(.*?)\s*$")
_COLUMN_KEYS = {
    "yeas": "yeas",
    "yea": "yeas",
    "nays": "nays",
    "nay": "nays",
    "absent": "absent",
    "recuse": "abstentions",
    "abstain": "abstentions",
}


def _cells(row: str) -> list[str] | None:
    """Cells of a ``> |a|b||`` row, keeping empty cells so columns stay aligned."""
    body = row.strip()
    if body.startswith(">"):
        body = body[1:].strip()
    if not body.startswith("|"):
        return None
    body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [cell.strip() for cell in body.split("|")]


def _parse_table(rows: list[str]) -> dict[str, list[str]]:
    """Read a side-by-side vote table column by column; unknown headers (ballots) give nothing."""
    out: dict[str, list[str]] = {}
    if not rows:
        return out
    header = _cells(rows[0]) or []
    keys = [_COLUMN_KEYS.get(cell.rstrip(":").strip().lower()) for cell in header]
    if not any(keys):
        return out
    for row in rows[1:]:
        cells = _cells(row)
        if cells is None or all(set(c) <= {"-"} for c in cells if c):
            continue
        for index, cell in enumerate(cells):
            key = keys[index] if index < len(keys) else None
            if key and cell and cell != "None":
                out.setdefault(key, []).append(" ".join(cell.split()))
    return out


def _london_votes(text: str) -> Iterator[tuple[int, Vote]]:
    lines = split_lines(text)
    block_start = 0  # index of the first line after the previous vote or separator
    for idx, line in enumerate(lines):
        if _LDN_SEPARATOR.match(line.stripped):
            block_start = idx + 1
            continue
        res = _LDN_RESULT.match(line.stripped)
        if not res:
            continue
        block = lines[block_start:idx]
        mover = seconder = None
        first = idx
        table: list[str] = []
        in_table = False
        motion_lines: list[Line] = []
        for k, bl in enumerate(block):
            s = bl.stripped
            if m := _LDN_MOVER.match(s):
                mover = m.group(1)
                first = min(first, block_start + k)
                motion_lines = []  # links and notes above the mover are not the motion
            elif m := _LDN_SECONDER.match(s):
                seconder = m.group(1)
                first = min(first, block_start + k)
            elif _LDN_TABLE_START.match(s):
                in_table = True
                first = min(first, block_start + k)
            elif in_table and s.startswith(">") and "|" in s:
                table.append(s)
            elif s and not s.startswith(">"):
                in_table = False
                motion_lines.append(bl)
        if mover is None and seconder is None and motion_lines:
            first = min(first, block_start + block.index(motion_lines[0]))
        end = line.end
        inline: dict[str, tuple[int, list[str]]] = {}
        k = idx + 1
        while k < len(lines):
            s = lines[k].stripped
            if not s:
                k += 1
                continue
            m = _LDN_INLINE.match(s)
            if not m:
                break
            key = _COLUMN_KEYS.get(m.group(1).lower().rstrip("ed"), "abstentions")
            names = [n.strip() for n in m.group(3).split(",") if n.strip()]
            inline[key] = (int(m.group(2)), names)
            end = lines[k].end
            k += 1
        columns = _parse_table(table)
        for key, (_, names) in inline.items():
            columns.setdefault(key, names)
        if res.group(4) is not None:
            result = VoteResult.UNKNOWN
            yea_count = nay_count = None
        else:
            word = res.group(1).lower()
            yea_count = int(res.group(2)) if res.group(2) else None
            nay_count = int(res.group(3)) if res.group(3) else None
            result = VoteResult.CARRIED if word in {"passed", "carried"} else VoteResult.LOST
        if yea_count is None and "yeas" in inline:
            yea_count = inline["yeas"][0]
        if nay_count is None and "nays" in inline:
            nay_count = inline["nays"][0]
        motion = None
        if motion_lines:
            m_start, m_end = strip_span(text, motion_lines[0].start, motion_lines[-1].end)
            motion = text[m_start:m_end] or None
        start, stop = strip_span(text, lines[first].start, end)
        yield (
            start,
            Vote(
                text=text[start:stop],
                result=result,
                motion=motion,
                mover=mover,
                seconder=seconder,
                yeas=tuple(columns.get("yeas", ())),
                nays=tuple(columns.get("nays", ())),
                abstentions=tuple(columns.get("abstentions", ())),
                absent=tuple(columns.get("absent", ())),
                yea_count=yea_count,
                nay_count=nay_count,
            ),
        )
        block_start = idx + 1


LONDON_VOTES = VoteGrammar("london", _london_votes)
