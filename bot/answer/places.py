"""The places a question names as the one whose minutes it asks about.

Read once, when the question is understood (:func:`bot.answer.question.understand`), so that
the scope check compares what was read with the catalogue instead of reading the question
again: "Did Plymouth approve …", "Chorley's executive", "in Slough", "Portland council".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.answer.body_words import BODY_NOUNS, GENERIC_BODY_WORDS, PLACE_QUALIFIERS
from bot.answer.reading import ASKING
from index.lexicon import MONTHS
from index.words import STOPWORDS, tokenize

_CAP = r"[A-Z][\w&’'-]*"
_CAP_RUN = rf"{_CAP}(?:\s+(?:of\s+|and\s+)?{_CAP})*"
_POSSESSIVE = re.compile(rf"(?P<place>{_CAP_RUN})['’]s\b")
_LOCATIVE = re.compile(r"\b(?:in|from)\s+(?:the\s+)?(?P<place>" + _CAP + r")(?![\w&’'-]|\s+[A-Z])")
_ACTOR = re.compile(
    r"^\s*(?i:(?:(?:when|what|how|why|where)\s+)?(?:did|does|has|have|will|would|was|is)\s+"
    rf"(?:the\s+)?)(?P<place>{_CAP_RUN})\s+(?=[a-z])"
)
WORD = re.compile(r"[A-Za-z][\w&-]*")
TYPE_WINDOW = 6


@dataclass(frozen=True)
class Named:
    """A place the question names (as written), and the type of body it names there, if any."""

    place: str
    body_type: str | None = None
    actor: bool = False  # the subject of the question ("Did Plymouth approve …")
    words: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """The place's tokens, each with the word it was read from (:func:`place_words`, not
    strict: a place in a question may be written in lower case)."""


def named_places(question: str) -> list[Named]:
    """Places the question names as the one whose minutes it asks about, in order.

    Three shapes: a possessive followed by a body's name ("Chorley's executive", "the City of
    London Corporation's health and wellbeing board"), a capitalised name followed by a body
    noun ("Portland council", "Wiltshire health and wellbeing board"), a locative ("in
    Slough") and the actor of the question ("Did Plymouth approve …"). A possessive without a
    body ("KPMG's approach") names no place.
    """
    found: list[tuple[int, Named]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, named: Named) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, replace(named, words=tuple(place_words(named.place, False).items()))))

    for m in _POSSESSIVE.finditer(question):
        body_type = _body_type_after(question, m.end())
        place = _trim(m.group("place"))
        if body_type and place:
            # The body's words belong to this place: "Kent's extraordinary county council" names
            # no second place in "extraordinary".
            end = question.find(body_type, m.end()) + len(body_type)
            add(m.start(), end, Named(place, body_type))
    words = list(WORD.finditer(question))
    for i, w in enumerate(words):
        # "Kent County Council adopt", "the Wiltshire health and wellbeing board approve": a
        # body noun heading its phrase, then back over the body's words to the place's.
        low = w.group(0).lower()
        initials = w.group(0) in COUNCIL_INITIALS
        if not initials and (
            low.rstrip("s") not in BODY_NOUNS or not heads_phrase(question, words, i)
        ):
            continue
        j = i - 1
        while j >= 0 and i - j <= TYPE_WINDOW and words[j].group(0).lower() in GENERIC_BODY_WORDS:
            j -= 1
        k = j
        while k >= 0 and (_proper(words[k].group(0)) or (k < j and _joins(words, k))):
            k -= 1  # "Kent Police and Crime Panel": a name's words joined by "and"
        if k == j and _lower_place(words, j, i, initials):
            k = j - 1  # "surrey county council", "trafford hwb", "essex CC": typed in lower case
        if k == j:
            continue  # "full council", "the panel": no place named
        start, end = words[k + 1].start(), words[j].end()
        add(start, end, Named(question[start:end], question[words[j + 1].start() : w.end()]))
    for m in _LOCATIVE.finditer(question):
        word = m.group("place")
        if word.lower() in MONTHS or word.lower() in STOPWORDS:
            continue
        add(m.start("place"), m.end("place"), Named(word))
    actor = _ACTOR.match(question)
    if actor and _trim(actor.group("place")):
        last = actor.group("place").split()[-1].lower()
        if last.rstrip("s") not in BODY_NOUNS and not last.endswith(("'s", "’s")):
            start, end = actor.start("place"), actor.end("place")
            add(start, end, Named(_trim(actor.group("place")), actor=True))
    return [named for _, named in sorted(found, key=lambda pair: pair[0])]


_VERBISH = frozenset(
    [
        "meeting",
        "meetings",
        "minutes",
        "decide",
        "decided",
        "resolve",
        "resolved",
        "approve",
        "approved",
        "adopt",
        "adopted",
        "agree",
        "agreed",
        "vote",
        "voted",
        "pass",
        "passed",
        "back",
        "backed",
        "conclude",
        "concluded",
        "say",
        "said",
        "do",
        "discuss",
        "discussed",
        "ask",
        "asked",
        "go",
        "went",
        "sign",
        "endorse",
        "support",
        "reject",
        "accept",
        "note",
        "apply",
        "set",
        "make",
        "made",
        "end",
    ]
)


def _joins(words: list[re.Match[str]], k: int) -> bool:
    """``words[k]`` is "and" between two capitalised words of one name."""
    if words[k].group(0) != "and" or k == 0 or k + 1 >= len(words):
        return False
    return _proper(words[k - 1].group(0)) and _proper(words[k + 1].group(0))


def heads_phrase(question: str, words: list[re.Match[str]], i: int) -> bool:
    """The body noun ends its noun phrase: "Portland council vote on", not "the Combined
    Authority constitution" (a thing named after a body)."""
    word = words[i].group(0)
    if word.lower().endswith(("'s", "’s")):
        return True
    if i + 1 == len(words) or re.search(
        r"[.,;:?!]", question[words[i].end() : words[i + 1].start()]
    ):
        return True
    nxt = words[i + 1].group(0).lower()
    return nxt in STOPWORDS or nxt in _VERBISH or nxt.endswith("ed")


COUNCIL_INITIALS = frozenset(f"{q[0]}C".upper() for q in PLACE_QUALIFIERS - {"full"})
"""A council's type in initials, as officers write it after the place ("Essex CC", "Kent
CC"): the initials of a place qualifier and "council"."""
PLACE_TYPED = (PLACE_QUALIFIERS - {"full"}) | {"hwb", "wellbeing"}
"""Words of a body type that only a place's body has: a county council, a health and
wellbeing board. Before them, even a word typed in lower case names the place."""


def _lower_place(words: list[re.Match[str]], j: int, i: int, initials: bool) -> bool:
    """``words[j]`` is a place typed in lower case before the body type ``words[j+1..i]``: the
    type is one only a place has, and the word is no question word, body word or verb."""
    if j < 0:
        return False
    typed = initials or any(w.group(0).lower() in PLACE_TYPED for w in words[j + 1 : i + 1])
    word = words[j].group(0)
    low = word.lower()
    return (
        typed
        and word.isalpha()
        and len(word) >= MIN_PLACE_LETTERS
        and low not in STOPWORDS
        and low not in GENERIC_BODY_WORDS
        and low not in _VERBISH
        and not set(tokenize(low)) & ASKING
    )


MIN_PLACE_LETTERS = 3


def _proper(word: str) -> bool:
    """A capitalised word that is not a question word or a word bodies are named with."""
    low = word.lower()
    return word[0].isupper() and low not in STOPWORDS and low not in GENERIC_BODY_WORDS


def _body_type_after(question: str, pos: int) -> str | None:
    """The words from ``pos`` up to and including a body noun ("health and wellbeing board"),
    within a few words; None when no body noun follows."""
    words = list(WORD.finditer(question[pos:]))[:TYPE_WINDOW]
    for w in words:
        if w.group(0).lower().rstrip("s") in BODY_NOUNS:
            if re.search(r"[.,;:?!]", question[pos : pos + w.start()]):
                return None  # the noun belongs to another clause
            return question[pos + words[0].start() : pos + w.end()]
    return None


def _trim(place: str) -> str:
    """The place without the question's own leading words ("Did Kent" → "Kent")."""
    words = place.split()
    while words and words[0].lower() in STOPWORDS:
        words.pop(0)
    return " ".join(words)


def place_words(name: str, strict: bool = True) -> dict[str, str]:
    """The words of a name that are not words bodies are made of ("City of London Planning
    Committee" → "london"), each as index token → the word it was read from. ``strict`` (body
    names) keeps capitalised words only."""
    out: dict[str, str] = {}
    for w in WORD.findall(name):
        low = w.lower()
        if low in GENERIC_BODY_WORDS or low.rstrip("s") in BODY_NOUNS or low in STOPWORDS:
            continue
        if strict and not w[0].isupper():
            continue
        for token in tokenize(w):
            out.setdefault(token, w)
    return out
