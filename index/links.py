"""Links taken from outside (a council site's pages and IDs, a sidecar's ``url``) made safe to
store and to show as a Slack button or ``<url|text>`` link.

A site or a sidecar is not trusted: an ID holding ``|``, spaces or ``<…>`` would break out of a
Slack link, a ``javascript:`` or ``file:`` link must never become a button, and a URL carrying
``user:password@`` would publish the password to every reader. So a link is kept only when it
is http(s) with a host and no credentials, and every character that has no business in a URL
is percent-encoded (an existing ``%XX`` is kept as it is).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_KEEP = "/:?&=#%+;,@!$'()*~.-_[]"
"""Characters left as they are; everything else (spaces, ``|<>"{}\\^```, non-ASCII) is encoded."""


def safe_link(url: str) -> str | None:
    """``url`` percent-encoded, or None unless it is http(s) with a host and no credentials."""
    quoted = quote(_CONTROL.sub("", url).strip(), safe=_KEEP)
    try:
        parts = urlsplit(quoted)
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    if "@" in parts.netloc:
        return None
    return quoted


def has_credentials(url: str) -> bool:
    """Does ``url`` carry a ``user[:password]@`` (which a message must then never repeat)?"""
    try:
        return "@" in urlsplit(quote(_CONTROL.sub("", url).strip(), safe=_KEEP)).netloc
    except ValueError:
        return "@" in url


def path_value(value: str) -> str:
    """A site's value (an ID) for a URL's query, with every reserved character encoded."""
    return quote(value, safe="")
