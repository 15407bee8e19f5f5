"""Kent printed minutes: ``For (35)`` / ``Against (0)`` / ``Abstain (9)`` headers.

Each header is followed by a wrapped, comma-separated name list, then ``Motion carried.`` /
``Amendment lost.`` / ``Agreed.`` (sometimes no result line at all). "Mr X proposed and
Mrs Y seconded" above the vote names the mover; "The Chairman put … to the vote" names the
motion. A bare "Motion carried." with no recorded vote above it is kept as an outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.extract.text import split_lines, strip_span
from index.extract.votes.grammar import VoteGrammar, result_from_counts
from index.models import Vote, VoteResult

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
    lines = split_lines(text)
    previous_end = 0  # a mover named before the previous vote moved something else
    i = 0
    while i < len(lines):
        header = _KENT_HEADER.match(lines[i].stripped)
        outcome = _KENT_OUTCOME_ONLY.match(lines[i].stripped)
        if outcome:
            # "Motion carried." with no recorded vote above it: the outcome alone.
            start, end = strip_span(text, lines[i].start, lines[i].end)
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
        start, end = strip_span(text, start, end)
        mover = seconder = None
        preamble = text[max(previous_end, start - 8000) : start]
        movers = list(_KENT_MOVER.finditer(preamble))
        if movers:
            mover, seconder = movers[-1].group(1), movers[-1].group(2)
        motion = _kent_put_to_vote(text, start)
        previous_end = end
        yeas, nays, abst = (_split_names(groups[k]) for k in ("For", "Against", "Abstain"))
        if result == VoteResult.UNKNOWN and "Against" in counts:
            result = result_from_counts(counts["For"], counts["Against"])
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


KENT_VOTES = VoteGrammar("kent", _kent_votes)
