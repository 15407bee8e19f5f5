"""Question understanding without an LLM: intent, body and date filters, and search text.

Everything here is rules over the words of the question, because a filter we cannot explain
is worse than none: a wrong body or date filter silently hides the right answer. So a body
filter is set only when the question clearly *names a body* (its full name, its initials,
"Kent's …", "the Trafford board", "London city council"), never for a place that is just part
of a topic ("the Kent and Medway integrated care strategy"); and a year or month becomes a
date filter only after a preposition that dates the meeting ("in 2023", "since March 2024",
"at its December 2024 meeting"), never when it names a thing ("the 2024 books").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from bot.answer import plain_words
from bot.answer.body_words import BODY_NOUNS, GENERIC_BODY_WORDS, PLACE_QUALIFIERS
from bot.answer.models import Intent
from bot.answer.places import Named, named_places
from bot.answer.reading import Words, read
from index.lexicon import MONTH_RE, MONTHS
from index.schema import Where, item_filter
from index.words import STOPWORDS

_MONTH = r"(?P<{n}>" + MONTH_RE + r")\.?"

_UNREAD = read("")


@dataclass(frozen=True)
class Query:
    """A question as retrieval sees it, read once: every later stage takes this, not the text.

    ``text`` is the question with the phrases that became filters removed. ``bodies`` is
    empty for "any body". Dates are inclusive; ``last_meeting`` asks the caller to narrow
    to the most recent meeting date it holds (only the store knows which that is).
    ``context`` is an earlier question of the same thread (a follow-up's); ``places`` the
    places the question names (for the scope check). ``words`` are ``text`` read
    (:mod:`bot.answer.reading`); ``asked`` what is searched and judged: the earlier question
    and ``text`` (``words`` itself without one).
    """

    question: str
    text: str
    intent: str = Intent.DECISION
    bodies: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    last_meeting: bool = False
    cues: frozenset[str] = field(default_factory=frozenset)
    expansion: str = ""
    """Words the minutes use for what the question asks, added to the search text only (never
    to what an item must cover): "whose call is it?" is minuted as "delegate authority to …"."""
    context: str | None = None
    places: tuple[Named, ...] = ()
    words: Words = field(default=_UNREAD, compare=False, repr=False)
    asked: Words = field(default=_UNREAD, compare=False, repr=False)

    def __post_init__(self) -> None:
        # understand() passes what it read and dataclasses.replace passes it on; a Query
        # built by hand reads its own text here, so ``words`` always are ``text``'s.
        if self.words.text != self.text:
            object.__setattr__(self, "words", read(self.text))
        asked = f"{self.context}\n{self.text}" if self.context else self.text
        if self.asked.text != asked:
            object.__setattr__(self, "asked", self.words if asked == self.text else read(asked))

    @property
    def search_text(self) -> str:
        """What retrieval searches: the asked text and the minutes' words for it."""
        return f"{self.asked.text} {self.expansion}".strip()

    def where(self) -> Where | None:
        """The stored-record filter (Chroma's and the lexical index's) for the filters."""
        return item_filter(self.bodies, self.date_from, self.date_to)

    def filters(self) -> dict[str, Any]:
        """What we filtered on, for ``Answer.filters`` and the "searched only …" line."""
        out: dict[str, Any] = {}
        if self.bodies:
            out["bodies"] = list(self.bodies)
        if self.date_from:
            out["date_from"] = self.date_from.isoformat()
        if self.date_to:
            out["date_to"] = self.date_to.isoformat()
        if self.last_meeting:
            out["last_meeting"] = True
        return out

    def with_dates(self, date_from: date | None, date_to: date | None) -> Query:
        return replace(self, date_from=date_from, date_to=date_to)


def understand(
    question: str, known_bodies: Sequence[str], today: date, context: str | None = None
) -> Query:
    """Turn a question into intent, filters and search text, reading its words once."""
    spans: list[tuple[int, int]] = []
    date_from, date_to, last_meeting, date_spans = _dates(question, today)
    spans += date_spans
    bodies, body_spans = _bodies(question, known_bodies)
    spans += body_spans
    text = _remove(question, spans)
    return Query(
        question=question,
        text=text,
        intent=_intent(question),
        bodies=tuple(bodies),
        date_from=date_from,
        date_to=date_to,
        last_meeting=last_meeting,
        cues=_cues(question),
        expansion=_expansion(question),
        context=context,
        places=tuple(named_places(question)),
        words=read(text),
    )


# -- intent ----------------------------------------------------------------------------------

_HISTORY = re.compile(
    r"\b(over time|history|back ?story|timeline|so far|progress (on|of|with)|what came of|"
    r"where (has|have|is|are|did) .{0,80}\b(got|get|gotten|end(ed)? up|stand|now)\b|"
    r"what ha(ve|s) (we|they|the \w+|\w+) (actually )?(done|decided)|"
    r"all (the )?(decisions|resolutions)|every (decision|time)|(each|all) meetings?)\b",
    re.IGNORECASE,
)
_OUTSTANDING = re.compile(
    r"\b(outstanding|still (open|to do|to be done|pending|waiting)|not (yet )?(done|completed|"
    r"cleared)|overdue|open actions?|pending actions?|remain(s|ing)? (open|outstanding))\b",
    re.IGNORECASE,
)
# "when" asks for a date where it opens the question or a clause ("under the devolution
# timetable, when would …", "From when do …"), not inside one ("what happened when …").
_WHEN = re.compile(
    r"(?:^|[,;:]|\b(?:from|since|until|till|by|and|but|so))\s*(?:when|what date|on what date|"
    r"how long|until when)\b|^\s*(?:and|so|but)?\s*(?:when|what date)\b|\bby when\b|"
    r"\b(?:deadline|what date|due date|due by when)\b",
    re.IGNORECASE,
)
# A recorded vote: how members voted, how close it was, who backed or opposed it.
_VOTE = re.compile(
    r"\bhow (?:did|do|does|will|would|was|were) .{0,80}?\bvot(?:e|ed|ing)\b|"
    r"\bhow close\b|\btall(?:y|ies)\b|\bvote count\b|\brecorded vote\b|"
    r"\bwho (?:backed|supported|opposed|voted|abstained)\b|\bsit (?:it )?out\b|"
    r"\bhow many (?:votes|voted|members voted|councill?ors voted)\b|\bwas it unanimous\b|"
    r"\b(?:votes?|voted) (?:for and against|against it|for it)\b",
    re.IGNORECASE,
)
_OWNER = re.compile(
    r"\b(who(?:'s|’s| is| are| was| were| will| has| have)?\b.{0,40}?\b(owns?|responsible|"
    r"on it|taking|to do|doing|coming back|lobbying|pressing|asked|requested|bring(ing)?|agreed to|report"
    r"(ing)? back|leading|handling|following up|chasing|allowed|authori[sz]ed|delegated|"
    r"whose call|in charge)|whose (call|job|action|responsibility)|action owner|owner of)\b",
    re.IGNORECASE,
)


# Who may decide or change something: minutes record it as delegated authority ("Delegate
# authority to the Director of Public Health … to make non-substantial revisions"), a phrase
# such a question never uses.
_AUTHORITY = re.compile(
    r"\bwhose (?:call|decision|say|sign[- ]?off)\b|"
    r"\bwho (?:gets to |can |may |will |would )?(?:decides?|signs? (?:it )?off|has (?:the )?"
    r"(?:final say|last word|authority|power|sign[- ]?off))\b|"
    r"\bwho (?:gets to|can|may) (?:change|amend|tweak|update|revise|approve)\b",
    re.IGNORECASE,
)
AUTHORITY_TERMS = "delegated authority"


def _expansion(question: str) -> str:
    authority = AUTHORITY_TERMS if _AUTHORITY.search(question) else ""
    return f"{authority} {plain_words.expansion(question)}".strip()


def _intent(question: str) -> str:
    if _HISTORY.search(question):
        return Intent.HISTORY
    if _OUTSTANDING.search(question):
        return Intent.OUTSTANDING
    if _VOTE.search(question):
        return Intent.VOTE
    if _OWNER.search(question):
        return Intent.OWNER
    if _WHEN.search(question):
        return Intent.WHEN
    return Intent.DECISION


_CUES = {
    "vote": re.compile(
        r"\b(vote[ds]?|voting|how close|tally|unanimous(ly)?|who backed|backed it|majority|"
        r"for and against|sit it out|abstain\w*|recorded)\b",
        re.IGNORECASE,
    ),
    "amount": re.compile(
        r"\b(how much|how many|cost\w*|fees?|price\w*|spend\w*|budget\w*|funding|money|"
        r"£|\$|amount|figure|total|per[- ]household|maximum|share)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"\b(when|date|deadline|by when|until|due|close[sd]?|timetable|first elections?)\b",
        re.IGNORECASE,
    ),
    "person": re.compile(r"\bwho(se|m|'s|’s)?\b", re.IGNORECASE),
}


def _cues(question: str) -> frozenset[str]:
    return frozenset(name for name, rx in _CUES.items() if rx.search(question))


# -- dates -----------------------------------------------------------------------------------

_ORD = r"(?:st|nd|rd|th)?"
_DMY = re.compile(
    r"(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH.format(n="m") + r",?\s+(?P<y>\d{4})\b",
    re.IGNORECASE,
)
_MDY = re.compile(
    _MONTH.format(n="m") + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+(?P<y>\d{4})\b", re.IGNORECASE
)
_MY = re.compile(_MONTH.format(n="m") + r",?\s+(?P<y>\d{4})\b(?!\s*[-–/]\s*\d)", re.IGNORECASE)
_Y = re.compile(r"\b(?P<y>(?:19|20)\d{2})\b(?!\s*[-–/]\s*\d)(?![-–/]\d)")
_M = re.compile(r"\b" + _MONTH.format(n="m") + r"(?![\w-])", re.IGNORECASE)

_LEAD = re.compile(
    r"(?:\b(?P<lead>in|on|during|since|from|after|before|between|and|to|until|till|through|at|"
    r"held on|dated)\s+(?P<det>(?:the|its|their|our)\s+)?|\b(?:meeting|session)\s+(?P<of>on|of)"
    r"\s+)$",
    re.IGNORECASE,
)
_TRAIL_MEETING = re.compile(
    r"^\s*(?:(?:full\s+)?(?:council\s+|board\s+|budget\s+|cabinet\s+|committee\s+)?"
    r"(?:meeting|session|sitting))\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:at |in |from |during )?(?:the |our |its |their )?(?P<rel>last|latest|most recent|"
    r"previous)\s+(?:\w+\s+)?(?:meeting|session|sitting)\b|"
    r"\b(?P<lead>in|during|since|from|over)\s+(?:the\s+)?(?P<which>last|this|past)\s+"
    r"(?P<unit>year|month)\b|"
    r"\b(?:in|during|over)\s+the\s+(?:last|past)\s+(?P<n>\d{1,2}|two|three|six|twelve)\s+"
    r"(?P<units>months|years)\b",
    re.IGNORECASE,
)
_WORD_NUM = {"two": 2, "three": 3, "six": 6, "twelve": 12}
# A date phrase names the meeting only when it is led by one of these; "by"/"until" date a
# deadline inside the minutes, and leaving those in the search text is what finds them.
_MEETING_LEADS = {"in", "on", "during", "since", "from", "after", "before", "between", "at"}


@dataclass
class _DateHit:
    start: int
    end: int
    first: date
    last: date
    lead: str


def _dates(
    question: str, today: date
) -> tuple[date | None, date | None, bool, list[tuple[int, int]]]:
    hits: list[_DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rx, kind in ((_DMY, "day"), (_MDY, "day"), (_MY, "month"), (_Y, "year"), (_M, "bare")):
        for m in rx.finditer(question):
            if not free(m.start(), m.end()):
                continue
            span = _period(m, kind, today)
            if span is None:
                continue
            lead_m = _LEAD.search(question[: m.start()])
            trail = _TRAIL_MEETING.match(question[m.end() :])
            lead = ""
            if lead_m:
                lead = "on" if lead_m.group("of") else lead_m.group("lead").split()[0].lower()
                if lead_m.group("det") and not trail:
                    continue  # "from the 2026 update" names a thing, not a meeting date
            if lead not in _MEETING_LEADS | {"and", "to"} and not trail:
                continue
            if kind == "bare" and lead not in {"since", "from", "after", "before"}:
                continue  # "back in September": a bare month is too often a future plan
            start = lead_m.start() if lead_m else m.start()
            end = m.end() + (trail.end() if trail else 0)
            taken.append((m.start(), m.end()))
            hits.append(_DateHit(start, end, span[0], span[1], lead or "on"))
    hits.sort(key=lambda h: h.start)

    date_from: date | None = None
    date_to: date | None = None
    spans: list[tuple[int, int]] = []
    for i, hit in enumerate(hits):
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if hit.lead in ("between", "from") and nxt and nxt.lead in ("and", "to", "until", "till"):
            date_from, date_to = hit.first, nxt.last
            spans += [(hit.start, hit.end), (nxt.start, nxt.end)]
            break
        if hit.lead in ("and", "to", "until", "till"):
            # "through to 2027" dates a plan, not the meeting: no filter, so the words stay in
            # the search text (they are often the only ones the item's title shares).
            continue
        spans.append((hit.start, hit.end))
        if hit.lead in ("since", "from"):
            date_from = hit.first
        elif hit.lead == "after":
            date_from = _shift(hit.last, 1)
        elif hit.lead == "before":
            date_to = _shift(hit.first, -1)
        else:
            date_from, date_to = hit.first, hit.last
        break

    last_meeting = False
    for m in _RELATIVE.finditer(question):
        if m.group("rel"):
            last_meeting = True
        elif m.group("which"):
            unit, which = m.group("unit").lower(), m.group("which").lower()
            if unit == "year":
                year = today.year - (1 if which == "last" else 0)
                first, last = date(year, 1, 1), date(year, 12, 31)
                if which == "past" or m.group("lead").lower() == "over":
                    first, last = today - timedelta(days=365), today
            else:
                if which == "this":
                    first = today.replace(day=1)
                    last = today
                elif which == "past":
                    first, last = today - timedelta(days=31), today
                else:
                    prev = today.replace(day=1) - timedelta(days=1)
                    first, last = prev.replace(day=1), prev
            if date_from is None and date_to is None:
                date_from, date_to = first, last
                if (m.group("lead") or "").lower() in ("since", "from"):
                    date_to = None
        else:
            n_raw = m.group("n").lower()
            n = int(n_raw) if n_raw.isdigit() else _WORD_NUM[n_raw]
            days = n * (31 if m.group("units").lower() == "months" else 365)
            if date_from is None and date_to is None:
                date_from, date_to = today - timedelta(days=days), today
        spans.append((m.start(), m.end()))
    return date_from, date_to, last_meeting, spans


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept inside the calendar: "after 31 December 9999" is then
    a range no meeting falls in, not an OverflowError."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


_DAY_MONTH = re.compile(
    r"\b(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH.format(n="m") + r"(?![\w-])"
    r"(?:,?\s+(?P<y>\d{4})\b)?|"
    + _MONTH.format(n="m2")
    + r"\s+(?P<d2>\d{1,2})"
    + _ORD
    + r"\b(?:,?\s+(?P<y2>\d{4})\b)?",
    re.IGNORECASE,
)


def impossible_dates(question: str) -> tuple[str, ...]:
    """Day-and-month phrases no calendar has ("31 February", "30 Feb 2025", "29 February 2023"),
    as written: a filter built on them would silently match nothing, so the reply names them."""
    out = []
    for m in _DAY_MONTH.finditer(question):
        word = m.group("m") or m.group("m2")
        if word.lower() == "may" and word[0].islower():
            continue  # "it may 2" is not a date
        day = int(m.group("d") or m.group("d2"))
        month = MONTHS[word.lower()]
        raw_year = m.group("y") or m.group("y2")
        year = int(raw_year) if raw_year else 2024  # a leap year: 29 February may exist
        longest = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
        if day < 1 or day > longest:
            out.append(m.group(0).strip())
    return tuple(dict.fromkeys(out))


def _period(m: re.Match[str], kind: str, today: date) -> tuple[date, date] | None:
    try:
        if kind == "day":
            day = date(int(m.group("y")), MONTHS[m.group("m").lower()], int(m.group("d")))
            return day, day
        if kind == "month":
            year, month = int(m.group("y")), MONTHS[m.group("m").lower()]
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if kind == "year":
            year = int(m.group("y"))
            return date(year, 1, 1), date(year, 12, 31)
        word = m.group("m")
        if word.lower() == "may" and word[0].islower():
            return None  # the verb "may"
        month = MONTHS[word.lower()]
        year = today.year if month <= today.month else today.year - 1
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


# -- bodies ----------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z][\w&-]*(?:['’]s)?|&")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", "")))


def initials(name: str) -> set[str]:
    words = [
        w for w in re.findall(r"[A-Za-z][\w-]*", name) if w.lower() not in {"and", "of", "the"}
    ]
    out = set()
    if len(words) >= 2:
        out.add("".join(w[0] for w in words).upper())
        places = [w for w in words if w.lower() not in GENERIC_BODY_WORDS]
        rest = [w for w in words if w not in places[:1]]
        if places and len(rest) >= 2:
            out.add("".join(w[0] for w in rest).upper())
    return {x for x in out if len(x) >= 2}


def _places(name: str) -> set[str]:
    return {
        w.lower()
        for w in re.findall(r"[A-Za-z][\w-]*", name)
        if w.lower() not in GENERIC_BODY_WORDS and w[0].isupper()
    }


def _bodies(question: str, known_bodies: Sequence[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """Bodies the question names, and the character spans that named them."""
    if not known_bodies:
        return [], []
    tokens = list(_TOKEN.finditer(question))
    place_hits: dict[str, list[tuple[int, int, str | None]]] = {}
    for i, tok in enumerate(tokens):
        raw = tok.group(0)
        possessive = raw.lower().endswith(("'s", "’s"))
        word = raw[:-2] if possessive else raw
        noun: str | None = None
        end = tok.end()
        j = i + 1
        while j < len(tokens) and tokens[j].group(0).lower() in PLACE_QUALIFIERS:
            j += 1
        if possessive:
            # "Kent's extraordinary county council meeting": an adjective or two may stand
            # between a place and its body's name.
            k = j
            while k < min(j + 2, len(tokens)) and _is_adjective(tokens[k].group(0)):
                k += 1
                while k < len(tokens) and tokens[k].group(0).lower() in PLACE_QUALIFIERS:
                    k += 1
            if k < len(tokens) and tokens[k].group(0).lower().rstrip("s") in BODY_NOUNS:
                j = k
        if j < len(tokens) and tokens[j].group(0).lower().rstrip("s") in BODY_NOUNS | {"hwb"}:
            noun = tokens[j].group(0).lower().rstrip("s")
            end = tokens[j].end()
        if not possessive and noun is None:
            continue
        place_hits.setdefault(word.lower(), []).append((tok.start(), end, noun))

    q_norm = f" {_norm(question)} "
    strong: dict[str, tuple[int, int] | None] = {}
    cores = core_names(known_bodies)
    for body in known_bodies:
        full = _norm(re.sub(r"^\s*the\s+", "", body, flags=re.IGNORECASE))
        if full and f" {full} " in q_norm:
            strong[body] = _find_span(question, body)
            continue
        core = cores.get(body)
        if core and f" {_norm(core)} " in q_norm:
            strong[body] = _find_span(question, core)
            continue
        for acronym in initials(body) | (initials(cores[body]) if body in cores else set()):
            m = re.search(rf"\b{acronym}s?\b", question)
            other_place = place_hits and not (set(place_hits) & _places(body))
            if m and not other_place:  # "Trafford's HWB" is not the Wiltshire HWB
                strong[body] = (m.start(), m.end())
                break

    by_place: dict[str, list[str]] = {}
    for body in known_bodies:
        for place in _places(body):
            by_place.setdefault(place, []).append(body)

    chosen_place: set[str] = set()
    spans: list[tuple[int, int]] = [s for s in strong.values() if s]
    for place, hits in place_hits.items():
        candidates = by_place.get(place, [])
        if not candidates:
            continue
        nouns = {n for _, _, n in hits if n}
        narrowed = [b for b in candidates if any(n in _norm(b).split() for n in nouns)]
        chosen_place.update(narrowed or candidates)
        spans.extend((s, e) for s, e, _ in hits)

    if strong:
        # "KCC Cabinet" names both "Kent County Council" and "Kent County Council Cabinet":
        # the longer, more specific name wins.
        bodies = {b for b in strong if not any(o != b and o.startswith(b) for o in strong)}
        if chosen_place and bodies & chosen_place:
            bodies &= chosen_place
    else:
        bodies = chosen_place
    return sorted(bodies), spans


def _is_adjective(word: str) -> bool:
    """A lower-case word that may qualify a body's name ("extraordinary", "special", "new")."""
    return word.isalpha() and word.islower() and word not in STOPWORDS


def core_names(known_bodies: Sequence[str]) -> dict[str, str]:
    """Each body's name without the prefix it shares with the other bodies of its place.

    "City of London Planning and Environment Committee" → "Planning and Environment Committee",
    "Kent County Council Cabinet" → "Cabinet": how people name a body of their own council.
    """
    groups: dict[str, list[str]] = {}
    for body in known_bodies:
        for place in sorted(_places(body))[:1]:
            groups.setdefault(place, []).append(body)
    cores: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        split = [m.split() for m in members]
        prefix = 0
        while all(len(w) > prefix for w in split) and len({w[prefix] for w in split}) == 1:
            prefix += 1
        if prefix == 0:
            continue
        for body, words in zip(members, split, strict=True):
            rest = words[prefix:]
            if len(rest) >= 2 or (len(rest) == 1 and rest[0].lower() in BODY_NOUNS):
                cores[body] = " ".join(rest)
    return cores


def _find_span(question: str, body: str) -> tuple[int, int] | None:
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"^\s*the\s+", "", body, flags=re.IGNORECASE))
    if not words:
        return None
    rx = r"\W+".join(re.escape(w) for w in words)
    m = re.search(rx, question, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _remove(question: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return question.strip()
    keep = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        keep.append(question[pos:start])
        pos = max(pos, end)
    keep.append(question[pos:])
    text = re.sub(r"\s+", " ", "".join(keep)).strip()
    text = re.sub(r"\s+([?.,!])", r"\1", text)
    return text or question.strip()
