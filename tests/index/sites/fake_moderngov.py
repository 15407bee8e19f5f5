"""A fake modern.gov site on 127.0.0.1, for driving ``minutes-bot sync`` for real.

It serves what a real site serves, in the real structure (shared/notes/moderngov.md):

- the web service over GET (``mgWebService.asmx/GetCommittees | GetMeetings | GetMeeting``):
  counts with a leading space, whitespace-only empty values, ``dd/mm/yyyy`` dates, titles
  HTML-encoded then XML-encoded (``Children&amp;#39;s``), Word-export minutes HTML escaped as
  XML text; GetMeetings ignores its date range, as some real sites do;
- the public pages (``mgListCommittees``, ``ieListMeetings``, ``ieListDocuments`` with its
  "Agenda and draft minutes" heading, a printed-minutes href with literal spaces and long
  minutes cut short, ``mgAi``), and ``mgError.aspx`` that unknown pages redirect to;
- robots.txt; ETag/304 on GetCommittees and GetMeeting, Last-Modified/304 on mgAi pages, and
  no validators elsewhere (GetMeetings, ieListDocuments are compared by content hash).

Behaviours a test switches on, by request key (``"getmeeting:5003"``, ``"mgai.aspx:70102"``):
``fail_once`` (503 with Retry-After: 1, once), ``slow`` (answer after N seconds),
``redirect`` (302 to mgError.aspx), ``malformed`` (XML cut in half), ``hang`` (block until
released, to kill a sync mid-run), ``hostile`` (by key or page: ``"trickle"`` sends the body a
byte every half second, ``"trickle-head"`` its status line and headers so for a minute,
``"gzip-bomb"`` a small gzip that expands to 256 MiB, ``"corrupt-gzip"``
a body that claims gzip and is not), ``robots_loop`` (robots.txt redirects to itself, for
ever), ``shown_ids`` and ``printed_href`` (hostile IDs and links). Every request is logged with
its headers and times, and the most requests ever in flight at once is kept (a polite client never has more than one).

The councils (Ashcombe Borough Council, Bramley Town Council) and their minutes are fictional;
the minutes are Word-style HTML fragments in ``fixtures/minutes/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import select
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

FIXTURES = Path(__file__).parent / "fixtures" / "minutes"
DEFAULT_ROBOTS = "User-agent: *\nDisallow: /{prefix}/mgMeetingAttendance.aspx\n"
TRUNCATE_OVER = 350
"""ieListDocuments cuts an item's minutes longer than this (in characters of HTML) short."""
HUNG_UP = 499
"""Logged status of a request the client gave up on before the fake answered."""
ID_PARAMS = {
    "getmeeting": "lmeetingid",
    "getmeetings": "lcommitteeid",
    "ielistdocuments.aspx": "mid",
    "ielistmeetings.aspx": "cid",
    "mgai.aspx": "id",
}


@dataclass
class Item:
    id: int
    title: str
    minutes: str
    """Fixture file stem (``fixtures/minutes/<stem>.html``)."""
    number: str
    restricted: bool = False
    html: str | None = None
    """The minutes as the site now shows them, when a test has corrected them."""
    modified: str = "Mon, 02 Nov 2026 10:00:00 GMT"

    def minutes_html(self) -> str:
        if self.html is not None:
            return self.html
        return (FIXTURES / f"{self.minutes}.html").read_text(encoding="utf-8")


@dataclass
class Meeting:
    id: int
    committee: int
    date: dt.date
    minutes: str = "approved"
    """``approved``, ``draft`` or ``none`` (no minutes published yet)."""
    items: list[Item] = field(default_factory=list)
    time: str = "7.00 pm"
    venue: str = "Council Chamber, Town Hall"
    status: str = "Confirmed"


@dataclass
class Committee:
    id: int
    title: str
    expired: bool = False
    deleted: bool = False


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    started: float
    status: int = 0
    finished: float = 0.0

    @property
    def page(self) -> str:
        return self.path.rstrip("/").rsplit("/", 1)[-1].lower()

    @property
    def key(self) -> str:
        param = ID_PARAMS.get(self.page)
        return f"{self.page}:{self.query.get(param, '')}" if param else self.page


class FakeModernGov:
    """One fake site under ``http://127.0.0.1:<port>/<prefix>/``."""

    def __init__(
        self,
        committees: list[Committee],
        meetings: list[Meeting],
        *,
        prefix: str,
        service: bool = True,
        robots: str = DEFAULT_ROBOTS,
        council: str | None = None,
    ) -> None:
        self.committees = committees
        self.council = council
        """Named at the end of every page's title when set (as real sites do)."""
        self.meetings = meetings
        self.prefix = prefix
        self.service = service
        self.robots = robots.format(prefix=prefix)
        self.etag_pages = {"getcommittees", "getmeeting"}
        self.last_modified_pages = {"mgai.aspx"}
        self.fail_once: set[str] = set()
        self.slow: dict[str, float] = {}
        self.redirect: set[str] = set()
        self.malformed: set[str] = set()
        self.hang: dict[str, tuple[threading.Event, threading.Event]] = {}
        self.hostile: dict[str, str] = {}
        self.robots_loop = False
        self.shown_ids: dict[int, str] = {}
        """An item's ID as the web service prints it, when a test makes it hostile."""
        self.printed_href: dict[int, str] = {}
        """A meeting's printed-minutes href on its documents page, when a test replaces it."""
        self.log: list[Logged] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- running --------------------------------------------------------------------------

    def __enter__(self) -> FakeModernGov:
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        for _entered, release in self.hang.values():
            release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def root(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        return f"{self.root}/{self.prefix}/"

    # -- what tests look at ----------------------------------------------------------------

    def requests(self, key: str | None = None) -> list[Logged]:
        with self._lock:
            return [r for r in self.log if key is None or r.key == key or r.page == key]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def meeting(self, meeting_id: int) -> Meeting:
        return next(m for m in self.meetings if m.id == meeting_id)

    def item(self, item_id: int) -> Item:
        return next(i for m in self.meetings for i in m.items if i.id == item_id)

    def committee(self, committee_id: int) -> Committee:
        return next(c for c in self.committees if c.id == committee_id)

    # -- answering -------------------------------------------------------------------------

    def respond(
        self, request: Logged, gone: Callable[[], bool] = lambda: False
    ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for ``request``; ``gone()`` says the client hung up (a
        slow or hanging answer then stops, so it no longer counts as in flight)."""
        key, page = request.key, request.page
        if request.path == "/robots.txt":
            if self.robots_loop:
                return 302, {"Location": "/robots.txt"}, b""
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        if not request.path.lower().startswith(f"/{self.prefix}/"):
            return 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"
        if key in self.hang:
            entered, release = self.hang[key]
            entered.set()
            deadline = time.monotonic() + 120
            while not release.wait(0.05) and not gone() and time.monotonic() < deadline:
                pass
        if key in self.slow:
            deadline = time.monotonic() + self.slow[key]
            while time.monotonic() < deadline:
                if gone():
                    return HUNG_UP, {}, b""
                time.sleep(0.02)
        if key in self.fail_once:
            self.fail_once.discard(key)
            return 503, {"Retry-After": "1", "Content-Type": "text/html"}, b"<h1>Busy</h1>"
        if key in self.redirect:
            location = f"/{self.prefix}/mgError.aspx?e=1"
            return 302, {"Location": location}, b""
        in_service = "/mgwebservice.asmx/" in request.path.lower()
        if in_service and not self.service:
            return (
                404,
                {"Content-Type": "text/html"},
                _page("Server Error", "<h1>404</h1>").encode(),
            )
        body, kind = self._body(request, page, in_service)
        if body is None:
            return 302, {"Location": f"/{self.prefix}/mgError.aspx"}, b""
        data = body.encode("utf-8")
        if key in self.malformed:
            data = data[: len(data) // 2]
        headers = {"Content-Type": f"{kind}; charset=utf-8"}
        if page in self.etag_pages:
            etag = f'"{hashlib.sha1(data).hexdigest()[:16]}"'
            headers["ETag"] = etag
            if request.headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
        if page in self.last_modified_pages and page == "mgai.aspx":
            item = self._find_item(request.query.get("id", ""))
            if item is not None:
                headers["Last-Modified"] = item.modified
                if request.headers.get("if-modified-since") == item.modified:
                    return 304, {"Last-Modified": item.modified}, b""
        return 200, headers, data

    def _body(self, request: Logged, page: str, in_service: bool) -> tuple[str | None, str]:
        body, kind = self._page_body(request, page, in_service)
        if body is not None and self.council and kind == "text/html":
            # modern.gov ends every page's title with the council's name
            body = body.replace("</title>", f" | {escape(self.council)}</title>", 1)
        return body, kind

    def _page_body(self, request: Logged, page: str, in_service: bool) -> tuple[str | None, str]:
        q = request.query
        if in_service:
            if page == "getcommittees":
                return committees_xml(self), "text/xml"
            if page == "getmeetings":
                committee = self._find_committee(q.get("lcommitteeid", ""))
                return (meetings_xml(self, committee) if committee else None), "text/xml"
            if page == "getmeeting":
                meeting = self._find_meeting(q.get("lmeetingid", ""))
                return (meeting_xml(self, meeting) if meeting else None), "text/xml"
            return None, "text/xml"
        if page == "mglistcommittees.aspx":
            return list_committees_html(self), "text/html"
        if page == "ielistmeetings.aspx":
            committee = self._find_committee(q.get("cid", ""))
            return (list_meetings_html(self, committee) if committee else None), "text/html"
        if page == "ielistdocuments.aspx":
            meeting = self._find_meeting(q.get("mid", ""))
            return (documents_html(self, meeting) if meeting else None), "text/html"
        if page == "mgai.aspx":
            item = self._find_item(q.get("id", ""))
            return (item_html(self, item) if item else None), "text/html"
        if page == "mgerror.aspx":
            return _page("Error", "<h1>Sorry, an error has occurred</h1>"), "text/html"
        return None, "text/html"

    def _find_committee(self, cid: str) -> Committee | None:
        return next((c for c in self.committees if str(c.id) == cid), None)

    def _find_meeting(self, mid: str) -> Meeting | None:
        return next((m for m in self.meetings if str(m.id) == mid), None)

    def _find_item(self, iid: str) -> Item | None:
        return next((i for m in self.meetings for i in m.items if str(i.id) == iid), None)


class _Handler(BaseHTTPRequestHandler):
    site: FakeModernGov
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
        request = Logged(
            method="GET",
            path=parts.path,
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            started=time.monotonic(),
        )
        site = self.site
        with site._lock:
            site.log.append(request)
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        try:
            status, headers, body = site.respond(request, self._gone)
            request.status = status
            if status == HUNG_UP:
                return
            hostile = site.hostile.get(request.key) or site.hostile.get(request.page)
            if hostile and status == 200:
                self._hostile(hostile, headers, body)
                return
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)
        finally:
            request.finished = time.monotonic()
            with site._lock:
                site.in_flight -= 1

    def _hostile(self, kind: str, headers: dict[str, str], body: bytes) -> None:
        if kind == "trickle-head":
            self._trickle_head(headers, body)
            return
        if kind == "gzip-bomb":
            headers, body = {**headers, "Content-Encoding": "gzip"}, gzip_bomb()
        elif kind == "corrupt-gzip":
            headers = {**headers, "Content-Encoding": "gzip"}
            body = b"\x1f\x8b\x08\x00" + b"this is not gzip at all " * 40
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if kind != "trickle":
            self.wfile.write(body)
            return
        for byte in body:  # until the client gives up
            if self._gone():
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.5)

    def _trickle_head(self, headers: dict[str, str], body: bytes) -> None:
        """The status line and a padding header a byte every half second (about a minute),
        then the real headers and body at once: a client without a total deadline for the
        request gets the page after that minute."""
        head = b"HTTP/1.1 200 OK\r\nX-Padding: " + b"." * 100 + b"\r\n"
        for byte in head:  # until the client gives up
            if self._gone():
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.5)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _gone(self) -> bool:
        """Has the client closed the connection (given up waiting)?"""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def log_message(self, format: str, *args: object) -> None:
        pass


_bomb: list[bytes] = []


def gzip_bomb(size: int = 256 * 1024**2) -> bytes:
    """A gzip body of about 250 KB that expands to ``size`` bytes of zeros (made once)."""
    if not _bomb:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
        block = bytes(1024 * 1024)
        parts = [packer.compress(block) for _ in range(size // len(block))]
        _bomb.append(b"".join(parts) + packer.flush())
    return _bomb[0]


# -- the web service's XML ----------------------------------------------------------------------


def _blank() -> str:
    return "\n      "


def _title(text: str) -> str:
    """HTML-encoded, then XML-encoded, as real responses carry titles."""
    html_encoded = text.replace("&", "&amp;").replace("'", "&#39;")
    return xml_escape(html_encoded)


def _ddmmyyyy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def committees_xml(site: FakeModernGov) -> str:
    rows = "".join(
        f"""
  <committee>
    <committeeid>{c.id}</committeeid>
    <committeetitle>{_title(c.title)}</committeetitle>
    <committeedeleted>{c.deleted}</committeedeleted>
    <committeeexpired>{c.expired}</committeeexpired>
    <committeecategory>Council committees</committeecategory>
  </committee>"""
        for c in site.committees
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<committees>\n'
        f"  <committeescount> {len(site.committees)}</committeescount>{rows}\n</committees>\n"
    )


def meetings_xml(site: FakeModernGov, committee: Committee) -> str:
    """Every meeting of the committee, whatever dates were asked for (as some sites do)."""
    meetings = [m for m in site.meetings if m.committee == committee.id]
    rows = "".join(
        f"""
      <meeting>
        <meetingid>{m.id}</meetingid>
        <meetingdate>{_ddmmyyyy(m.date)}</meetingdate>
        <meetingstatus>{m.status}</meetingstatus>
        <meetingtime>{m.time}</meetingtime>
        <iswebcast>False</iswebcast>
      </meeting>"""
        for m in meetings
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<getmeetings>
  <meetingscount> {len(meetings)}</meetingscount>
  <committeescount> 1</committeescount>
  <committee>
    <committeeid>{committee.id}</committeeid>
    <committeetitle>{_title(committee.title)}</committeetitle>
    <committeemeetingcount> {len(meetings)}</committeemeetingcount>
    <committeemeetings>{rows}
    </committeemeetings>
  </committee>
</getmeetings>
"""


def meeting_xml(site: FakeModernGov, meeting: Meeting) -> str:
    committee = site.committee(meeting.committee)
    published = meeting.minutes != "none"
    items = []
    for order, item in enumerate(meeting.items):
        minutes = item.minutes_html() if published else ""
        items.append(
            f"""
    <agendaitem>
      <agendaitemid>{xml_escape(site.shown_ids.get(item.id, str(item.id)))}</agendaitemid>
      <agendaitemtitle>{_title(item.title)}</agendaitemtitle>
      <agendatext>{xml_escape('<div class="WordSection1"><p class="MsoNormal">To consider the report.</p></div>')}</agendatext>
      <actualmeetingdate>{_ddmmyyyy(meeting.date)}</actualmeetingdate>
      <agendaitemnumber>{order + 4}</agendaitemnumber>
      <agendaitemsubnumber>{_blank()}</agendaitemsubnumber>
      <fulldisplaynumberformat>{order + 1}.</fulldisplaynumberformat>
      <authorusername>{_blank()}</authorusername>
      <commentlabel1>Presented By</commentlabel1>
      <commenttext1>{_blank()}</commenttext1>
      <commentlabel2>Actions</commentlabel2>
      <commenttext2>{_blank()}</commenttext2>
      <minutesnonemptyhtmlbody>{xml_escape(minutes) if minutes else _blank()}</minutesnonemptyhtmlbody>
      <declarationcount>0</declarationcount>
      <iscallin>False</iscallin>
      <iscomment>False</iscomment>
      <isdecision>False</isdecision>
      <isdecisionpublished>False</isdecisionpublished>
      <isminutepublished>{published}</isminutepublished>
      <ispubliccanspeak>False</ispubliccanspeak>
      <isrestricted>{item.restricted}</isrestricted>
      <isdisplayallowed>True</isdisplayallowed>
      <meetingdate>{_ddmmyyyy(meeting.date)}</meetingdate>
      <meetingtime>{meeting.time}</meetingtime>
      <minutesitemnumber>{item.number}</minutesitemnumber>
      <minutesitemsubnumber>{_blank()}</minutesitemsubnumber>
      <preferreddate>{_ddmmyyyy(meeting.date)}</preferreddate>
      <refertocommittee>{_title(committee.title)}</refertocommittee>
      <linkeddocuments>
        <linkeddoc>
          <attachmentid>{item.id * 10}</attachmentid>
          <title>{_title(item.title)} report</title>
          <isurl>False</isurl>
          <url>http://127.0.0.1/{site.prefix}/mgConvert2PDF.aspx?ID={item.id * 10}</url>
          <isrestricted>False</isrestricted>
          <restrictionsRef>{_blank()}</restrictionsRef>
          <itemnum>1</itemnum>
          <publicationdate>{_ddmmyyyy(meeting.date)}</publicationdate>
          <meetingdate>{_ddmmyyyy(meeting.date)}</meetingdate>
          <decisiondate>{_ddmmyyyy(meeting.date)}</decisiondate>
          <committeetitle>{_title(committee.title)}</committeetitle>
          <isdecisionattachment>False</isdecisionattachment>
          <ownertitle>{_title(item.title)}</ownertitle>
        </linkeddoc>
      </linkeddocuments>
    </agendaitem>"""
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<meeting>
  <meetingid>{meeting.id}</meetingid>
  <meetingdate>{_ddmmyyyy(meeting.date)}</meetingdate>
  <meetingstatus>{meeting.status}</meetingstatus>
  <isdisplayallowed>True</isdisplayallowed>
  <meetingtime>{meeting.time}</meetingtime>
  <meetingactualstarttime>{_blank()}</meetingactualstarttime>
  <meetingplannedfinishtime>9.00 pm</meetingplannedfinishtime>
  <meetingactualfinishtime>{_blank()}</meetingactualfinishtime>
  <meetinglocation>{xml_escape(meeting.venue)}</meetinglocation>
  <iswebcast>False</iswebcast>
  <agendaid>{meeting.id}</agendaid>
  <agendapublished>True</agendapublished>
  <decisionpublished>False</decisionpublished>
  <minutepublished>{published}</minutepublished>
  <meetingroom>{_blank()}</meetingroom>
  <agendaitems>{"".join(items)}
  </agendaitems>
  <attendees>
    <attendee membertype="U" memberid="12" name="Councillor Nadia Adebayo" roledescription="Chair" attendance="Present" politicalparty="IND" ward="Hollin">
      <url>http://127.0.0.1/{site.prefix}/mgUserInfo.aspx?UID=12</url>
    </attendee>
  </attendees>
</meeting>
"""


# -- the public pages ---------------------------------------------------------------------------


def _page(title: str, content: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{escape(title)}</title>
<script>window.mgPage = {{}};</script></head>
<body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li></ul></nav>
<form method="post" action="./x.aspx" id="aspnetForm">
<div id="modgov">
{content}
</div>
</form>
<footer><p>A fictional council used in tests.</p></footer>
</body>
</html>
"""


def list_committees_html(site: FakeModernGov) -> str:
    links = "".join(
        f'<li><a href="mgCommitteeDetails.aspx?ID={c.id}">{escape(c.title)}</a></li>\n'
        for c in site.committees
        if not c.deleted
    )
    return _page(
        "Committee structure",
        f'<div class="mgHeader"><h1 class="mgMainTitleTxt">Committee structure</h1></div>'
        f'<div class="mgContent"><ul class="mgBulletList">\n{links}</ul></div>',
    )


def _when(meeting: Meeting) -> str:
    return f"{meeting.date:%A}, {_ordinal(meeting.date.day)} {meeting.date:%B %Y} {meeting.time}"


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def list_meetings_html(site: FakeModernGov, committee: Committee) -> str:
    rows = []
    for m in site.meetings:
        if m.committee != committee.id:
            continue
        label = f"{m.date.day} {m.date:%b %Y} {m.time}"
        if m.status == "Cancelled":
            label += " - CANCELLED"
        rows.append(
            f'<li><a href="ieListDocuments.aspx?CId={committee.id}&amp;MId={m.id}&amp;Ver=4">'
            f"{label}</a></li>\n"
        )
    return _page(
        f"Browse meetings - {committee.title}",
        f'<div class="mgHeader"><h1 class="mgMainTitleTxt">Browse meetings - '
        f"{escape(committee.title)}</h1></div>"
        f'<div class="mgContent"><ul class="mgBulletList">\n{"".join(rows)}</ul></div>',
    )


def documents_html(site: FakeModernGov, meeting: Meeting) -> str:
    committee = site.committee(meeting.committee)
    heading = {"approved": "Agenda and minutes", "draft": "Agenda and draft minutes"}.get(
        meeting.minutes, "Agenda"
    )
    links = (
        f'<li><a href="documents/g{meeting.id}/Public reports pack {meeting.date:%d-%b-%Y} '
        f'{escape(committee.title)}.pdf?T=10">Public reports pack PDF 2 MB</a></li>'
    )
    if meeting.id in site.printed_href:
        links += (
            f'<li><a href="{escape(site.printed_href[meeting.id])}" '
            'title="Link to printed minutes pdf file">Printed minutes PDF 120 KB</a></li>'
        )
    elif meeting.minutes != "none":
        links += (
            f'<li><a href="documents/g{meeting.id}/Printed minutes {meeting.date:%A %d-%b-%Y} '
            f'19.00 {escape(committee.title)}.pdf?T=1" title="Link to printed minutes pdf file">'
            f"Printed minutes PDF 120 KB</a></li>"
        )
    rows = []
    for item in meeting.items:
        if item.restricted or meeting.minutes == "none":
            minutes_section = ""
        else:
            minutes_section = (
                '<p class="mgSubItemTitleTxt">Minutes:</p>\n'
                f'<div class="mgWordPara">{_cut(item, site)}</div>'
            )
        rows.append(
            f"""<tr>
<td class="mgItemNumberCell"><a name="AI{item.id}"></a><p class="mgAiTitleTxt">{item.number}.</p></td>
<td>
<p class="mgAiTitleTxt">{escape(item.title)} <a href="documents/s{item.id}/report.pdf"><img src="mgIcons/pdf.gif" alt="pdf icon"> PDF 98 KB</a></p>
<div class="mgWordPara"><p>To consider the report.</p></div>
{minutes_section}
</td>
</tr>"""
        )
    content = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt">{heading}</h1></div>
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{escape(committee.title)} - {_when(meeting)}</h2></div>
<div class="mgContent">
<div class="mgTextBox">
<p><span class="mgLabel">Venue: </span>{escape(meeting.venue)}</p>
<p><span class="mgLabel">Contact: </span>Democratic Services&nbsp; 01632 960000</p>
</div>
<div class="mgLinks"><ul class="mgActionList">{links}</ul></div>
<h2 class="mgSectionTitle">Items</h2>
<table class="mgItemTable" summary="Items">
<tr><th scope="col">No.</th><th scope="col">Item</th></tr>
{"".join(rows)}
</table>
</div>"""
    return _page(f"{heading} - {committee.title}", content)


def _cut(item: Item, site: FakeModernGov) -> str:
    """Long minutes are cut after their first paragraph, as ieListDocuments does."""
    html = item.minutes_html()
    if len(html) <= TRUNCATE_OVER:
        return html
    first = html.split("</p>", 1)[0]
    return (
        f'{first}&nbsp;...&nbsp; <a href="mgAi.aspx?ID={item.id}#mgMinutes">view the full '
        f"minutes text for item {item.number}</a></p>"
    )


def item_html(site: FakeModernGov, item: Item) -> str:
    meeting = next(m for m in site.meetings if item in m.items)
    committee = site.committee(meeting.committee)
    minutes = (
        ""
        if meeting.minutes == "none" or item.restricted
        else f'<p class="mgSubItemTitleTxt">Minutes:</p>\n<div class="mgWordPara">{item.minutes_html()}</div>'
    )
    content = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda item</h1></div>
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{escape(item.title)}</h2></div>
<div class="mgContent">
<p class="mgMeetingLink"><a href="ieListDocuments.aspx?CId={committee.id}&amp;MID={meeting.id}#AI{item.id}">Meeting of {escape(committee.title)}, {_when(meeting)} (Item {item.number}.)</a></p>
<div class="mgWordPara"><p>To consider the report.</p></div>
{minutes}
<p class="mgSubItemTitleTxt">Supporting documents:</p>
<ul class="mgBulletList"><li><a href="documents/s{item.id}/report.pdf"><img src="mgIcons/pdf.gif" alt="pdf icon"> Report PDF 98 KB</a></li></ul>
</div>"""
    return _page(f"Agenda item - {item.title}", content)


# -- the two fictional councils -----------------------------------------------------------------


def ashcombe(today: dt.date, **options: object) -> FakeModernGov:
    """Ashcombe Borough Council: web service on, every trap a sync must survive."""

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    committees = [
        Committee(1201, "Cabinet"),
        Committee(1202, "Children's Services Scrutiny Committee"),
        Committee(1203, "Licensing & Appeals Sub-Committee"),
        Committee(1199, "Former Regeneration Board", expired=True),
    ]
    meetings = [
        Meeting(5000, 1201, ago(60), minutes="none", status="Cancelled"),
        Meeting(
            5001,
            1201,
            ago(50),
            items=[
                Item(40101, "Apologies for absence", "cabinet-apologies", "41"),
                Item(40102, "Town Centre Parking Strategy", "cabinet-parking", "42"),
                Item(40103, "Depot Land Disposal", "cabinet-depot", "43", restricted=True),
            ],
        ),
        Meeting(
            5002,
            1201,
            ago(15),
            minutes="draft",
            items=[
                Item(40201, "Household Waste Collection Changes", "cabinet-waste", "51"),
                Item(40202, "Leisure Centre Opening Hours", "cabinet-leisure", "52"),
                Item(40203, "Budget Monitoring Quarter 2", "cabinet-budget", "53"),
            ],
        ),
        Meeting(
            5003,
            1201,
            ago(8),
            items=[Item(40301, "Tree Planting Programme", "cabinet-trees", "61")],
        ),
        Meeting(5004, 1201, today + dt.timedelta(days=10), minutes="none"),
        Meeting(
            6000,
            1202,
            ago(200),
            items=[Item(50001, "Foster Carer Recruitment", "children-fostering", "12")],
        ),
        Meeting(
            6001,
            1202,
            ago(30),
            items=[
                Item(50101, "School Transport Review", "children-transport", "21"),
                Item(50102, "Youth Services Update", "children-youth", "22"),
            ],
        ),
        Meeting(
            6002,
            1202,
            ago(2),
            minutes="none",
            items=[Item(50201, "Children's Centres", "children-youth", "31")],
        ),
        Meeting(
            7001, 1203, ago(20), items=[Item(60101, "Taxi Licensing Policy", "licensing-taxi", "5")]
        ),
        Meeting(
            7002,
            1203,
            ago(10),
            items=[Item(60201, "Street Trading Consent", "licensing-street", "6")],
        ),
        Meeting(
            7003,
            1203,
            ago(5),
            items=[Item(60301, "Premises Licence Review", "licensing-premises", "7")],
        ),
        Meeting(9001, 1199, ago(100), items=[Item(90101, "Regeneration", "cabinet-trees", "1")]),
    ]
    site = FakeModernGov(committees, meetings, prefix="ashcombe", **options)  # type: ignore[arg-type]
    site.fail_once.add("getmeeting:5003")
    site.slow["getmeeting:7001"] = 3.0
    site.redirect.add("getmeeting:7002")
    site.malformed.add("getmeeting:7003")
    return site


def bramley(today: dt.date, **options: object) -> FakeModernGov:
    """Bramley Town Council: the web service is switched off; only the pages answer."""

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    committees = [Committee(3101, "Planning Committee"), Committee(3102, "Community Committee")]
    meetings = [
        Meeting(
            8001,
            3101,
            ago(40),
            venue="Bramley Town Hall",
            items=[
                Item(70101, "Apologies", "planning-apologies", "1"),
                Item(70102, "Planning Enforcement Backlog", "planning-enforcement", "2"),
            ],
        ),
        Meeting(
            8002,
            3101,
            ago(12),
            minutes="draft",
            items=[Item(70201, "Local Plan Consultation Response", "planning-localplan", "1")],
        ),
        Meeting(
            8101,
            3102,
            ago(25),
            items=[Item(71101, "Community Grants Scheme 2027", "community-grants", "3")],
        ),
    ]
    return FakeModernGov(committees, meetings, prefix="bramley", service=False, **options)  # type: ignore[arg-type]
