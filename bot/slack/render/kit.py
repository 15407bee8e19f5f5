"""The few Block Kit pieces our messages are made of, as slack_sdk objects fitted to Slack's limits.

Every text here is already rendered (and so escaped) by a ``slack/…`` template. Text whose gist
survives a cut is clipped with an ellipsis; a quote is never cut: :func:`quote_sections` spreads
it over as many consecutive sections as it needs.
"""

from __future__ import annotations

import re

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.slack.render.limits import (
    MAX_BUTTON_TEXT,
    MAX_HEADER,
    MAX_SECTION_TEXT,
    MAX_TEXT,
    MAX_URL,
    clip,
    split,
)
from prompts import render


def label(action_id: str) -> str:
    """A button's label, from ``slack/button.txt.j2``; ``open_source_2`` is an ``open_source``
    (a message's action_ids must differ, so repeated buttons are numbered)."""
    kind = re.sub(r"_\d+$", "", action_id)
    return clip(render("slack/button.txt.j2", action=kind).strip(), MAX_BUTTON_TEXT)


def section(text: str, accessory: ButtonElement | None = None) -> SectionBlock:
    return SectionBlock(
        text=MarkdownTextObject(text=clip(text, MAX_SECTION_TEXT)), accessory=accessory
    )


def quote_sections(text: str) -> list[Block]:
    """Text holding a quote: one section, or several in a row if it is longer than one holds."""
    return [SectionBlock(text=MarkdownTextObject(text=p)) for p in split(text, MAX_SECTION_TEXT)]


def context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text, MAX_TEXT))])


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=clip(text, MAX_HEADER), emoji=True))


def divider() -> DividerBlock:
    return DividerBlock()


def button(action_id: str, value: str, style: str | None = None) -> ButtonElement:
    """A button that sends ``value`` back to us (see :mod:`bot.slack.render.payloads`)."""
    return ButtonElement(
        text=PlainTextObject(text=label(action_id), emoji=True),
        action_id=action_id,
        value=value,
        style=style,
    )


def link_button(url: str, action_id: str) -> ButtonElement:
    """A button that opens ``url``; only for :func:`is_web_link` URLs."""
    return ButtonElement(
        text=PlainTextObject(text=label(action_id), emoji=True), action_id=action_id, url=url
    )


def is_web_link(url: str | None) -> bool:
    """Whether a button may open it: Slack takes only http(s) URLs of up to 3,000 characters.

    Anything else (a local file, an over-long URL) is shown as text instead; a cut URL would
    open the wrong page.
    """
    return url is not None and url.startswith(("http://", "https://")) and len(url) <= MAX_URL


def actions(block_id: str, buttons: list[ButtonElement]) -> ActionsBlock:
    return ActionsBlock(block_id=block_id, elements=buttons)


def linked_heading(
    templates: str, heading: str, link: str, source: object, action_id: str
) -> list[Block]:
    """An item's heading with a button to its minutes; when they are not on the web, the
    source (what that template names it by) under it instead (``<templates>/source.txt.j2``). Answers and sync posts
    share this shape, each with its own templates folder (``slack/match``, ``slack/digest``)."""
    if is_web_link(link):
        return [section(heading, link_button(link, action_id))]
    return [section(heading), context(render(f"{templates}/source.txt.j2", source=source).strip())]


def quote_units(templates: str, kind: str, lines: list[str]) -> list[list[Block]]:
    """One packing unit per quote, the ``kind`` heading (``<templates>/heading.txt.j2``)
    riding with the first so it is never left alone at the bottom of a message."""
    units = [quote_sections(line) for line in lines]
    if units:
        heading = render(f"{templates}/heading.txt.j2", kind=kind).strip()
        units[0] = [context(heading), *units[0]]
    return units
