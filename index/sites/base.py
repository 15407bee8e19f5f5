"""The contract every kind of council site keeps, so that adding one is one module.

Shaped like DemocracyClub's LGSF scrapers: one base class, one subclass per source kind
(:mod:`index.sites.moderngov` now; CMIS or a council's own pages would sit beside it). A scraper
walks committees → their meetings in a date range → one meeting's published minutes, and
raises a named :class:`~index.sites.errors.SiteError` for what it could not read. It knows
nothing of the index: :mod:`index.sync` decides what to fetch and what to store.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import ClassVar
from urllib.parse import urlsplit, urlunsplit

from index.errors import ConfigError
from index.sites.http import PoliteClient
from index.sites.models import Committee, MeetingStub, SiteMeeting


class SiteScraper(ABC):
    """One source kind. ``site_url`` is the folder its pages live in, ending in ``/``."""

    kind: ClassVar[str]
    """Stable name, stored with the site in the ledger."""

    def __init__(self, site_url: str, client: PoliteClient) -> None:
        self.site_url = normalise_site_url(site_url)
        self.client = client

    @property
    def mode(self) -> str:
        """How the site is being read (shown in the summary): one word or two."""
        return self.kind

    @abstractmethod
    def committees(self) -> list[Committee]:
        """Every committee the site lists; raises a SiteError when none can be listed."""

    @abstractmethod
    def meetings(self, committee: Committee, since: dt.date, until: dt.date) -> list[MeetingStub]:
        """The committee's meetings held between the two dates, inclusive, cancelled ones left out."""

    @abstractmethod
    def meeting(self, stub: MeetingStub) -> SiteMeeting:
        """The meeting's published minutes (``published=False`` when there are none yet)."""

    @abstractmethod
    def documents_url(self, stub: MeetingStub) -> str:
        """The meeting's public page: its identity in the index, and a related link."""


PAGE_SUFFIXES = (".aspx", ".asmx", ".htm", ".html")


def normalise_site_url(url: str) -> str:
    """``https://host/path/`` from what a person pastes (a page of the site, no trailing slash).

    The query and fragment are dropped; a last path segment naming a page
    (``mgListCommittees.aspx``, ``mgWebService.asmx``) is dropped too.
    """
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"not a site URL (expected http(s)://host/…): {url!r}")
    path = parts.path or "/"
    service = path.lower().find("mgwebservice")
    if service >= 0:  # …/mgWebService.asmx/GetCommittees pasted from a browser
        path = path[:service]
    last = path.rsplit("/", 1)[-1]
    if last.lower().endswith(PAGE_SUFFIXES):
        path = path[: len(path) - len(last)]
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
