"""Named failures of reading a council site, each with the URL and a one-line reason.

A sync reports a failed page as ``<url>: <reason>`` and carries on with the next meeting, so
every exception here keeps both apart (``url``, ``reason``). Which one was raised also decides
what happens next: a switched-off web service falls back to the public pages, a robots.txt
refusal stops the site, anything else fails only the meeting it was fetched for.
"""

from __future__ import annotations

from index.errors import MinutesBotError


class SiteError(MinutesBotError):
    """A page or web-service call could not be used."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class FetchError(SiteError):
    """No usable response: timeouts, refused connections, 5xx after every retry, other 4xx."""


class TimedOutError(FetchError):
    """The site did not answer within the timeout, on every try."""


class ServerError(FetchError):
    """The site answered 5xx (or 429) on every try."""


class TooLargeError(FetchError):
    """The response (decompressed) is larger than the client reads; not retried."""


class BlockedError(FetchError):
    """HTTP 403: the site (or a CDN in front of it) refuses us. We record it; we never evade."""


class NotFoundError(FetchError):
    """HTTP 404/410: the page or web-service method is not there."""


class RedirectedError(FetchError):
    """The site answered with a redirect we do not follow (modern.gov sends unknown or broken
    pages to ``mgError.aspx``), so the page we asked for is not what came back."""

    def __init__(self, url: str, location: str) -> None:
        super().__init__(url, f"redirected to {location}")
        self.location = location


class DisallowedError(SiteError):
    """robots.txt asks robots like us not to fetch this URL (or could not be read at all)."""


class MalformedResponseError(SiteError):
    """The response came back but is not what the endpoint returns (broken XML, wrong page)."""


class SiteUnreadableError(SiteError):
    """Neither the web service nor the public pages list the site's committees."""


class NoSuchCommitteeError(MinutesBotError):
    """``--committee`` named a committee the site does not list; the message lists some."""
