"""Answers → Slack messages: slack_sdk Block Kit objects holding sentences rendered from the
templates in prompts/slack/, split to fit Slack's limits without ever cutting a quote.

Templates hold the words (and escape everything they print, see :mod:`prompts.mrkdwn`); this
module and :mod:`bot.slack.render.items` decide which blocks hold them; :mod:`bot.slack.render.packing` splits
them into messages of at most 50 blocks; :func:`bot.slack.render.limits.validate` checks each message
before Slack sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.answer.models import Answer
from bot.slack.render import kit
from bot.slack.render.items import (
    first_screen,
    lead_blocks,
    match_group,
    near_miss_group,
    related_group,
)
from bot.slack.render.limits import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    BlockKitError,
    validate,
)
from bot.slack.render.packing import Group, pack
from bot.slack.render.payloads import Page, encode_feedback, encode_page
from prompts import render
from prompts.mrkdwn import Mrkdwn

__all__ = [
    "MAX_BLOCKS",
    "MAX_SECTION_TEXT",
    "BlockKitError",
    "SlackMessage",
    "answer_messages",
    "home_view",
    "render_text",
    "text_message",
    "validate",
]

FOOTER_BLOCK_ID = "answer_footer"


@dataclass
class SlackMessage:
    """One message: ``text`` is the plain-text fallback (notifications, screen readers)."""

    text: str
    blocks: list[Block] = field(default_factory=list)


def render_text(name: str, **context: Any) -> str:
    """A named Slack template (``slack/apology.txt.j2`` …), rendered with escaping on."""
    return Mrkdwn(render(name, **context).strip())


def text_message(name: str, **context: Any) -> SlackMessage:
    return SlackMessage(text=render_text(name, **context))


def answer_messages(
    answer: Answer,
    page: Page,
    *,
    more: bool = False,
    ephemeral: bool = False,
    shared_by: str | None = None,
) -> list[SlackMessage]:
    """The reply to one question, as one or more messages (the buttons ride on the last).

    A first page is short, so it can be read on a phone: the answer's lead line (when the
    answerer chose one), who asked, the item it comes from and at most two other items as
    one line each (:func:`bot.slack.render.items.first_screen`). "Show more" asks for the
    full page: every quote of each item, then the related items; its own "Show more" pages
    on through the matches.
    """
    if not answer.found and (page.offset or page.full):
        return [text_message("slack/no_more.txt.j2", question=answer.question)]
    first = answer.found and not page.offset and not page.full
    lead = answer.lead if first else None
    if first:
        intro: list[Block] = lead_blocks(lead, answer.matches) if lead else []
        if shared_by or ephemeral:
            said = render_text("slack/asked.txt.j2", shared_by=shared_by, question=answer.question)
            intro.append(kit.context(said))
        footer = [] if shared_by else _footer(answer, page, more=True, ephemeral=ephemeral)
        fallback = render_text(
            "slack/fallback.txt.j2", answer=answer, matches=answer.matches, lead=lead
        )
        continued = render_text("slack/continued.txt.j2", question=answer.question)
        return [  # one message, unless a lead quote ran to ~140,000 characters
            SlackMessage(text=fallback if i == 0 else continued, blocks=validate(blocks))
            for i, blocks in enumerate(pack(intro, [[first_screen(answer, lead)]], footer))
        ]
    intro = []
    if shared_by or (ephemeral and answer.found):
        # "No decision found for …" repeats the question itself.
        asked = answer.question if answer.found else None
        intro.append(
            kit.context(render_text("slack/asked.txt.j2", shared_by=shared_by, question=asked))
        )
    groups: list[Group]
    if answer.found:
        found = render_text(
            "slack/found.txt.j2", answer=answer, matches=answer.matches, offset=page.offset
        )
        intro.append(kit.section(found))
        owner_first = answer.intent == "owner"
        groups = [
            match_group(m, page.offset + n, owner_first) for n, m in enumerate(answer.matches, 1)
        ]
        if answer.related and not page.offset:
            groups.append(related_group(answer.related, len(answer.matches) + 1))
    else:
        intro.append(kit.section(render_text("slack/no_match.txt.j2", answer=answer)))
        groups = [near_miss_group(answer.near_misses)] if answer.near_misses else []
    footer = [] if shared_by else _footer(answer, page, more=more, ephemeral=ephemeral)
    fallback = render_text(
        "slack/fallback.txt.j2", answer=answer, matches=answer.matches, lead=lead
    )
    continued = render_text("slack/continued.txt.j2", question=answer.question)
    return [
        SlackMessage(text=fallback if i == 0 else continued, blocks=validate(blocks))
        for i, blocks in enumerate(pack(intro, groups, footer))
    ]


def _footer(answer: Answer, page: Page, *, more: bool, ephemeral: bool) -> list[Block]:
    """Show more, Share in channel (only the asker sees the answer), 👍/👎 with the items shown."""
    ids = [m.item_id for m in answer.matches]
    buttons = []
    first = not page.offset and not page.full
    if more and answer.found:
        # from the short first screen, the same items in full; then the next ones
        offset = page.offset if first else page.offset + len(answer.matches)
        next_page = Page(page.question, page.context, offset, full=True)
        buttons.append(kit.button("show_more", encode_page(next_page)))
    if ephemeral:
        buttons.append(kit.button("share_answer", encode_page(page), style="primary"))
    buttons.append(kit.button("feedback_up", encode_feedback(answer.question, ids)))
    buttons.append(kit.button("feedback_down", encode_feedback(answer.question, ids)))
    note = [kit.context(render_text("slack/footer.txt.j2"))] if answer.found and not first else []
    return [*note, kit.actions(FOOTER_BLOCK_ID, buttons)]


def home_view(stats: Any) -> View:
    """The App Home tab: what is indexed, so people know what they can ask about."""
    blocks: list[Block] = [kit.header(render_text("slack/home/title.txt.j2"))]
    if stats.items:
        blocks.append(kit.section(render_text("slack/home/indexed.txt.j2", stats=stats)))
        if stats.bodies:
            bodies = render_text("slack/home/bodies.txt.j2", bodies=stats.bodies)
            blocks.append(kit.section(bodies))
        blocks.append(kit.context(render_text("slack/home/last_indexed.txt.j2", stats=stats)))
    else:
        blocks.append(kit.section(render_text("slack/home/empty.txt.j2")))
    blocks.append(kit.divider())
    blocks.append(kit.section(render_text("slack/home/how_to_ask.txt.j2")))
    return View(type="home", blocks=validate(blocks))
