"""Where a quote comes from, as a reader may be shown it.

Minutes synced from a site carry the page they came from; minutes indexed from a file carry
only the file's path on the server (``/srv/…/minutes.txt#item-281``), which tells a reader
nothing and gives away how the server is laid out. Such items are named by their document's
title (or the file's name, without its folders) and their item number instead, and only a
real web page gets an "Open minutes" button.
"""

from __future__ import annotations

from pathlib import PurePath, PureWindowsPath

MAX_TITLE = 120
"""A longer "title" is the first paragraph of the minutes, not a name: the file's name reads
better."""


def is_web(link: str | None) -> bool:
    """A page a reader can open: an http(s) URL (anything else is a path on the server)."""
    return bool(link) and str(link).startswith(("http://", "https://"))


def document_name(meeting_title: str | None, source_path: str) -> str:
    """The document an item comes from, as a reader would name it: its title as the minutes
    give it, else the file's name without the folders it sits in."""
    title = " ".join((meeting_title or "").split())
    if title and len(title) <= MAX_TITLE:
        return title
    name = PureWindowsPath(source_path).name if "\\" in source_path else PurePath(source_path).name
    return name or title[:MAX_TITLE]
