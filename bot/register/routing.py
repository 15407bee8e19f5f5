"""Which questions asked in plain words (``minutes-bot ask``, a mention, a DM, ``/minutes``)
the register answers rather than the search.

The search answers "who is to contact LCC regarding …?" well: one action, its owner, its
update. It cannot answer for a list across meetings: "what actions does Cllr Bradley have
outstanding?", "what is still outstanding from the PSR executive?", "what's overdue for the
DPH?", "what did the last HWB ask officers to do?". Those ask about a *set* of actions, and say
so with a few words (outstanding, overdue, "what does X owe", asked … to do, actions from/for,
done since: a bare "owes" is as often money, "what Aspire Food Group owes the city");
:func:`may_ask_register` looks for them without building the register, so every other
question costs nothing. Such a question goes to the register only when it then names an owner
or body (or asks what is overdue or done since a date): "what are the outstanding issues with
the library review?" names neither, and is left to the search.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.register.questions import RegisterQuestion, find_body, read_question
from bot.register.register import Register

_CUE_RE = re.compile(
    r"\b(?:outstanding|overdue|owed\s+by|what\s+(?:does|do|did)\s+[^?]{1,60}?\s+owe|"
    r"actions?\s+(?:does|do|did|has|have|for|from|of|owed|still|open|raised|agreed\s+at|"
    r"set\s+by|are|is)|"
    r"ask(?:ed)?\s+(?:the\s+)?[\w ]{1,40}?\s+to\s+do|"
    r"(?:done|completed|cleared|closed|finished)\s+since)\b",
    re.IGNORECASE,
)
_ACTIONS_RE = re.compile(r"\bactions?\b", re.IGNORECASE)


def may_ask_register(text: str) -> bool:
    """Whether ``text`` uses the words of a register question (cheap: no register needed)."""
    return bool(_CUE_RE.search(text))


def register_question(
    text: str, register: Register, today: dt.date | None = None
) -> RegisterQuestion | None:
    """The register question ``text`` asks, or None when the search should answer it.

    An owner the register does not know is still the register's to answer when the question
    says "actions" or "overdue" ("what actions does Cllr Bradlee have?"): the reply names the
    owners it does know, which an empty search answer would not.
    """
    if not may_ask_register(text):
        return None
    asked = read_question(text, register, today)
    if asked.body and find_body(register, asked.body) is not None:
        return asked
    if asked.owner and register.owners.find(asked.owner) is not None:
        return asked
    if asked.overdue or asked.done_since or (asked.owner and _ACTIONS_RE.search(text)):
        return asked
    return None
