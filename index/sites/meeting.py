"""A fetched site meeting → the pipeline's :class:`~index.models.Meeting`, ready to index.

Each item's minutes HTML becomes text exactly as a saved page does (:func:`index.html.html_to_text`),
and the items are laid out one after another as the meeting's source text, each as
"<number>. <title>", a blank line, then its minutes. Every item's text is a slice of that source
text, and resolutions, actions and votes are read from the slice by the same code that reads
modern.gov files (:func:`index.formats.moderngov.minutes_item`), so every quote stays verbatim
and a synced meeting answers exactly as the same minutes saved to a file would.

Body, date, time and venue come from the site, never from the text; the item's link is its own
page (``mgAi.aspx``); the documents page and the printed minutes are related links.
"""

from __future__ import annotations

from index.formats import moderngov
from index.html import html_to_text
from index.models import Meeting, RelatedKind, RelatedLink
from index.sites.council import qualified_body
from index.sites.models import SiteItem, SiteMeeting


def item_minutes_text(item: SiteItem) -> str:
    """The item's record as text: its formal decision (when printed) above its minutes, each
    under the label the site's pages give it, as the file parser keeps executive pages."""
    minutes = html_to_text(item.minutes_html).strip() if item.minutes_html.strip() else ""
    decision = html_to_text(item.decision_html).strip() if item.decision_html.strip() else ""
    if decision and minutes:
        return f"Decision:\n\n{decision}\n\nMinutes:\n\n{minutes}"
    return decision or minutes


def to_meeting(
    site: str, fetched: SiteMeeting, format_name: str = "moderngov", council: str | None = None
) -> Meeting:
    """The meeting with one agenda item per item that has minutes text; with a ``council``,
    its body is named with it (:func:`~index.sites.council.qualified_body`), its text is not."""
    stub = fetched.stub
    body = stub.committee.title
    title = body
    if stub.date is not None:
        when = f"{stub.date:%A} {stub.date.day} {stub.date:%B %Y}"
        title = f"{body} - {when}" + (f" {fetched.time}" if fetched.time else "")
    parts: list[str] = [title, "\n\n"]
    length = len(title) + 2
    spans: list[tuple[SiteItem, int, int]] = []
    for item in fetched.items:
        text = item_minutes_text(item)
        if not text:
            continue
        heading = f"{item.number}. {item.title}" if item.number else item.title
        parts.append(f"{heading}\n\n")
        length += len(heading) + 2
        spans.append((item, length, length + len(text)))
        parts.append(f"{text}\n\n")
        length += len(text) + 2
    source_text = "".join(parts)
    items = []
    for item, start, end in spans:
        agenda_item = moderngov.minutes_item(source_text, item.title, item.number, start, end)
        agenda_item.url = item.url
        agenda_item.source_id = item.id
        items.append(agenda_item)
    related = [RelatedLink(RelatedKind.DOCUMENTS, fetched.documents_url)]
    if fetched.printed_minutes_url:
        related.append(
            RelatedLink(
                RelatedKind.PRINTED_MINUTES,
                fetched.printed_minutes_url,
                fetched.printed_minutes_title,
            )
        )
    return Meeting(
        source_path=fetched.documents_url,
        source_text=source_text,
        items=items,
        body=qualified_body(council, body),
        council=council,
        date=stub.date,
        time=fetched.time,
        venue=fetched.venue,
        url=fetched.documents_url,
        title=title,
        format=format_name,
        minutes_status=fetched.minutes_status,
        related=related,
        site=site,
        meeting_id=stub.id,
    )
