"""Splitting an answer into messages of at most 50 blocks, only ever between quotes.

An answer is an intro (the lead line, who asked, how many items), then one *group* per
matching item (and one for related items), then a footer (the buttons, which ride on the last
message). A group is a list of *units*: blocks that must be read together, such
as a quote spread over consecutive sections, or a heading with the first quote under it. A group
moves whole to the next message if it fits there; a group too big for any message is split
between its units, never inside one.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from bot.slack.render.limits import MAX_BLOCKS

Unit = list[Block]
Group = list[Unit]


def pack(
    intro: Sequence[Block],
    groups: Sequence[Group],
    footer: Sequence[Block],
    limit: int = MAX_BLOCKS,
) -> list[list[Block]]:
    """The blocks of each message, in order; the footer closes the last one."""
    room = limit - len(footer)
    messages: list[list[Block]] = [[]]
    for block in intro:  # more than a message only for a lead quote of ~140,000 chars
        if len(messages[-1]) >= room:
            messages.append([])
        messages[-1].append(block)
    fresh = len(messages[-1])  # blocks in the current message that are not an item's

    def start(size: int) -> None:
        """A new message for ``size`` more blocks, unless they fit, or it would leave one empty."""
        nonlocal fresh
        if len(messages[-1]) + size > room and len(messages[-1]) > fresh and size <= room:
            messages.append([])
            fresh = 0

    for group in groups:
        start(sum(len(unit) for unit in group))
        for unit in group:
            start(len(unit))
            for block in unit:  # more than one message's worth only for a quote of ~140,000 chars
                if len(messages[-1]) >= room:
                    messages.append([])
                    fresh = 0
                messages[-1].append(block)
    messages[-1].extend(footer)
    return [m for m in messages if m]
