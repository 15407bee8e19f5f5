"""Which council a synced site is: a county or a shared service syncs many modern.gov sites into
one index, and almost every council has a "Cabinet", a "Council" and an "Audit Committee".

The site's XML never names the council. ``sync --council NAME`` does; without it the council is
read from the site's own pages, whose ``<title>`` ends with the council's name on modern.gov
("Agenda for Audit Committee on … | Manchester City Council"), and failing that from the host
name (``democracy.manchester.gov.uk`` → "Manchester"). A site on a bare IP address or
``localhost`` has no council: its bodies stay as the site names them.

Bodies are stored qualified (:func:`qualified_body`), so every reader of the index (the
catalogue, body filters, headers, the scope check) tells two councils' "Audit Committee" apart
without knowing about councils; the council is stored beside it too (``Key.COUNCIL``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from html import unescape
from urllib.parse import urlsplit

SEPARATOR = " · "
"""Between the council and the body's own name: "Manchester City Council · Audit Committee"."""
MAX_COUNCIL = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_COUNCIL_WORDS = frozenset(
    [
        "council",
        "borough",
        "county",
        "city",
        "district",
        "authority",
        "corporation",
        "assembly",
        "parish",
    ]
)
_HOST_NOISE = frozenset(
    [
        "www",
        "democracy",
        "democratic",
        "moderngov",
        "modgov",
        "committees",
        "committee",
        "mg",
        "cmis",
        "meetings",
        "council",
        "councillors",
        "gov",
        "uk",
        "co",
        "org",
        "com",
        "net",
        "local",
    ]
)


def clean_council(name: str) -> str:
    """A council's name on one line: spaces collapsed, control and bidi characters gone (a
    title or ``--council`` must not steer a terminal or reorder a Slack line)."""
    return " ".join(_CONTROL.sub(" ", name).split())[:MAX_COUNCIL]


def qualified_body(council: str | None, body: str | None) -> str | None:
    """``body`` named with its council, unless the body's name already begins with it."""
    if not body or not council:
        return body
    if body.casefold().startswith(council.casefold()):
        return body
    return f"{council}{SEPARATOR}{body}"


def council_from_page(html: str, committees: Iterable[str] = ()) -> str | None:
    """The council a page's ``<title>`` ends with, or None.

    The last part after " | " or " - " counts when it names a kind of council ("City
    Council", "Borough of …") in more than one word and is not one of the site's committees
    ("Browse meetings - Full Council" names a body, not the council).
    """
    found = _TITLE.search(html[:20000])
    if not found:
        return None
    title = clean_council(unescape(found.group(1)))
    parts = re.split(r"\s+[|–-]\s+", title)
    if len(parts) < 2:
        return None
    last = parts[-1].strip()
    words = last.split()
    if len(words) < 2 or len(last) > MAX_COUNCIL:
        return None
    if not any(w.casefold() in _COUNCIL_WORDS for w in words):
        return None
    if last.casefold() in {c.casefold() for c in committees}:
        return None
    return last


def council_from_host(site_url: str) -> str | None:
    """A council named by the site's host (``democracy.manchester.gov.uk`` → "Manchester")."""
    host = (urlsplit(site_url).hostname or "").lower()
    if not host or host == "localhost":
        return None
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    labels = [label for label in host.split(".") if label and label not in _HOST_NOISE]
    if not labels or not labels[0].replace("-", "").isalpha():
        return None
    return " ".join(part.capitalize() for part in labels[0].split("-"))
