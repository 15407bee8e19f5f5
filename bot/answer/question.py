"""Question understanding without an LLM: intent, body and date filters, and search text.

Everything here is rules over the words of the question, because a filter we cannot explain
is worse than none: a wrong body or date filter silently hides the right answer. The bodies a
question names are found by :mod:`bot.answer.body_names`, the meeting dates it names by
:mod:`bot.answer.meeting_dates`; this module reads the intent, the cues and the minutes' words
for what is asked, and puts them together in one :class:`Query`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.answer import numbers, plain_words
from bot.answer.body_names import named_bodies
from bot.answer.meeting_dates import meeting_dates
from bot.answer.models import Intent
from bot.answer.places import Named, named_places
from bot.answer.reading import Words, read
from index.schema import Where, item_filter
from index.words import tokenize

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
    date_from, date_to, last_meeting, date_spans = meeting_dates(question, today)
    spans += date_spans
    bodies, body_spans = named_bodies(question, known_bodies)
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
# "Has X come up before?", "have we discussed the pools before?", "any previous decisions on
# bike lanes?": whether (and when) a matter came up at earlier meetings, a history question.
# "Before" counts only ending the clause: "decided before March" asks about a date.
_BEFORE = re.compile(
    r"\b(?:come|came|been|brought|raised|discussed|considered|debated|looked at|talked about|"
    r"on (?:the|an?) (?:\w+ ){0,3}?agenda)\b[^?.!;]{0,60}?(?:\bbefore\s*(?=[?.!,;]|$)|"
    r"\bbefore (?:the|its|that|this|it) (?:\w+ ){0,3}?(?:meeting|mtg|vote|decision)\b|"
    r"\bpreviously\b|\bin the past\b)|"
    r"\b(?:at|on) (?:an|any) (?:earlier|previous|prior) (?:\w+ )?(?:meetings?|agendas?)\b|"
    r"\b(?:any|the) (?:previous|earlier|past|prior) (?:decisions?|discussions?|reports?)\b",
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
ANY_MEMBER = r"\b(?:anyone|anybody|any (?:members?|councill?ors?))\s+"
"""Who a "did anyone …" question asks about: "did anyone vote against", "did any councillors
object" (the vote intent here, the against-voters in :mod:`bot.answer.vote_lead`)."""
_VOTE = re.compile(
    r"\bhow (?:did|do|does|will|would|was|were) .{0,80}?\bvot(?:e|ed|ing)\b|"
    r"\bhow close\b|\btall(?:y|ies)\b|\bvote count\b|\brecorded vote\b|"
    r"\bwho (?:backed|supported|opposed|voted|abstained|moved|seconded)\b|\bsit (?:it )?out\b|"
    r"\bwho (?:proposed|put forward|brought forward) the (?:motion|amendment)\b|"
    r"\bhow many (?:votes|voted|members voted|councill?ors voted)\b|"
    r"\b(?:votes?|voted) (?:for and against|against it|for it)\b|"
    r"\bunanim\w*|\bwhat was the (?:vote|voting)\b|\bvot(?:e|ing) (?:results?|outcomes?|breakdown|split)\b|"
    r"\b(?:everyone|everybody|all (?:the )?(?:members|councill?ors)) (?:vote|voted)\b|"
    r"\bvot(?:e|ed|ing) (?:it |that |this |them )?down\b|"
    r"\b(?:pass(?:ed)?|carried|approved) or (?:was it )?(?:fail(?:ed)?|lost|defeated|rejected)\b|"
    + ANY_MEMBER
    + r"(?:vote|voted|object|objected|oppose|opposed|dissent|dissented)\b",
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
    spelt = " ".join(w for t in tokenize(question) for w in numbers.words_for(t))
    return f"{authority} {plain_words.expansion(question)} {spelt}".strip()


def _intent(question: str) -> str:
    if _HISTORY.search(question) or _BEFORE.search(question):
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
