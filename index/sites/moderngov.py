"""modern.gov (Civica ModernGov) sites: the web service first, the public pages where it is off.

The web service (``mgWebService.asmx``, plain GET) gives committees, a committee's meetings
and one meeting's agenda items with their minutes. Three real-world rules shape the calls
(shared/notes/moderngov.md): dates go as ``dd/mm/yyyy`` *and* the answer is filtered on
``meetingdate`` here, because some sites ignore the range; one committee at a time, because
"all committees" means different things on different sites; and the minutes' draft/approved
status is not in the XML at all, so it is read from the meeting's public page heading
("Agenda and draft minutes"), which also links the printed minutes PDF.

When GetCommittees does not answer with committees (the service is switched off on some sites),
the public pages are read instead: mgListCommittees → ieListMeetings → ieListDocuments, and
an item's own page (mgAi) when the meeting page cuts its minutes short.

A meeting's identity is its documents page, ``ieListDocuments.aspx?CId=…&MId=…`` under the
site, built the same way in both modes; an item's source link is ``mgAi.aspx?ID=<item id>``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlsplit, urlunsplit

from index.decoding import decode_bytes
from index.errors import BinarySourceError
from index.links import path_value
from index.sites import moderngov_pages as pages
from index.sites import moderngov_xml as xml
from index.sites.base import SiteScraper
from index.sites.council import council_from_page
from index.sites.errors import (
    DisallowedError,
    MalformedResponseError,
    RedirectedError,
    SiteError,
    SiteUnreadableError,
)
from index.sites.http import Fetched, PoliteClient
from index.sites.models import Committee, MeetingStub, SiteItem, SiteMeeting

SERVICE = "mgWebService.asmx"
WEB_SERVICE = "web service"
PUBLIC_PAGES = "public pages"
CANCELLED = "cancelled"


class ModernGovScraper(SiteScraper):
    kind = "moderngov"

    def __init__(self, site_url: str, client: PoliteClient) -> None:
        super().__init__(site_url, client)
        self.use_service: bool | None = None
        """None until :meth:`committees` has found out whether the web service answers."""
        self.notes: list[str] = []
        """Lines for the summary about the site as a whole (service off, moved to https)."""
        self.council: str | None = None
        """The council the first page naming one gave (:func:`council_from_page`)."""
        self._committee_titles: list[str] = []

    @property
    def mode(self) -> str:
        return PUBLIC_PAGES if self.use_service is False else WEB_SERVICE

    # -- URLs ---------------------------------------------------------------------------------

    def service_url(self, operation: str, **params: str) -> str:
        query = "&".join(f"{key}={quote(str(value), safe='/')}" for key, value in params.items())
        return f"{self.site_url}{SERVICE}/{operation}" + (f"?{query}" if query else "")

    def documents_url(self, stub: MeetingStub) -> str:
        committee, meeting = path_value(str(stub.committee.id)), path_value(str(stub.id))
        return f"{self.site_url}ieListDocuments.aspx?CId={committee}&MId={meeting}"

    def item_url(self, item_id: str) -> str:
        """The item's own page, its ID quoted (a site's ID may hold ``|``, spaces, ``<…>``)."""
        return f"{self.site_url}mgAi.aspx?ID={path_value(item_id)}"

    # -- the walk -----------------------------------------------------------------------------

    def committees(self) -> list[Committee]:
        url = self.service_url("GetCommittees")
        try:
            found = xml.committees(self.client.get(url).content, url)
        except RedirectedError as exc:
            if self._moved_to_https(url, exc.location):
                return self.committees()
            service_problem = exc.reason
        except SiteError as exc:  # switched off, broken, or disallowed by robots.txt
            service_problem = exc.reason
        else:
            self.use_service = True
            self._committee_titles = [c.title for c in found]
            return found
        listing = f"{self.site_url}mgListCommittees.aspx"
        try:
            found = pages.committees(self._text(self.client.get(listing)), listing)
        except DisallowedError:
            raise  # the whole site is off limits: say so, not "no committees"
        except SiteError as exc:
            raise SiteUnreadableError(
                self.site_url,
                f"no committees: web service {service_problem}; public pages {exc.reason}",
            ) from exc
        self.use_service = False
        self._committee_titles = [c.title for c in found]
        self.notes.append(
            f"{self.site_url}: web service unavailable ({service_problem}); "
            "read the public pages instead"
        )
        return found

    def meetings(self, committee: Committee, since: dt.date, until: dt.date) -> list[MeetingStub]:
        if self.use_service is None:
            self.committees()
        if self.use_service:
            url = self.service_url(
                "GetMeetings",
                lCommitteeId=committee.id,
                sFromDate=since.strftime("%d/%m/%Y"),
                sToDate=until.strftime("%d/%m/%Y"),
            )
            # The URL ends at today's date, so it changes daily: not worth caching.
            stubs = xml.meeting_stubs(self.client.get(url, use_cache=False).content, url, committee)
        else:
            url = f"{self.site_url}ieListMeetings.aspx?CId={path_value(str(committee.id))}&Year=0"
            stubs = pages.meeting_stubs(self._text(self.client.get(url)), committee)
        return [
            stub
            for stub in stubs
            if stub.date is not None
            and since <= stub.date <= until
            and (stub.status or "").strip().lower() != CANCELLED
        ]

    def meeting(self, stub: MeetingStub) -> SiteMeeting:
        if self.use_service is None:
            self.committees()
        if self.use_service:
            return self._meeting_from_service(stub)
        return self._meeting_from_pages(stub)

    def _meeting_from_service(self, stub: MeetingStub) -> SiteMeeting:
        url = self.service_url("GetMeeting", lMeetingId=stub.id)
        parsed = xml.MeetingXml(self.client.get(url).content, url)
        items = parsed.items(f"{self.site_url}mgAi.aspx?ID={{id}}")
        meeting = SiteMeeting(
            stub=stub,
            documents_url=self.documents_url(stub),
            items=items,
            published=parsed.minutes_published and bool(items),
            time=parsed.time or stub.time,
            venue=parsed.venue,
            urls=[url],
        )
        if not meeting.published:
            return meeting
        # Draft or approved is only on the public page; a page we cannot read (a CDN block,
        # say) leaves the status unknown rather than failing minutes we already have.
        documents = meeting.documents_url
        try:
            page = pages.documents_page(self._text(self.client.get(documents)), documents)
        except SiteError as exc:
            meeting.warnings.append(f"{exc.url}: {exc.reason}; minutes status unknown")
            return meeting
        meeting.urls.append(documents)
        meeting.minutes_status = page.status
        meeting.printed_minutes_url = page.printed_minutes_url
        meeting.printed_minutes_title = page.printed_minutes_title
        return meeting

    def _meeting_from_pages(self, stub: MeetingStub) -> SiteMeeting:
        documents = self.documents_url(stub)
        page = pages.documents_page(self._text(self.client.get(documents)), documents)
        meeting = SiteMeeting(
            stub=stub,
            documents_url=documents,
            published=page.published,
            minutes_status=page.status,
            time=page.time or stub.time,
            venue=page.venue,
            printed_minutes_url=page.printed_minutes_url,
            printed_minutes_title=page.printed_minutes_title,
            urls=[documents],
        )
        if not page.published:
            return meeting
        for row in page.items:
            minutes, decision = row.minutes_html, row.decision_html
            if not row.complete:  # cut short or only linked: the item's own page has it all
                item_page = self.item_url(row.id)
                minutes, decision = pages.item_page_minutes(
                    self._text(self.client.get(item_page)), item_page
                )
                meeting.urls.append(item_page)
            meeting.items.append(
                SiteItem(
                    id=row.id,
                    title=row.title,
                    number=row.number,
                    url=self.item_url(row.id),
                    minutes_html=minutes,
                    decision_html=decision,
                )
            )
        meeting.published = bool(meeting.items)
        return meeting

    # -- helpers ------------------------------------------------------------------------------

    def _moved_to_https(self, url: str, location: str) -> bool:
        """An ``http://`` site that redirects to the same page over https has moved: follow it
        for the whole site, once, and say so."""
        old, new = urlsplit(url), urlsplit(location)
        if old.scheme != "http" or new.scheme != "https" or old.netloc != new.netloc:
            return False
        if new.path.lower() != old.path.lower():
            return False
        parts = urlsplit(self.site_url)
        self.site_url = urlunsplit(("https", parts.netloc, parts.path, "", ""))
        self.notes.append(f"{url}: the site moved to https; synced {self.site_url}")
        return True

    def _text(self, fetched: Fetched) -> str:
        """The page as text; the first page whose title names the council sets :attr:`council`."""
        try:
            text = decode_bytes(fetched.content, fetched.url, html=True).text
        except BinarySourceError as exc:
            raise MalformedResponseError(fetched.url, "not an HTML page") from exc
        if self.council is None:
            self.council = council_from_page(text, self._committee_titles)
        return text
