"""Assertions shared by the parser tests: quotes are verbatim, items are found by name."""

from __future__ import annotations

import re

from index.models import AgendaItem, Meeting


def normalise(text: str) -> str:
    """Case and whitespace folded, for comparing display titles (never for quotes)."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def assert_quotes_verbatim(meeting: Meeting) -> None:
    """The core invariant: every quotable field is an exact substring of the source text."""
    source = meeting.source_text
    for item in meeting.items:
        assert item.text in source, f"item text not verbatim: {item.title!r}"
        for resolution in item.resolutions:
            assert resolution.text in source, f"resolution not verbatim: {resolution.text!r}"
            assert resolution.text in item.text, f"resolution outside its item: {item.title!r}"
            assert resolution.quote is None or resolution.quote in item.text
        for action in item.actions:
            assert action.text in source, f"action not verbatim: {action.text!r}"
            assert action.update is None or action.update in source
            assert action.quote is None or action.quote in item.text
        for vote in item.votes:
            assert vote.text in source, f"vote not verbatim: {vote.text!r}"
            assert vote.text in item.text
            assert vote.motion is None or vote.motion in source
        for dated in item.dated:
            assert dated.text in item.text, f"dated statement not verbatim: {dated.text!r}"
            assert dated.when in dated.text


def title_matches(name: str, item: AgendaItem) -> bool:
    """Does ``name`` (as a person writes it: maybe numbered, maybe cut short with "…") name
    ``item``? Accepts "278. Local Transport Plan (Item 9)", "*47 Authorize …", "8.1.6 (2.5) …"."""
    wanted = normalise(re.sub(r"(?:…|\.\.\.)\s*$", "", name))
    forms = [item.title]
    if item.number:
        forms += [f"{item.number}. {item.title}", f"{item.number} {item.title}"]
    return any(normalise(form).startswith(wanted) for form in forms if wanted)


def find_item(meeting: Meeting, name: str) -> AgendaItem | None:
    return next((item for item in meeting.items if title_matches(name, item)), None)
