"""Kent printed minutes: ``For (35)`` / ``Against (0)`` / ``Abstain (9)`` headers.

Each header is followed by a wrapped, comma-separated name list, then ``Motion carried.`` /
``Amendment lost.`` / ``Agreed.`` (sometimes no result line at all). "Mr X proposed and
Mrs Y seconded" above the vote names the mover. A bare "Motion carried." with no recorded
vote above it is kept as an outcome.

``Vote.motion`` is the text the vote decides, verbatim: the quoted motion or amendment
("“County Council is asked to: …”"), found where "The Chairman put the amendment set out in
paragraph 15 to the vote" points, or after "Mr X proposed and Mr Y seconded the following
amendment:" above the tally; the "put … to the vote" paragraph itself when nothing more
precise is printed.
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
            # Its motion is still stated above it when the Chairman put one to the vote.
            start, end = strip_span(text, lines[i].start, lines[i].end)
            mover = seconder = None
            movers = list(_KENT_MOVER.finditer(text, previous_end, start))
            if movers:
                mover, seconder = movers[-1].group(1), movers[-1].group(2)
            motion = _kent_motion(text, start, previous_end)
            if mover is None and motion is not None:
                mover, seconder = _proposer(text, motion, start)
            yield (
                start,
                Vote(
                    text=text[start:end],
                    result=_kent_result(outcome),
                    motion=motion,
                    mover=mover,
                    seconder=seconder,
                ),
            )
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
        motion = _kent_motion(text, start, previous_end)
        if mover is None and motion is not None:
            mover, seconder = _proposer(text, motion, start)
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


_PARAGRAPH_LABEL = re.compile(
    r"[ \t]*(?:\((?P<paren>\d{1,3})\)|(?P<close>\d{1,3})\)|(?P<dot>\d{1,3})\.)(?=[ \t\u00a0])"
)
_PARAGRAPH_REF = re.compile(r"\bparagraph\s+(\d{1,3})\b")
_SECONDED_THAT = re.compile(r",?\s+that\b")  # right after "… seconded"
_OPENING = '“"'
_CLOSING = '”"'


def _kent_motion(text: str, start: int, floor: int) -> str | None:
    """What the vote at ``start`` decides, verbatim (see the module docstring), else None.

    In order: a quotation inside the "put … to the vote" paragraph; the quoted text of the
    paragraph it points to ("set out in paragraph 10"), or that paragraph itself; the quoted
    text after the last "proposed … seconded" since ``floor`` (the previous vote), or that
    paragraph when it moves "that …" in its own words; the "put … to the vote" paragraph.
    """
    put = _kent_put_to_vote(text, start)
    if put is not None:
        quoted = _quoted(text, *put)
        if quoted is not None:
            return text[quoted[0] : quoted[1]]
        reference = _PARAGRAPH_REF.search(text, *put)
        pointed = _numbered_paragraph(text, reference.group(1), put) if reference else None
        if pointed is not None:
            span = _quoted(text, *pointed) or pointed
            return text[span[0] : span[1]]
    above = put[0] if put is not None else start
    movers = list(_KENT_MOVER.finditer(text, floor, above))
    if movers:
        mover = movers[-1]
        quoted = _quoted(text, mover.end(), above)
        if quoted is not None:
            return text[quoted[0] : quoted[1]]
        if _SECONDED_THAT.match(text, mover.end()):
            para_start = text.rfind("\n", 0, mover.start()) + 1
            para_end = _paragraph_end(text, mover.end(), above)
            return text[_after_label(text, para_start) : para_end] or None
    if put is not None:
        return text[put[0] : put[1]]
    return None


def _kent_put_to_vote(text: str, start: int) -> tuple[int, int] | None:
    """The span of the paragraph right above ``For (n)`` when it says what was put to the vote
    ("The Chairman put the amendment set out in paragraph 15 to the vote …")."""
    before = text[:start].rstrip()
    breaks = list(re.finditer(r"\n[ \t]*\n", before))
    para_start = breaks[-1].end() if breaks else 0
    if start - para_start > 600:
        return None
    para = before[para_start:]
    if not re.search(r"\bto\s+the\s+vote\b", para):
        return None
    lead = len(para) - len(para.lstrip())
    return (para_start + lead, len(before)) if para[lead:] else None


def _quoted(text: str, start: int, end: int) -> tuple[int, int] | None:
    """From the first opening quotation mark in ``text[start:end]`` through the last closing
    one: the motion's own words, with the marks, as printed. A quotation the clerk never
    closed runs to the end of the range."""
    opening = next((i for i in range(start, end) if text[i] in _OPENING), None)
    if opening is None:
        return None
    closing = next((i for i in range(end - 1, opening, -1) if text[i] in _CLOSING), None)
    if closing is not None:
        return opening, closing + 1
    while end > opening + 1 and text[end - 1].isspace():
        end -= 1
    return opening, end


def _numbered_paragraph(text: str, number: str, put: tuple[int, int]) -> tuple[int, int] | None:
    """The span of paragraph ``number`` above ``put``, labelled as the put paragraph is.

    "10)" in "11) … put the motion set out in paragraph 10 to the vote"; a label inside a
    quotation ("1. Tackling …" in the motion's own list) is not a paragraph of the minutes.
    """
    shape = _shape(text, put[0])
    labels = [
        (match, _shape_of(match))
        for match in _PARAGRAPH_LABEL.finditer(text, 0, put[0])
        if _at_line_start(text, match.start()) and not _inside_quotation(text, match.start())
    ]
    labels = [(m, s) for m, s in labels if shape is None or s == shape]
    found = next((m for m, _ in reversed(labels) if _number_of(m) == number), None)
    if found is None:
        return None
    following = [m for m, _ in labels if m.start() > found.start()]
    end = following[0].start() if following else put[0]
    start = _after_label(text, found.start())
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _shape(text: str, position: int) -> str | None:
    match = _PARAGRAPH_LABEL.match(text, position)
    return _shape_of(match) if match else None


def _shape_of(match: re.Match[str]) -> str:
    return next(name for name in ("paren", "close", "dot") if match.group(name))


def _number_of(match: re.Match[str]) -> str:
    return match.group("paren") or match.group("close") or match.group("dot")


def _at_line_start(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] == "\n"


def _inside_quotation(text: str, position: int) -> bool:
    """Is ``position`` between an opening curly quotation mark and the one closing it?

    A mark the clerk never closed (the next "”" comes after another "“", or never) does not
    make the rest of the item a quotation.
    """
    opened, closed = text.rfind("“", 0, position), text.rfind("”", 0, position)
    if opened <= closed:
        return False
    closes, reopens = text.find("”", position), text.find("“", position)
    return closes >= 0 and (reopens < 0 or closes < reopens)


def _after_label(text: str, line_start: int) -> int:
    """The offset after a paragraph label ("10)    ") at ``line_start``, or of its first text."""
    match = _PARAGRAPH_LABEL.match(text, line_start)
    position = match.end() if match else line_start
    while position < len(text) and text[position] in " \t\u00a0":
        position += 1
    return position


def _paragraph_end(text: str, position: int, limit: int) -> int:
    """The end of the paragraph holding ``position`` (a blank line ends it), before ``limit``."""
    blank = re.compile(r"\n[ \t\u00a0]*\n").search(text, position, limit)
    end = blank.start() if blank else limit
    while end > position and text[end - 1].isspace():
        end -= 1
    return end


_TO_THE_VOTE = re.compile(r"\bto\s+the\s+vote\b")
_NEW_PARAGRAPH = re.compile(r"\n[ \t]*\(?\d{1,3}[).][ \t]")


def _proposer(text: str, motion: str, before: int) -> tuple[str | None, str | None]:
    """Who proposed and seconded ``motion`` when the vote on it comes after other votes
    ("put the motion set out in paragraph 1 to the vote"): the "Mr X proposed, and Mrs Y
    seconded" right above the motion's own words, if the minutes print one there."""
    at = text.rfind(motion, 0, before)
    if at < 0 or _TO_THE_VOTE.search(motion):
        return None, None  # only the "put … to the vote" paragraph: no motion to look above
    own = _KENT_MOVER.match(text, at, at + len(motion))  # "The Chairman proposed … that …"
    if own:
        return own.group(1), own.group(2)
    movers = list(_KENT_MOVER.finditer(text, max(0, at - 300), at))
    if not movers or _NEW_PARAGRAPH.search(text, movers[-1].end(), at):
        return None, None  # nobody, or the proposer of another paragraph's motion
    return movers[-1].group(1), movers[-1].group(2)


KENT_VOTES = VoteGrammar("kent", _kent_votes)
