"""One agenda item as Block Kit: where and when, then each resolution, action, vote or passage;
the lead line that answers above them, and related items below.

Each quote is its own unit (see :mod:`bot.slack.render.packing`), so a long answer splits between
quotes; a heading and the item's header travel with the quote under them, so neither is left
alone at the bottom of a message. Every sentence comes from a ``slack/…`` template.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import Block

from bot.answer.models import Answer, ItemMatch, Lead
from bot.slack.render import kit
from bot.slack.render.limits import MAX_SECTION_TEXT
from bot.slack.render.packing import Group, Unit
from prompts import render

# The lead's button; items number theirs from 1 (``open_source_<n>``, see the open_source
# listener), so 0 is free on every page.
LEAD_ACTION_ID = "open_source_0"


TEMPLATES = "slack/match"


def text(name: str, **context: Any) -> str:
    """A ``slack/match/…`` template, rendered (so escaped) and trimmed."""
    return render(f"{TEMPLATES}/{name}.txt.j2", **context).strip()


def match_group(m: ItemMatch, n: int, owner_first: bool = False) -> Group:
    """The blocks for the ``n``-th match; actions before resolutions when the question was who."""
    resolutions = _quotes("resolved", [text("resolution", r=r) for r in m.resolutions])
    actions = _quotes("actions", [text("action", a=a) for a in m.actions])
    units = [*actions, *resolutions] if owner_first else [*resolutions, *actions]
    # a vote is shown with the motion it decided, or not at all; the motion's own first
    units += [kit.quote_sections(text("vote", v=v)) for v in m.votes if v.motion]
    if m.passages and not m.resolutions:
        units += _quotes("discussion", [text("passage", text=p) for p in m.passages])
    notes = []
    if not m.resolutions and not m.actions and not m.passages:
        notes.append(kit.context(text("note", kind="no_resolution")))
    if m.truncated:
        notes.append(kit.context(text("note", kind="partial")))
    if m.also:
        notes.append(kit.context(text("also", also=m.also)))
    units.append([*notes, kit.divider()])
    return [_where(m, f"open_source_{n}") + units[0], *units[1:]]


def lead_blocks(lead: Lead, shown: Sequence[ItemMatch] = ()) -> Unit:
    """The answer in one line, with a button to its source beside it.

    A quote too long for one section continues in the next (never cut); the button then
    follows on its own, and a source that is no web page is named under the line instead,
    unless its item's header, among ``shown``, names it just below.
    """
    line = render("slack/lead.txt.j2", lead=lead).strip()
    web = kit.is_web_link(lead.link)
    if web and len(line) <= MAX_SECTION_TEXT:
        return [kit.section(line, kit.link_button(lead.link, LEAD_ACTION_ID))]
    blocks = kit.quote_sections(line)
    if web:
        blocks.append(kit.actions("answer_source", [kit.link_button(lead.link, LEAD_ACTION_ID)]))
    elif not any(m.item_id == lead.item_id for m in shown):
        blocks.append(kit.context(text("source", source=lead)))
    return blocks


OTHER_ITEMS = 2
"""Items besides the answer's own on the first screen, one line each: more is for "Show more"."""


def first_screen(answer: Answer, lead: Lead | None) -> list[Block]:
    """Under the lead line: the item it comes from (its header and source), then at most
    :data:`OTHER_ITEMS` other items as one line each, headed by what the minutes lack when
    they lack what was asked. Without a lead, the top item's header and first quote answer.
    Item buttons are numbered from 1 (the lead's is 0, see :data:`LEAD_ACTION_ID`).

    Every quote stays one click away ("Show more"); about 8 blocks and 1,500 characters fit a
    phone's screen, where the full page ran to 25 blocks and 4,500 characters.
    """
    matches = answer.matches
    own = next((m for m in matches if lead and m.item_id == lead.item_id), None)
    blocks: list[Block] = []
    if own is not None:
        blocks += _where(own, "open_source_1")
    elif matches and lead is None:
        own = matches[0]
        blocks += match_group(own, 1)[0]
    # (a lead from an item not among the matches, such as a history's: its line names it)
    others = [m for m in matches if m is not own][:OTHER_ITEMS]
    heading = text("first_screen", answer=answer, others=len(others))
    if heading:
        blocks.append(kit.context(heading))
    for n, m in enumerate(others, 2):
        link = kit.link_button(m.link, f"open_source_{n}") if kit.is_web_link(m.link) else None
        blocks.append(kit.section(text("related", m=m), link))
    return blocks


def related_group(related: list[ItemMatch], first: int) -> Group:
    """Items that matched far below the best one: a heading, then each as a line with its
    link, numbered from ``first`` so their buttons' action_ids stay unique in the message."""
    units: Group = []
    for n, m in enumerate(related, first):
        line = text("related", m=m)
        link = kit.link_button(m.link, f"open_source_{n}") if kit.is_web_link(m.link) else None
        units.append([kit.section(line, link)])
    if units:
        units[0] = [kit.context(text("heading", kind="related")), *units[0]]
    return units


def near_miss_group(near_misses: list[ItemMatch]) -> Group:
    """Under "No decision found": the closest items, each a line with its link."""
    units: Group = []
    for n, m in enumerate(near_misses, 1):
        line = text("near_miss", m=m)
        link = kit.link_button(m.link, f"open_source_{n}") if kit.is_web_link(m.link) else None
        units.append([kit.section(line, link)])
    return units


def _where(m: ItemMatch, action_id: str) -> Unit:
    """The item's header with a button to the source, or, if it is not on the web, its
    document and item number as text (never the file's path on the server)."""
    return kit.linked_heading(TEMPLATES, text("header", m=m), m.link, m, action_id)


def _quotes(kind: str, lines: list[str]) -> list[Unit]:
    return kit.quote_units(TEMPLATES, kind, lines)
