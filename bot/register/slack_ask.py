"""The one call the Slack answer path makes to the register: a question about a set of actions
("what's overdue for the DPH?") asked by mention, DM or ``/minutes`` is answered from the
register (:mod:`.routing`) instead of the search.

Imports nothing of the Slack reply path, which calls it (``bot.slack.asking.reply``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.register.current import current_register
from bot.register.questions import ask_register
from bot.register.routing import may_ask_register, register_question
from bot.register.slack_blocks import message
from bot.slack.render.blocks import SlackMessage

if TYPE_CHECKING:
    from bot.slack.runtime.services import Services


def answered_from_register(
    services: Services, question: str, deliver: Callable[[SlackMessage], None]
) -> bool:
    """Deliver the register's reply and say True, or say False and leave it to the search."""
    if not may_ask_register(question):
        return False
    register = current_register(services)
    asked = register_question(question, register, dt.date.today())
    if asked is None:
        return False
    deliver(message(ask_register(register, asked), question))
    return True
