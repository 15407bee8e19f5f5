"""The modern.gov web service's XML (``mgWebService.asmx``), read defensively.

What real responses do (shared/notes/moderngov.md, LGSF's saved Manchester responses): the root
element *is* the payload over GET; counts carry a leading space (``> 2<``); empty values are
whitespace-only elements; dates are ``dd/mm/yyyy`` and booleans ``True``/``False``; titles are
HTML-encoded *then* XML-encoded (``Chair&amp;#39;s``), so they are decoded twice; the minutes
(``minutesnonemptyhtmlbody``) are Word-export HTML escaped as XML text. Every value is stripped.
The parser resolves no entities and fetches nothing, whatever the document asks.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from lxml import etree  # type: ignore[import-untyped]

from index.links import path_value
from index.sites.errors import MalformedResponseError
from index.sites.models import Committee, MeetingStub, SiteItem

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=False)
_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_REF = re.compile(
    rb"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127)|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]));"
)
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Controls but tab and newlines: invalid in XML 1.0, and an ESC would reach the terminal."""


def strip_controls(content: bytes) -> bytes:
    """``content`` without control characters, raw or as character references: a site's
    title holding an ESC must not fail its whole meeting ("invalid Char value 27") on every
    run, as files are cleaned of them too. Left alone for UTF-16/32 (not what modern.gov
    sends), where NUL bytes belong to the text."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00<" in content[:8]:
        return content
    return _CONTROL_REF.sub(b"", _RAW_CONTROL.sub(b"", content))


def parse(content: bytes, url: str, root: str) -> etree._Element:
    """The document's root, which must be ``<root>``; else a one-line MalformedResponseError."""
    try:
        element = etree.fromstring(strip_controls(content), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponseError(url, f"malformed XML ({_first_line(str(exc))})") from exc
    if element is None:
        raise MalformedResponseError(url, "empty response")
    tag = _local(element.tag)
    if tag != root:
        raise MalformedResponseError(url, f"expected <{root}>, got <{tag}>")
    return element


def value(element: etree._Element, name: str) -> str:
    """A child's text, stripped; "" when absent or whitespace-only."""
    child = _child(element, name)
    text = "".join(child.itertext()) if child is not None else ""
    return _TEXT_CONTROL.sub("", text).strip()


def flag(element: etree._Element, name: str, default: bool = False) -> bool:
    text = value(element, name)
    return text.lower() == "true" if text else default


def title(element: etree._Element, name: str) -> str:
    """A title decoded twice (XML by the parser, then HTML) with its spaces collapsed."""
    return " ".join(_TEXT_CONTROL.sub("", html.unescape(value(element, name))).split())


def parse_date(text: str) -> dt.date | None:
    match = _DATE_RE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def committees(content: bytes, url: str) -> list[Committee]:
    """GetCommittees: ``<committees><committee>committeeid · committeetitle · …``."""
    root = parse(content, url, "committees")
    found = []
    for element in _children(root, "committee"):
        cid = value(element, "committeeid")
        if cid:
            found.append(
                Committee(
                    id=cid,
                    title=title(element, "committeetitle"),
                    expired=flag(element, "committeeexpired"),
                    deleted=flag(element, "committeedeleted"),
                )
            )
    return found


def meeting_stubs(content: bytes, url: str, committee: Committee) -> list[MeetingStub]:
    """GetMeetings: ``<getmeetings><committee><committeemeetings><meeting>…``; an empty answer
    is counts only. Meetings of another committee (``lCommitteeId=0`` answers) are left out."""
    root = parse(content, url, "getmeetings")
    stubs = []
    for group in _children(root, "committee"):
        cid = value(group, "committeeid")
        if cid and cid != committee.id:
            continue
        meetings = _child(group, "committeemeetings")
        for element in _children(meetings, "meeting") if meetings is not None else ():
            mid = value(element, "meetingid")
            if not mid:
                continue
            stubs.append(
                MeetingStub(
                    id=mid,
                    committee=committee,
                    date=parse_date(value(element, "meetingdate")),
                    time=value(element, "meetingtime") or None,
                    status=value(element, "meetingstatus") or None,
                )
            )
    return stubs


class MeetingXml:
    """GetMeeting: the meeting's fields and its agenda items with published minutes."""

    def __init__(self, content: bytes, url: str) -> None:
        self.root = parse(content, url, "meeting")
        self.url = url

    @property
    def minutes_published(self) -> bool:
        return flag(self.root, "minutepublished", default=True) and flag(
            self.root, "isdisplayallowed", default=True
        )

    @property
    def time(self) -> str | None:
        return value(self.root, "meetingtime") or None

    @property
    def venue(self) -> str | None:
        return " ".join(html.unescape(value(self.root, "meetinglocation")).split()) or None

    @property
    def date(self) -> dt.date | None:
        return parse_date(value(self.root, "meetingdate"))

    def items(self, item_url: str) -> list[SiteItem]:
        """Items whose minutes are published, public and not empty; ``item_url`` is formatted
        with the item's ID, quoted (``…/mgAi.aspx?ID={id}``). Section headings (no title) are left out."""
        agenda = _child(self.root, "agendaitems")
        found = []
        for element in _children(agenda, "agendaitem") if agenda is not None else ():
            item_id = value(element, "agendaitemid")
            name = title(element, "agendaitemtitle")
            if not item_id or not name:
                continue
            if flag(element, "isrestricted") or not flag(element, "isdisplayallowed", True):
                continue
            minutes = value(element, "minutesnonemptyhtmlbody")
            if not minutes or not flag(element, "isminutepublished", default=True):
                continue
            decision = ""
            if flag(element, "isdecisionpublished"):
                decision = value(element, "decisionnonemptyhtmlbody")
            found.append(
                SiteItem(
                    id=item_id,
                    title=name,
                    number=_item_number(element),
                    url=item_url.format(id=path_value(item_id)),
                    minutes_html=minutes,
                    decision_html=decision,
                )
            )
        return found


def _item_number(element: etree._Element) -> str | None:
    """The minute number as printed ("38", "38a"), else the agenda's display number ("5")."""
    number = value(element, "minutesitemnumber")
    if number and number != "0":
        return number + value(element, "minutesitemsubnumber")
    shown = value(element, "fulldisplaynumberformat").rstrip(".").strip()
    return shown or None


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1].lower()


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if isinstance(child.tag, str) and _local(child.tag) == name:
            return child
    return None


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and _local(c.tag) == name]


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable"
