"""How people ask, and how minutes write the same thing.

Officers ask in plain words ("who's lobbying the province?", "did they hire anyone?", "are we
cutting the budget?"); minutes use the formal verb and the government's proper name ("BE
REQUESTED to advocate to the provincial government", "BE APPOINTED", "reduce"). No embedding
model that ships here bridges that reliably, so this module holds the bridge for two general
classes of words, never for a topic:

- **civic verbs and money words**: the handful of ways a council acts (asks another government,
  appoints, stops, approves, reduces, increases, pays) in the words people use for them;
- **seats of government**: places whose name stands for a government ("Ottawa", "Queen's
  Park", "Whitehall", "Holyrood"), a small gazetteer.

Each plain phrase maps to the minutes' phrases. They are added to the search text, and a
question word counts as covered by an item that holds one of its formal equivalents, so the
evidence for an answer is the same whichever words the asker chose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from index.words import tokenize

# plain phrase (as asked) → phrases the minutes use for it
PLAIN_WORDS: Mapping[str, tuple[str, ...]] = {
    # asking another government or body to act
    "lobby": ("advocate", "request", "urge"),
    "lobbying": ("advocate", "request", "urge"),
    "lobbied": ("advocate", "request", "urge"),
    "pressing": ("advocate", "request", "urge"),
    "petition": ("advocate", "request"),
    "petitioning": ("advocate", "request"),
    # appointing and ending appointments
    "hire": ("appoint",),
    "hired": ("appointed",),
    "hiring": ("appointment", "recruitment"),
    "sacked": ("terminate", "dismissed"),
    "fired": ("terminate", "dismissed"),
    # stopping and approving
    "scrap": ("discontinue", "cease", "withdraw"),
    "scrapped": ("discontinued", "ceased", "withdrawn"),
    "axe": ("discontinue", "cease"),
    "axed": ("discontinued", "ceased"),
    "ditch": ("discontinue", "withdraw"),
    "ditched": ("discontinued", "withdrawn"),
    "okay": ("approve",),
    "okayed": ("approved",),
    "green light": ("approve",),
    "green-lit": ("approved",),
    "greenlit": ("approved",),
    "sign off": ("approve",),
    "signed off": ("approved",),
    "rubber-stamp": ("approve", "ratify"),
    "rubber-stamped": ("approved", "ratified"),
    # more and less
    "cut": ("reduce", "reduction"),
    "cuts": ("reductions", "savings"),
    "cutting": ("reducing", "reduction"),
    "trim": ("reduce", "reduction"),
    "trimming": ("reducing", "reduction"),
    "slash": ("reduce", "reduction"),
    "slashing": ("reducing", "reduction"),
    "hike": ("increase",),
    "hiked": ("increased",),
    "bump up": ("increase",),
    "bumped up": ("increased",),
    "bumped": ("increased",),
    # money
    "cash": ("funds", "funding"),
    "money": ("funds", "funding"),
    "spend": ("expenditure",),
    "spending": ("expenditure",),
    "buy": ("procure", "purchase"),
    "buying": ("procurement", "purchasing"),
    # seats of government
    "ottawa": ("federal government", "government of canada"),
    "queen's park": ("provincial government", "province of ontario"),
    "the province": ("provincial government",),
    "whitehall": ("government", "secretary of state"),
    "westminster": ("government", "parliament"),
    "downing street": ("government", "prime minister"),
    "holyrood": ("scottish government", "scottish parliament"),
    "stormont": ("northern ireland executive",),
    "cardiff bay": ("welsh government",),
    "washington": ("federal government",),
}

_PHRASE = re.compile(
    r"(?<![\w'’])("
    + "|".join(re.escape(p) for p in sorted(PLAIN_WORDS, key=len, reverse=True))
    + r")(?![\w'’])",
    re.IGNORECASE,
)


def plain_phrases(question: str) -> list[str]:
    """The plain phrases of ``question`` this module knows, in order, each once."""
    found = [m.group(1).lower().replace("’", "'") for m in _PHRASE.finditer(question)]
    return list(dict.fromkeys(found))


def expansion(question: str) -> str:
    """The minutes' words for the question's plain ones, to add to what is searched."""
    words: list[str] = []
    for phrase in plain_phrases(question):
        words.extend(PLAIN_WORDS[phrase])
    return " ".join(dict.fromkeys(words))


def equivalents(question: str) -> dict[str, list[frozenset[str]]]:
    """Question token → the token sets of its formal equivalents: the token counts as covered
    by an item holding every token of one of them."""
    out: dict[str, list[frozenset[str]]] = {}
    for phrase in plain_phrases(question):
        formal = [frozenset(tokenize(f)) for f in PLAIN_WORDS[phrase]]
        for token in tokenize(phrase):
            out.setdefault(token, []).extend(f for f in formal if f)
    return out
