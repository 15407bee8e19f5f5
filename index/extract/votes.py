"""Recorded votes in the three shapes the corpus prints them, as verbatim spans.

* Kent printed minutes: ``For (35)`` / ``Against (0)`` / ``Abstain (9)`` headers, each
  followed by a wrapped, comma-separated name list, then ``Motion carried.`` /
  ``Amendment lost.`` / ``Agreed.`` (sometimes no result line at all).
* London eScribe markdown: ``> Moved by`` / ``> Seconded by`` / ``> Motion made by``,
  a ``> [!abstract]- Vote:`` table whose Yeas / Nays / Absent / Recuse columns sit side by
  side (a row does not pair people, cells may be empty), then ``> **Motion Passed (8 to 7)**``
  or ``> **Motion Failed**``; appointment ballots end ``> **Majority Winner: …**``; one
  committee writes ``Yeas: (4) A, B`` inline after the result.
* Portland: ``(Y-5)``, optionally preceded by ``Moved by X and seconded by Y.``

``Vote.text`` is always an exact slice of the input so that it can be quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from index.models import Vote, VoteResult

__all__ = ["extract_votes"]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # offset of the end of the line's visible text (before "\n")
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so the quoted span neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def extract_votes(text: str) -> list[Vote]:
    """Every recorded vote in ``text`` in document order (Kent, London and Portland forms)."""
    found: list[tuple[int, Vote]] = []
    found.extend(_kent_votes(text))
    found.extend(_london_votes(text))
    found.extend(_portland_votes(text))
    found.sort(key=lambda pair: pair[0])
    return [vote for _, vote in found]


# --------------------------------------------------------------------------- Kent

_KENT_HEADER = re.compile(r"^(For|Against|Abstain)\s*\((\d+)\)$")
_KENT_RESULT = re.compile(
    r"^(?:Substantive\s+)?(Motion|Amendment)\s+(carried|lost|agreed|fell)\.?$"
    r"|^(Agreed|Carried|Lost)(?: unanimously)?\.?$",
    re.IGNORECASE,
)
_KENT_OUTCOME_ONLY = re.compile(
    r"^(?:Substantive\s+)?(?:Motion|Amendment)\s+(?:carried|lost|fell)\.?$", re.IGNORECASE
)
_KENT_STOP = re.compile(r"^(?:\(?\d+[).]|\(?[a-z][).]\s|RESOLVED|[A-Z][a-z]+ proposed)")
_KENT_PERSON = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|The|the)\s+)?[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*)?"
_KENT_MOVER = re.compile(rf"({_KENT_PERSON})\s+proposed,?\s+and\s+({_KENT_PERSON})\s+seconded")
_NAME_WORD = re.compile(r"^[A-Z(][\w’'().-]*,?$")
_HONOURS = {"CBE", "OBE", "MBE", "KBE", "DBE", "BEM", "KC", "QC", "JP", "DL"}
_CONNECTORS = {"and", "&", "of", "de", "van", "von", "le", "la"}


def _looks_like_names(line: str) -> bool:
    words = line.replace(",", " , ").split()
    words = [w for w in words if w != ","]
    if not words:
        return False
    good = sum(1 for w in words if _NAME_WORD.match(w) or w in _CONNECTORS)
    return good / len(words) >= 0.75


def _split_names(lines: list[str]) -> tuple[str, ...]:
    joined = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if joined.endswith("-") and not joined.endswith(" -"):
            joined += line
        elif joined:
            joined += " " + line
        else:
            joined = line
    names: list[str] = []
    for part in re.split(r",|\s+and\s+", joined):
        name = " ".join(part.split()).rstrip(".")
        if not name:
            continue
        if name in _HONOURS and names:
            names[-1] = f"{names[-1]}, {name}"  # "Sir Paul Carter, CBE" is one member
        else:
            names.append(name)
    return tuple(names)


def _kent_result(match: re.Match[str]) -> str:
    lost = re.search(r"\b(?:lost|fell)\b", match.group(0), re.IGNORECASE)
    return VoteResult.LOST if lost else VoteResult.CARRIED


def _kent_votes(text: str) -> Iterator[tuple[int, Vote]]:
    lines = _lines(text)
    previous_end = 0  # a mover named before the previous vote moved something else
    i = 0
    while i < len(lines):
        header = _KENT_HEADER.match(lines[i].stripped)
        outcome = _KENT_OUTCOME_ONLY.match(lines[i].stripped)
        if outcome:
            # "Motion carried." with no recorded vote above it: the outcome alone.
            start, end = _trimmed_span(text, lines[i].start, lines[i].end)
            yield start, Vote(text=text[start:end], result=_kent_result(outcome))
            previous_end = end
        if not header or header.group(1) != "For":
            i += 1
            continue
        start = lines[i].start
        end = lines[i].end
        groups: dict[str, list[str]] = {"For": [], "Against": [], "Abstain": []}
        counts: dict[str, int] = {"For": int(header.group(2))}
        current = "For"
        result = VoteResult.UNKNOWN
        j = i + 1
        while j < len(lines):
            line = lines[j].stripped
            nxt = _KENT_HEADER.match(line)
            if nxt:
                if nxt.group(1) == "For" or nxt.group(1) in counts:
                    break
                current = nxt.group(1)
                counts[current] = int(nxt.group(2))
                end = lines[j].end
                j += 1
                continue
            res = _KENT_RESULT.match(line)
            if res:
                result = _kent_result(res)
                end = lines[j].end
                j += 1
                break
            if not line or line.isdigit():
                j += 1
                continue
            if _KENT_STOP.match(line) or not _looks_like_names(line):
                break
            groups[current].append(line)
            end = lines[j].end
            j += 1
        i = j
        start, end = _trimmed_span(text, start, end)
        mover = seconder = None
        preamble = text[max(previous_end, start - 8000) : start]
        movers = list(_KENT_MOVER.finditer(preamble))
        if movers:
            mover, seconder = movers[-1].group(1), movers[-1].group(2)
        motion = _kent_put_to_vote(text, start)
        previous_end = end
        yeas, nays, abst = (_split_names(groups[k]) for k in ("For", "Against", "Abstain"))
        if result == VoteResult.UNKNOWN and "Against" in counts:
            result = _result_from_counts(counts["For"], counts["Against"])
        yield (
            start,
            Vote(
                text=text[start:end],
                result=result,
                motion=motion,
                mover=mover,
                seconder=seconder,
                yeas=yeas,
                nays=nays,
                abstentions=abst,
                yea_count=counts.get("For"),
                nay_count=counts.get("Against"),
                abstain_count=counts.get("Abstain"),
            ),
        )


def _kent_put_to_vote(text: str, start: int) -> str | None:
    """The paragraph right above ``For (n)`` when it says what was put to the vote
    ("The Chairman put the amendment set out in paragraph 15 to the vote …")."""
    before = text[:start].rstrip()
    breaks = list(re.finditer(r"\n[ \t]*\n", before))
    para_start = breaks[-1].end() if breaks else 0
    if start - para_start > 600:
        return None
    para = before[para_start:]
    if not re.search(r"\bto the\s+vote\b", para):
        return None
    lead = len(para) - len(para.lstrip())
    return para[lead:] or None


def _result_from_counts(yeas: int, nays: int) -> str:
    """A tie fails: the motion needs more votes for than against."""
    return VoteResult.CARRIED if yeas > nays else VoteResult.LOST


# --------------------------------------------------------------------------- London

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
            if index < len(keys) and keys[index] and cell and cell != "None":
                out.setdefault(keys[index], []).append(" ".join(cell.split()))
    return out


def _london_votes(text: str) -> Iterator[tuple[int, Vote]]:
    lines = _lines(text)
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
        motion_lines: list[_Line] = []
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
            m_start, m_end = _trimmed_span(text, motion_lines[0].start, motion_lines[-1].end)
            motion = text[m_start:m_end] or None
        start, stop = _trimmed_span(text, lines[first].start, end)
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


# --------------------------------------------------------------------------- Portland

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
                result=_result_from_counts(yeas, nays),
                motion=motion,
                mover=mover,
                seconder=seconder,
                yea_count=yeas,
                nay_count=nays if match.group(2) else None,
            ),
        )
