"""modern.gov's public pages, for sites whose web service is switched off.

``mgListCommittees.aspx`` links each committee (``mgCommitteeDetails.aspx?ID=<cid>``);
``ieListMeetings.aspx?CId=<cid>&Year=0`` links each meeting
(``ieListDocuments.aspx?CId=<cid>&MId=<mid>``) with its date as the link text;
``ieListDocuments.aspx`` is one meeting: ``h1`` "Agenda and draft minutes" (or "… minutes",
or just "Agenda" before any are published), ``h2.mgSubTitleTxt`` "<committee> - <date> <time>",
the printed minutes PDF in the links list, and ``table.mgItemTable`` with one row per item
(``<a name="AI<id>">``, number, title, "Minutes:" then ``div.mgWordPara``). Long minutes are
cut off there ("… view the full minutes text for item 9") or only linked; the item's own page
``mgAi.aspx?ID=<id>`` has them whole.

Hrefs carry literal spaces (even line breaks) and keep a ``?T=`` query they need: control
characters are removed and the rest percent-encoded, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

from bs4 import BeautifulSoup
from bs4.element import Tag

from index.extract.text import parse_date_phrase, parse_meeting_header
from index.links import safe_link
from index.models import MinutesStatus
from index.sites.errors import MalformedResponseError
from index.sites.models import Committee, MeetingStub

_COMMITTEE_HREF = re.compile(r"mgCommitteeDetails\.aspx\?(?:.*&)?ID=(\d+)", re.IGNORECASE)
_MEETING_HREF = re.compile(r"ieListDocuments\.aspx\?(?:.*&)?MId=(\d+)", re.IGNORECASE)
_ITEM_HREF = re.compile(r"mgAi\.aspx\?(?:.*&)?ID=(\d+)", re.IGNORECASE)
_ANCHOR = re.compile(r"^AI(\d+)$", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_INCOMPLETE = re.compile(
    r"view the full minutes text for item|view the minutes text for item", re.IGNORECASE
)


def soup_of(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "lxml")


def clean_href(href: str, base: str) -> str | None:
    """An absolute, percent-encoded URL from an href as modern.gov prints it; None for what
    must never be stored or shown as a link (``javascript:``, ``file:``, ``user:password@``)."""
    stripped = _CONTROL.sub("", href).strip()
    return safe_link(urljoin(base, quote(stripped, safe="/:?&=#%+;,@!$'()*~.-_")))


def committees(text: str, url: str) -> list[Committee]:
    """Committees linked from mgListCommittees.aspx, in page order, each once."""
    found: dict[str, Committee] = {}
    for link in soup_of(text).find_all("a", href=True):
        match = _COMMITTEE_HREF.search(str(link["href"]))
        name = _words(link.get_text(" "))
        if match and name and match[1] not in found:
            found[match[1]] = Committee(id=match[1], title=name)
    if not found:
        raise MalformedResponseError(url, "no committees linked on the page")
    return list(found.values())


def meeting_stubs(text: str, committee: Committee) -> list[MeetingStub]:
    """Meetings linked from ieListMeetings.aspx, dated by their link text."""
    found: dict[str, MeetingStub] = {}
    for link in soup_of(text).find_all("a", href=True):
        match = _MEETING_HREF.search(str(link["href"]))
        if not match or match[1] in found:
            continue
        label = _words(link.get_text(" "))
        time = _TIME.search(label)
        found[match[1]] = MeetingStub(
            id=match[1],
            committee=committee,
            date=parse_date_phrase(label),
            time=time.group() if time else None,
            status="Cancelled" if "cancelled" in label.lower() else None,
        )
    return list(found.values())


@dataclass
class PageItem:
    """One row of a meeting page. ``complete`` is False when the minutes are cut off or only
    linked, so the item's own page must be read."""

    id: str
    number: str | None
    title: str
    minutes_html: str
    decision_html: str = ""
    complete: bool = True


@dataclass
class DocumentsPage:
    """What ieListDocuments.aspx says about one meeting."""

    published: bool
    status: str | None
    body: str | None = None
    date: dt.date | None = None
    time: str | None = None
    venue: str | None = None
    printed_minutes_url: str | None = None
    printed_minutes_title: str | None = None
    items: list[PageItem] = field(default_factory=list)


def documents_page(text: str, url: str) -> DocumentsPage:
    soup = soup_of(text)
    heading = soup.find("h1", class_="mgMainTitleTxt") or soup.find("h1")
    if heading is None:
        raise MalformedResponseError(url, "not a meeting page (no heading)")
    words = _words(heading.get_text(" ")).lower()
    status = None
    if "draft minutes" in words:
        status = MinutesStatus.DRAFT
    elif "minutes" in words:
        status = MinutesStatus.APPROVED
    page = DocumentsPage(published=status is not None, status=status)
    subtitle = soup.find("h2", class_="mgSubTitleTxt")
    if subtitle is not None:
        header = parse_meeting_header(_words(subtitle.get_text(" ")))
        if header is not None:
            page.body, page.date, page.time = header.body, header.date, header.time
    page.venue = _labelled(soup, "Venue")
    pdf = _printed_minutes(soup)
    if pdf is not None and (link := clean_href(str(pdf["href"]), url)) is not None:
        page.printed_minutes_url = link
        page.printed_minutes_title = _words(pdf.get_text(" ")) or None
    table = soup.find("table", class_="mgItemTable")
    if page.published and table is None:
        raise MalformedResponseError(url, "no items table on a page that has minutes")
    if table is not None:
        page.items = [item for row in table.find_all("tr") if (item := _row_item(row))]
    return page


def item_page_minutes(text: str, url: str) -> tuple[str, str]:
    """(minutes HTML, decision HTML) from an item's own page, mgAi.aspx."""
    soup = soup_of(text)
    minutes = _section(soup, "Minutes")
    if minutes is None:
        raise MalformedResponseError(url, "no minutes on the item page")
    decision = _section(soup, "Decision")
    return minutes.decode_contents(), decision.decode_contents() if decision else ""


def _row_item(row: Tag) -> PageItem | None:
    cells = row.find_all("td", recursive=False)
    number_cell = row.find("td", class_="mgItemNumberCell")
    if number_cell is None or len(cells) < 2:
        return None
    item_id = None
    for anchor in row.find_all("a"):
        name = anchor.get("name") or anchor.get("id") or ""
        match = _ANCHOR.match(str(name))
        if match:
            item_id = match[1]
            break
    if item_id is None:
        link = row.find("a", href=_ITEM_HREF)
        found = _ITEM_HREF.search(str(link["href"])) if link is not None else None
        item_id = found[1] if found else None
    content = cells[-1]
    title_tag = content.find("p", class_="mgAiTitleTxt")
    title = _title_text(title_tag) if title_tag is not None else ""
    number = _words(number_cell.get_text(" ")).rstrip(".").strip() or None
    minutes = _section(content, "Minutes")
    if not item_id or not title or minutes is None:
        return None
    decision = _section(content, "Decision")
    return PageItem(
        id=item_id,
        number=number,
        title=title,
        minutes_html=minutes.decode_contents(),
        decision_html=decision.decode_contents() if decision else "",
        complete=not _INCOMPLETE.search(minutes.get_text(" ")),
    )


def _section(scope: Tag, label: str) -> Tag | None:
    """The ``div.mgWordPara`` after the ``p.mgSubItemTitleTxt`` reading "<label>:"."""
    for heading in scope.find_all("p", class_="mgSubItemTitleTxt"):
        if _words(heading.get_text(" ")).rstrip(":").strip().lower() == label.lower():
            sibling = heading.find_next_sibling()
            if isinstance(sibling, Tag) and sibling.name == "div":
                return sibling
    return None


def _title_text(tag: Tag) -> str:
    """The item title without the document links printed after it ("pdf icon PDF 98 KB")."""
    parts = []
    for node in tag.children:
        if isinstance(node, Tag) and node.name == "a" and node.find("img") is not None:
            continue
        parts.append(node.get_text(" ") if isinstance(node, Tag) else str(node))
    return _words("".join(parts))


def _printed_minutes(soup: BeautifulSoup) -> Tag | None:
    for link in soup.find_all("a", href=True):
        label = f"{link.get('title') or ''} {link.get_text(' ')}".lower()
        if "printed minutes" in label:
            return link
    return None


def _labelled(soup: BeautifulSoup, label: str) -> str | None:
    for span in soup.find_all("span", class_="mgLabel"):
        if _words(span.get_text(" ")).rstrip(":").strip().lower() == label.lower():
            parent = span.parent
            if parent is None:
                return None
            text = _words(parent.get_text(" "))
            return text.split(":", 1)[-1].strip() or None
    return None


def _words(text: str) -> str:
    """Spaces collapsed and control characters gone (an ESC in a title must not reach a
    terminal through an error line)."""
    return " ".join(_CONTROL.sub(" ", text).split())
