"""What the index covers, and whether a question asks about something outside it.

A question about Plymouth, about "the City of London Corporation's health and wellbeing board"
or about a Kent Cabinet meeting that was never indexed has no answer here, and the worst reply
is a confident quote from somewhere else. The evidence is the index's own catalogue (every
item's body and meeting date) and its vocabulary; no list of places is needed:

- a *place* the question names ("in Slough", "Plymouth's board", "Did Plymouth approve …")
  is covered when a body's name carries it, or when minutes whose body is unknown mention it
  (their body might be that place's), or when it is a topic of the minutes (mentioned in
  several items). Otherwise the reply says "I have no minutes from Slough" and what it has.
- a *body* named by place and type ("London's health and wellbeing board") is covered when a
  body of that place has all the type's words, or a body whose name carries no place has them.
- a *meeting date* ("at its 30 January 2025 meeting") is covered when the named bodies (or any
  body) met then; otherwise the reply names the nearest indexed meetings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from bot.answer.abstain import PREFIX_MIN
from bot.answer.body_names import core_names, initials
from bot.answer.body_words import BODY_NOUNS, GENERIC_BODY_WORDS, MEETING_KINDS, PLACE_QUALIFIERS
from bot.answer.models import Held, Refusal, RefusalKind
from bot.answer.places import WORD, Named, heads_phrase, place_words
from bot.answer.question import Query
from index.schema import ItemMeta
from index.words import STOPWORDS, tokenize

TOPIC_ITEMS = 3
"""A place mentioned in this many indexed items is a topic of the minutes, not foreign to them."""
NEAREST = 3
HELD_LINES = 8


@dataclass
class Meetings:
    """Every indexed meeting by body, and the words body names are made of."""

    meetings: dict[str | None, set[tuple[str, date | None]]] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()
    """Index tokens of the meetings' titles ("10th Special Council Meeting")."""

    @classmethod
    def of(cls, metas: Sequence[ItemMeta]) -> Meetings:
        meetings: dict[str | None, set[tuple[str, date | None]]] = defaultdict(set)
        titles: set[str] = set()
        for meta in metas:
            # One meeting is one body and date; undated minutes count once per document.
            key = meta.date.isoformat() if meta.date else meta.doc_id
            meetings[meta.body or None].add((key, meta.date))
            titles.add(meta.meeting_title or "")
        words = frozenset(t for title in titles for t in tokenize(title))
        return cls(dict(meetings), words)

    @property
    def bodies(self) -> list[str]:
        return sorted(b for b in self.meetings if b)

    def place_words(self) -> dict[str, list[str]]:
        """Place token → the bodies whose name carries it ("london" → the City of London's)."""
        out: dict[str, list[str]] = defaultdict(list)
        for body in self.bodies:
            for token in _place_tokens(body):
                out[token].append(body)
        return dict(out)

    def dates(self, bodies: Sequence[str] = ()) -> list[date]:
        """Meeting dates of these bodies (of every body, unnamed ones too, when empty)."""
        keys: Sequence[str | None] = bodies or list(self.meetings)
        return sorted({d for b in keys for _, d in self.meetings.get(b, ()) if d})

    def held(self) -> list[Held]:
        """What the index covers, a line per council (bodies sharing a place) or body."""
        groups: dict[str, list[str]] = defaultdict(list)
        for body in self.bodies:
            places = sorted(_place_tokens(body))
            groups[places[0] if places else body].append(body)
        lines = []
        for members in groups.values():
            dates = [d for b in members for _, d in self.meetings[b] if d]
            lines.append(
                Held(
                    name=_shared_name(members),
                    meetings=sum(len(self.meetings[b]) for b in members),
                    bodies=len(members),
                    first_year=min(dates).year if dates else None,
                    last_year=max(dates).year if dates else None,
                )
            )
        unnamed = self.meetings.get(None)
        if unnamed:
            dates = [d for _, d in unnamed if d]
            lines.append(
                Held(
                    name="",
                    meetings=len(unnamed),
                    bodies=0,
                    first_year=min(dates).year if dates else None,
                    last_year=max(dates).year if dates else None,
                )
            )
        lines.sort(key=lambda h: (h.name == "", -h.meetings, h.name))
        return lines[:HELD_LINES]


class Scope:
    """Checks a question against the catalogue. ``mentions(word)`` returns the items whose
    text holds the word, as (item ID, body or None); ``known(token)`` says whether an index
    token occurs anywhere: the index's vocabulary."""

    def __init__(
        self,
        meetings: Meetings,
        mentions: Callable[[str], list[tuple[str, str | None]]],
        known: Callable[[str], bool],
        unnamed_mentions: Callable[[Sequence[str]], set[str]] | None = None,
    ) -> None:
        self.meetings = meetings
        self.mentions = mentions
        self.known = known
        self.unnamed_mentions = unnamed_mentions
        self._places = meetings.place_words()
        self._initials = _body_initials(meetings.bodies)
        self._type_words = {t for b in meetings.bodies for t in _words(b)} | {
            w for w in GENERIC_BODY_WORDS if w not in {"the", "of", "and", "for"}
        }

    def check(self, query: Query) -> Refusal | None:
        """The reason the question is outside the index, or None when it may be inside."""
        for named in query.places:
            refusal = self._check_named(named, query)
            if refusal is not None:
                refusal.held = self.meetings.held()
                return refusal
        refusal = self._check_unheld_body(query)
        if refusal is not None:
            refusal.held = self.meetings.held()
            return refusal
        return self._check_dates(query)

    # -- places and bodies -------------------------------------------------------------------

    def _check_named(self, named: Named, query: Query) -> Refusal | None:
        words = dict(named.words)
        tokens = set(words)
        if not tokens or any(self._acronym(w) for w in WORD.findall(named.place)):
            return None  # "KCC", "ICSC": a body's initials, which understand() resolves
        if named.body_type is None and query.bodies:
            return None  # "the school in Maidstone", with Kent named: a topic, not a place
        if named.body_type is None and self._initials_in_minutes(named.place):
            return None  # "in OEV": initials the minutes use (a neighbourhood, a programme)
        # "hwb" typed in lower case is the initials "HWB", not a word the minutes spell out
        body_type = " ".join(
            w.upper() if w.upper() in self._initials else w for w in (named.body_type or "").split()
        )
        uncovered = [t for t in tokens if self._held_place(t) is None]
        if uncovered and named.actor:
            # The subject may be a person as well as a council: only a name the index has
            # never seen is certainly not in it.
            if any(self.known(t) for t in uncovered):
                return None
            return Refusal(RefusalKind.UNKNOWN_PLACE, name=named.place)
        wanted = {t for t in _words(body_type) if t in self._type_words and t not in _NOT_TYPE}
        # "HWB": initials, which minutes rarely spell out the same way
        spelled = wanted - {w.lower() for w in WORD.findall(body_type) if w.isupper()}
        if uncovered:
            if not all(self._covered_elsewhere(words[t]) for t in uncovered):
                return Refusal(RefusalKind.UNKNOWN_PLACE, name=named.place)
            if len(uncovered) == len(tokens) and spelled and self.unnamed_mentions is not None:
                # "Trafford's executive", no body of Trafford held, Trafford mentioned: minutes
                # that state no body may be that body's only if they name both the place and
                # the body; a mention of the place alone (or as a topic) does not make them
                # its minutes. ("the London Hydro board" has a held place in it: a topic.)
                words_asked = [*(words[t] for t in uncovered), *sorted(spelled)]
                if not self.unnamed_mentions(words_asked):
                    return Refusal(
                        RefusalKind.UNKNOWN_BODY,
                        name=named.place,
                        body_type=named.body_type,
                        bodies=[],
                    )
            return None
        if named.body_type is None or not wanted:
            return None
        place_bodies = {b for t in tokens for b in self._places.get(self._held_place(t) or t, [])}
        placeless = [b for b in self.meetings.bodies if not _place_tokens(b)]
        candidates = sorted(place_bodies) + placeless
        if any(_has_type(b, wanted, body_type) for b in candidates):
            return None
        if any(self._unnamed_mention(w) for w in words.values()):
            return None  # minutes without a named body mention the place: maybe its body's
        return Refusal(
            RefusalKind.UNKNOWN_BODY,
            name=named.place,
            body_type=named.body_type,
            bodies=sorted(place_bodies),
        )

    def _check_unheld_body(self, query: Query) -> Refusal | None:
        """A held place before a body's name that none of its bodies has: "did the kent fire
        authority set its precept?", "london transit commission", "kent police and crime
        panel" — typed in lower case, so no place was read from them, and the place's own
        minutes would otherwise answer for a body whose minutes the index does not hold.

        Each word between the place and the body's noun must be a word of one of the place's
        bodies (or of a body named without a place: "Kent corporate parenting panel"), allowing
        for a typo, or say which kind of meeting it was ("special", words of meeting titles).
        A question that also names a held body asks about that body's minutes.
        """
        if query.bodies:
            return None
        question = query.question
        words = list(WORD.finditer(question))
        for i, w in enumerate(words):
            if w.group(0).lower().rstrip("s") not in BODY_NOUNS or not heads_phrase(
                question, words, i
            ):
                continue
            between: list[str] = []
            j = i - 1
            while j >= 0 and i - j <= BODY_NAME_WORDS:
                gap = question[words[j].end() : words[j + 1].start()]
                if gap.strip(" &-"):
                    break  # punctuation: the phrase ends here
                word = words[j].group(0)
                place = self._held_place_word(word)
                if place is not None:
                    if between and not self._has_words(place, between):
                        start, end = words[j].start(), w.end()
                        return Refusal(RefusalKind.UNKNOWN_PLACE, name=question[start:end])
                    break
                if word.lower() in STOPWORDS and word.lower() != "and":
                    break
                between.append(word)
                j -= 1
        return None

    def _held_place_word(self, word: str) -> str | None:
        if word.endswith(("'s", "’s")) or (word.isupper() and len(word) > 1):
            return None  # a possessive is read as a place already; initials are a body's
        tokens = tokenize(word)
        return self._held_place(tokens[0]) if len(tokens) == 1 else None

    def _has_words(self, place: str, between: list[str]) -> bool:
        """Every word of ``between`` names one of ``place``'s bodies (or a placeless one), or
        the kind of meeting, or is a joining word."""
        placeless = [b for b in self.meetings.bodies if not _place_tokens(b)]
        bodies = [*self._places.get(place, []), *placeless]
        known = {w.lower() for b in bodies for w in WORD.findall(b)}
        for word in between:
            low = word.lower()
            if low in STOPWORDS or low in MEETING_KINDS or self._held_place_word(word):
                continue
            if word.isupper() or low in known or any(_near(low, k) for k in known):
                continue  # initials ("ICA") are the item's topic as often as a body
            if set(tokenize(word)) <= self.meetings.title_words:
                continue
            return False
        return True

    def _held_place(self, token: str) -> str | None:
        """The held place ``token`` names: itself, or the one it is a clipped form of ("wilts"
        for Wiltshire, "lancs" for Lancashire: at least :data:`CLIPPED_LETTERS` letters the
        place's name begins with, and no other held place's)."""
        if token in self._places:
            return token
        found = {p for p in self._places if _clips(token, p)}
        return found.pop() if len(found) == 1 else None

    def _unnamed_mention(self, word: str) -> bool:
        """Minutes that state no body mention ``word`` (searched among those minutes only)."""
        if self.unnamed_mentions is not None:
            return bool(self.unnamed_mentions([word]))
        return self._covered_elsewhere(word, unnamed_only=True)

    def _covered_elsewhere(self, word: str, unnamed_only: bool = False) -> bool:
        """Minutes of an unknown body mention ``word``, or (a topic) several items do."""
        hits = self.mentions(word)
        if any(body is None for _, body in hits):
            return True
        return not unnamed_only and len({item for item, _ in hits}) >= TOPIC_ITEMS

    def _initials_in_minutes(self, place: str) -> bool:
        """``place`` is written in initials only ("OEV", "BIA") and the minutes use them: a
        word to search for, not a council. A name ("Millbridge") the minutes mention in
        passing is still a place the index holds no minutes from."""
        found = WORD.findall(place)
        return bool(found) and all(
            w.isupper() and len(w) >= 2 and any(self.known(t) for t in tokenize(w)) for w in found
        )

    def _acronym(self, word: str) -> bool:
        return word.isupper() and len(word) >= 2 and word.rstrip("s") in self._initials

    # -- dates -------------------------------------------------------------------------------

    def _check_dates(self, query: Query) -> Refusal | None:
        if query.last_meeting or (query.date_from is None and query.date_to is None):
            return None
        dates = self.meetings.dates(query.bodies)
        lo = query.date_from or date.min
        hi = query.date_to or date.max
        if any(lo <= d <= hi for d in dates):
            return None
        middle = lo if query.date_to is None else hi if query.date_from is None else lo
        nearest = sorted(dates, key=lambda d: abs((d - middle).days))[:NEAREST]
        return Refusal(
            RefusalKind.NO_MEETING,
            bodies=list(query.bodies),
            date_from=query.date_from.isoformat() if query.date_from else None,
            date_to=query.date_to.isoformat() if query.date_to else None,
            period=_period(query.date_from, query.date_to),
            nearest=[d.isoformat() for d in sorted(nearest)],
            held=self.meetings.held(),
        )


_NOT_TYPE = PLACE_QUALIFIERS | {"the", "of", "and", "for", "meeting", "special", "corporation"}


CLIPPED_LETTERS = PREFIX_MIN
"""How many letters a clipped place name ("wilts", "lancs") must share with the held place it
names: as many as a clipped word needs to count in topic coverage."""


def _clips(token: str, place: str) -> bool:
    """``token`` is ``place`` cut short, perhaps with a plural "s" ("wilts" → "wiltshire")."""
    cut = token[:-1] if token.endswith("s") else token
    return len(cut) >= CLIPPED_LETTERS and place.startswith(cut)


def _near(word: str, known: str) -> bool:
    """A typo of a body's word ("infrastucture", "planing"), or the word cut short ("infra")."""
    if len(word) < CLIPPED_LETTERS or len(known) < CLIPPED_LETTERS:
        return False
    return known.startswith(word) or SequenceMatcher(None, word, known).ratio() >= TYPO_RATIO


TYPO_RATIO = 0.9
"""How alike a word must be to a body's word to be that word mistyped: one letter wrong or
missing in a ten-letter word ("enviroment"); "police" is not "policy" (0.83)."""
BODY_NAME_WORDS = 5
"""How many words a body's name may have between its place and its noun ("Kent police and
crime panel")."""


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} - {"the", "of", "and", "for"}


def _place_tokens(name: str, strict: bool = True) -> set[str]:
    """The words of a name that are not words bodies are made of ("City of London Planning
    Committee" → {"london"}), as index tokens. ``strict`` (body names) keeps capitalised words."""
    return set(place_words(name, strict))


def _has_type(body: str, wanted: set[str], asked: str) -> bool:
    words = _words(body)
    if wanted <= words:
        return True
    acronyms = {w for w in WORD.findall(asked) if w.isupper() and len(w) >= 2}
    if acronyms:
        spelled = wanted - {a.lower() for a in acronyms}
        return spelled <= words and any(a in initials(body) for a in acronyms)
    return False


def _body_initials(bodies: Sequence[str]) -> set[str]:
    cores = core_names(bodies)
    out: set[str] = set()
    for body in bodies:
        out |= initials(body)
        if body in cores:
            out |= initials(cores[body])
    return out


def _shared_name(members: list[str]) -> str:
    """The words the members' names begin with ("City of London …" → "City of London")."""
    if len(members) == 1:
        return members[0]
    split = [m.split() for m in members]
    n = 0
    while all(len(w) > n for w in split) and len({w[n] for w in split}) == 1:
        n += 1
    shared = " ".join(split[0][:n]).rstrip(" ·")  # "Northfield City Council · …" (synced)
    return shared if _place_tokens(shared) else members[0]


def _period(date_from: date | None, date_to: date | None) -> str:
    """How the asked dates read: one day, one month, one year, or a range."""
    if date_from and date_to:
        if date_from == date_to:
            return "day"
        if date_from.day == 1 and (date_from.year, date_from.month) == (
            date_to.year,
            date_to.month,
        ):
            return "month"
        if (date_from.month, date_from.day, date_to.month, date_to.day) == (1, 1, 12, 31) and (
            date_from.year == date_to.year
        ):
            return "year"
        return "range"
    return "after" if date_from else "before"
