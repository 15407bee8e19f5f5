"""City of London (Ontario) eScribe minutes rendered as markdown.

Shape: YAML front matter (``title:``, ``date:``), then headings ``# 2.&nbsp;&nbsp;&nbsp;Consent``,
``## 2.3&nbsp;&nbsp;&nbsp;Title`` and at Council ``### 8.1.6&nbsp;&nbsp;&nbsp;[(2.5)](<link>) Title``
(the committee's own number in a link). Every heading is an item, so a section's own motion
(``# 2. Consent`` → "That Items 2.1 … BE APPROVED") is kept; items may appear out of numeric
order and are kept in document order. Within an item, ``****`` separates motion blocks;
motions whose vote failed are not reported as decisions (their votes still are).
"""

from __future__ import annotations

import re
from datetime import date

from index.extract.motions import extract_motions
from index.extract.votes.london import LONDON_VOTES
from index.formats.base import CouncilFormat, ItemSpan
from index.models import Meeting, Resolution, ResolutionKind, Vote, VoteResult

_NBSP = r"(?:&nbsp;|\u00a0|[ \t])+"
_HEADING = re.compile(
    r"^(#{1,6})(?=[ \t]|\d)[ \t]*(?:(\d+(?:\.\d+)*)\.?" + _NBSP + r")?(.*?)[ \t]*$", re.MULTILINE
)
_NUMBERED_HEADING = re.compile(r"^#{1,6}[ \t]*\d+(?:\.\d+)*\.?(?:&nbsp;|\u00a0)", re.MULTILINE)
_LINKED_NUMBER = re.compile(
    r"^\[\((\d+(?:\.\d+)*)\)\]\(<[^>]*>\)\s*|^\[\((\d+(?:\.\d+)*)\)\]\([^)]*\)\s*"
)
_PLAIN_NUMBER = re.compile(r"^\((\d+(?:\.\d+)*)\)\s*")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
# "****" rules off each motion; "Additional Votes:" starts a new one without a rule.
_BLOCK_SEPARATOR = re.compile(r"^(?:\*{4,}|Additional Votes:)[ \t]*$", re.MULTILINE)


class LondonMarkdown(CouncilFormat):
    """City of London (Ontario) eScribe minutes as markdown: every heading is an item."""

    name = "london_markdown"
    vote_grammar = LONDON_VOTES

    def detect(self, text: str) -> bool:
        """eScribe markdown: numbered headings written with ``&nbsp;`` (or U+00A0) separators."""
        return len(_NUMBERED_HEADING.findall(text)) >= 2

    def split(self, text: str, meeting: Meeting) -> list[ItemSpan]:
        front = _front_matter(text)
        headings = [m for m in _HEADING.finditer(text) if m.group(3).strip() or m.group(2)]
        spans: list[ItemSpan] = []
        for index, heading in enumerate(headings):
            end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
            number, title = _number_and_title(heading.group(2), heading.group(3))
            if text[heading.end() : end].strip():  # a bare section heading ("# 8. Reports")
                spans.append(ItemSpan(title, number, heading.end(), end))  # has no minutes
        meeting.title = front.get("title")
        meeting.body = _body(meeting.title)
        meeting.date = _date(front.get("date"))
        meeting.url = _original_link(text)
        meeting.time = _time(text)
        return spans

    def resolutions(self, body: str) -> list[Resolution]:
        """The motions of each block whose vote did not fail, each once."""
        resolutions: list[Resolution] = []
        seen: set[tuple[str | None, str]] = set()
        for block in _blocks(body):
            block_votes = self.votes(block)
            if block_votes and all(v.result == VoteResult.LOST for v in block_votes):
                continue  # a failed motion decided nothing
            for resolution in extract_motions(block):
                if resolution.kind != ResolutionKind.MOTION:
                    continue  # capitalised words in by-law titles are not Portland dispositions
                key = (resolution.label, resolution.text)
                if key not in seen:
                    seen.add(key)
                    resolutions.append(resolution)
        return resolutions

    def votes(self, text: str) -> list[Vote]:
        """Each motion block's votes, read block by block as the minutes rule them off."""
        return [vote for block in _blocks(text) for vote in LONDON_VOTES.votes(block)]


FORMAT = LondonMarkdown()


def _front_matter(text: str) -> dict[str, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    out: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip().lower()] = value.strip().strip("\"'")
    return out


def _number_and_title(number: str | None, rest: str) -> tuple[str | None, str]:
    """``8.1.6`` + ``[(2.5)](<link>) Title`` → ``8.1.6 (2.5)``, ``Title``; `&nbsp;` removed."""
    rest = rest.replace("&nbsp;", " ").replace("\u00a0", " ").strip()
    inner = _LINKED_NUMBER.match(rest) or _PLAIN_NUMBER.match(rest)
    if inner:
        committee_number = next(g for g in inner.groups() if g)
        rest = rest[inner.end() :]
        number = f"{number} ({committee_number})" if number else f"({committee_number})"
    return number, " ".join(rest.split())


def _blocks(body: str) -> list[str]:
    """Motion blocks: the text between ``****`` (or ``Additional Votes:``) lines."""
    parts: list[str] = []
    pos = 0
    for sep in _BLOCK_SEPARATOR.finditer(body):
        parts.append(body[pos : sep.start()])
        pos = sep.end()
    parts.append(body[pos:])
    return [part for part in parts if part.strip()]


def _body(title: str | None) -> str | None:
    """``2nd Meeting of the Community and Protective Services Committee`` → the committee."""
    if not title:
        return None
    match = re.search(r"Meeting of (?:the )?(.+)$", title)
    name = match.group(1).strip() if match else None
    if name is None and re.search(r"Council Meeting|City Council", title):
        name = "Municipal Council"
    if name == "City Council":
        name = "Municipal Council"
    return f"City of London {name}" if name else "City of London"


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _original_link(text: str) -> str | None:
    match = re.search(r"\[Original link\]\((https?://[^)\s]+)\)", text[:3000])
    return match.group(1) if match else None


def _time(text: str) -> str | None:
    match = re.search(r"\b(\d{1,2}:\d{2}\s*[AP]M)\b", text[:600])
    return match.group(1).replace("  ", " ") if match else None
