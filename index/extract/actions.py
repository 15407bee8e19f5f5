"""Find the actions in one agenda item: who is to do what, by when, and how it stands.

Minutes record actions in many ways: an ``Action – Vicky to …`` line with an ``Update – …``
line under it, a ``(Action: A/B)`` tag after a sentence, "Ms X agreed to deliver on the
action to …", "the Director … was asked to …", a promise made in discussion ("… assured
the Board that … would be shared"), or a resolution that gives someone work ("That the Head
of Libraries is to report back …", "the Mayor BE REQUESTED to …"). Every quoted field
(``text``, ``update``, ``quote``) is an exact substring of the item text, or of the resolution
passed in, which is itself a substring of the document. ``quote`` keeps the ``Action –``
marker ("Action – Vicky to contact …") or the resolution's marker, the line people quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from index.extract.resolutions import extract_resolutions
from index.extract.text import (
    Line,
    collapse_duplicate_title,
    split_lines,
    standalone_asides,
    strip_span,
)
from index.extract.vocabulary import DEFAULT, Vocabulary
from index.lexicon import MONTH_NAME_RE, PERSON_TITLES, sentence_spans
from index.models import Action, Resolution

_S = r"[ \t\u00a0]"
_MONTH = MONTH_NAME_RE
_NUMBER_WORD = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
)

_ACTION_LINE_RE = re.compile(rf"^{_S}*(?:Action|ACTION)\b{_S}*(?:[:–—-]{_S}*)?(?P<rest>\S.*)$")
_ACTION_TAG_RE = re.compile(rf"\((?:Action|ACTION){_S}*[:–—-]{_S}*(?P<owner>[^)\n]+?){_S}*\)")
_ACTION_TRAILER_RE = re.compile(rf"(?<=[.!?]){_S}+ACTION{_S}*:{_S}*(?P<owner>[A-Z][^.\n]*?){_S}*$")
_UPDATE_RE = re.compile(rf"^{_S}*Update\b{_S}*[:–—-]?{_S}*(?P<update>\S.*)$")
_STATUS_RE = re.compile(
    r"^(?P<status>cleared|completed?|closed|done|in progress|ongoing|outstanding|open|"
    r"carried forward|superseded)\b",
    re.IGNORECASE,
)
_AGREED_TO_RE = re.compile(
    rf"{_S}(?:agreed|offered|undertook|volunteered|promised){_S}+to{_S}+(?!note\b)"
)
_ASKED_TO_RE = re.compile(rf"{_S}(?:was|were){_S}+(?:asked|requested|tasked){_S}+to{_S}")
_PROMISE_RE = re.compile(
    rf"{_S}(?:assured|promised|undertook|committed){_S}+"
    rf"(?:the{_S}+(?:Board|Committee|Panel|Executive|Alliance|Council|Cabinet|meeting){_S}+|"
    rf"Members{_S}+|members{_S}+)?(?:that|to){_S}"
)
_WOULD_DO_RE = re.compile(
    r"\bwould(?:\s+be)?\s+(?:shared|circulated|provided|sent|brought|reported|published|"
    r"made available|share|circulate|provide|send|bring|report|publish|present|presented)\b"
)
_INVITED_RE = re.compile(
    rf"^(?P<who>.+?){_S}+(?:to{_S}+)?be{_S}+invited{_S}+to{_S}+"
    rf"(?:all{_S}+|the{_S}+next{_S}+|a{_S}+)?(?:future{_S}+)?meetings?\b"
)
_BE_DIRECTED_RE = re.compile(
    r"\sBE\s+(?:(?:REQUEST|DIRECT|ASK|INSTRUCT)[A-Z]*\b"
    r"|AUTHORI[SZ]ED\s+(?:to|TO)\s+(?!be\b))"
)
_IS_TO_RE = re.compile(rf"^{_S}*(?:is|are|should|will|shall|to){_S}+(?:be{_S}+asked{_S}+to{_S}+)?")
_DELEGATE_RE = re.compile(
    r"(?:\b[Dd]elegat(?:e|es|ed|ing)\s+(?:authority|powers?)\s+to"
    r"|\b[Dd]elegated\s+(?:authority|powers?)\s+(?:be|is|was|were)\s+(?:given|granted)\s+to"
    r"|\b[Dd]elegates?\s+to)"
    r"\s+(?:the\s+)?"
)
_PASSIVE_TASK_RE = re.compile(
    rf"(?<!would{_S})(?<!will{_S})(?<!could{_S})(?<!should{_S})(?<!\bto{_S})"
    rf"\b(?:be|is{_S}+to{_S}+be){_S}+(?:circulated|shared|sent|brought(?:{_S}+back)?|presented|"
    r"reported|published|provided|invited|arranged|submitted|forwarded|distributed|"
    rf"reviewed{_S}+again)\b|\bis{_S}+to{_S}+(?:come|return){_S}"
)
_DUE_RE = re.compile(
    rf"""
    \b(?P<phrase>
        (?:with)?in{_S}+(?:the{_S}+next{_S}+)?{_NUMBER_WORD}{_S}+(?:days?|weeks?|months?|years?)
      | (?:by|before|towards){_S}+the{_S}+end{_S}+of{_S}+(?:the{_S}+)?
        (?:financial{_S}+year|calendar{_S}+year|year|month|{_MONTH}(?:{_S}+\d{{4}})?|[A-Z]\w+)
      | (?:by|before|at|for){_S}+the{_S}+next{_S}+(?:meeting|Executive|Board|Committee|Panel)
      | (?:by|before){_S}+(?:\d{{1,2}}(?:st|nd|rd|th)?{_S}+)?{_MONTH}(?:{_S}+\d{{4}})?
      | (?:in|during){_S}+(?P<month>{_MONTH}(?:{_S}+\d{{4}})?)
      | (?:in|by){_S}+(?:the{_S}+)?(?:spring|summer|autumn|winter)(?:{_S}+\d{{4}})?
    )\b
    """,
    re.VERBOSE,
)
_LABEL_START_RE = re.compile(
    rf"^{_S}*(?:\(\w{{1,4}}\)|\w{{1,4}}\)|\d{{1,3}}\.|[A-Za-z]\.|[•·▪o*-](?={_S}))"
)
_ROLE_WORDS = {
    "director",
    "officer",
    "officers",
    "head",
    "chair",
    "chairman",
    "chairperson",
    "vice-chair",
    "manager",
    "lead",
    "leader",
    "mayor",
    "administration",
    "clerk",
    "secretary",
    "team",
    "commissioner",
    "coordinator",
    "co-ordinator",
    "administrator",
    "treasurer",
    "solicitor",
    "engineer",
    "member",
    "councillor",
    "cllr",
    "chief",
    "president",
    "superintendent",
    "inspector",
    "advisor",
    "adviser",
    "holder",
    "controller",
    "registrar",
    "auditor",
}
_COLLECTIVE = {
    "board",
    "executive",
    "committee",
    "sub-committee",
    "panel",
    "cabinet",
    "council",
    "alliance",
    "partnership",
    "forum",
    "group",
    "meeting",
    "members",
    "partners",
}
_CONNECTORS = {"of", "and", "for", "the", "&", "on", "in"}
_PERSON_RE = re.compile(rf"^{PERSON_TITLES}\.?{_S}")


def extract_actions(
    text: str, resolutions: Sequence[Resolution] = (), vocabulary: Vocabulary = DEFAULT
) -> list[Action]:
    """Every action in ``text``; resolutions that assign work become actions too.

    When no resolutions are passed in they are read from ``text`` with
    :func:`extract_resolutions`, so a caller with only the item text still gets them.
    ``vocabulary`` adds the format's own action sentence shapes (``action_patterns``).
    """
    if not resolutions:
        resolutions = extract_resolutions(text, vocabulary)
    lines = split_lines(text)
    found: list[tuple[int, Action]] = []
    found += _action_lines(text, lines)
    found += _action_tags(text, lines)
    for sentence_start, sentence_end in _sentences(text, lines):
        found += _sentence_actions(text, sentence_start, sentence_end, vocabulary)
    found += _resolution_actions(text, resolutions)
    return _dedupe(found)


# ----------------------------------------------------------------------------- explicit lines


def _action_lines(text: str, lines: list[Line]) -> list[tuple[int, Action]]:
    """``Action – Vicky to contact …`` (with the ``Update – …`` line under it)."""
    found = []
    for number, line in enumerate(lines):
        match = _ACTION_LINE_RE.match(line.text)
        if match is None:
            continue
        rest_start = line.start + match.start("rest")
        marker_start = line.start + len(line.text) - len(line.text.lstrip(" \t\u00a0"))
        rest = match["rest"]
        owner_match = re.match(rf"(?P<owner>[A-Z][^\s].*?){_S}+to{_S}+\S", rest)
        if owner_match is None or len(owner_match["owner"].split()) > 8:
            continue
        end = _wrapped_end(text, lines, number)
        start, end = strip_span(text, rest_start, end)
        update, status = _update_after(text, lines, number)
        action_text = text[start:end]
        found.append(
            (
                start,
                Action(
                    text=action_text,
                    owner=collapse_duplicate_title(owner_match["owner"]),
                    due=_due(action_text),
                    update=update,
                    status=status,
                    quote=text[marker_start:end],
                ),
            )
        )
    return found


def _wrapped_end(text: str, lines: list[Line], number: int) -> int:
    """End of the line, carried over following lines that continue it in lower case."""
    end = lines[number].end
    for line in lines[number + 1 :]:
        if line.blank or not line.stripped[:1].islower():
            break
        end = line.end
    return end


def _update_after(text: str, lines: list[Line], number: int) -> tuple[str | None, str | None]:
    for line in lines[number + 1 :]:
        if line.blank:
            continue
        match = _UPDATE_RE.match(line.text)
        if match is None:
            return None, None
        start, end = strip_span(text, line.start + match.start("update"), line.end)
        update = text[start:end]
        status = _STATUS_RE.match(update)
        return update, status["status"].lower() if status else None
    return None, None


def _action_tags(text: str, lines: list[Line]) -> list[tuple[int, Action]]:
    """``… sentence. (Action: A/B)`` and ``… sentence. ACTION: Team`` name the owner afterwards."""
    found = []
    for number, line in enumerate(lines):
        tags = [(m.start(), m["owner"]) for m in _ACTION_TAG_RE.finditer(line.text)]
        trailer = _ACTION_TRAILER_RE.search(line.text)
        if trailer is not None:
            tags.append((trailer.start(), trailer["owner"]))
        standalone = _ACTION_LINE_RE.match(line.text)
        if standalone is not None and not re.search(rf"{_S}to{_S}", standalone["rest"]):
            owner = standalone["rest"].strip()
            if owner[:1].isupper() and not owner.endswith(":") and len(owner.split()) <= 8:
                previous = _previous_sentence(text, lines, number)
                if previous is not None:
                    found.append((previous[0], _tagged(text, previous, owner)))
        for offset, owner in tags:
            start = line.start + offset
            sentence = _sentence_before(text, line, start)
            if sentence is not None:
                found.append((sentence[0], _tagged(text, sentence, owner)))
    return found


def _tagged(text: str, span: tuple[int, int], owner: str) -> Action:
    action_text = text[span[0] : span[1]]
    return Action(text=action_text, owner=collapse_duplicate_title(owner), due=_due(action_text))


def _sentence_before(text: str, line: Line, position: int) -> tuple[int, int] | None:
    prefix_end = strip_span(text, line.start, position)[1]
    if prefix_end <= line.start:
        return None
    spans = sentence_spans(text, line.start, prefix_end)
    return spans[-1] if spans else None


def _previous_sentence(text: str, lines: list[Line], number: int) -> tuple[int, int] | None:
    for line in reversed(lines[:number]):
        if not line.blank:
            return _sentence_before(text, line, line.end)
    return None


# ----------------------------------------------------------------------------- sentences


def _sentences(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Sentence spans. A sentence may run over PDF-wrapped lines, but not past a list label."""
    return [
        span
        for run_start, run_end in _runs(lines)
        for span in sentence_spans(text, run_start, run_end)
    ]


def _runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Consecutive lines that read as one paragraph (a line not ending a sentence wraps on;
    a bracketed aside such as a vote tally stands alone)."""
    runs: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous = ""
    alone = standalone_asides(lines)
    for index, line in enumerate(lines):
        if line.blank:
            current, previous = None, ""
            continue
        wraps = (
            current is not None
            and previous.rstrip()[-1:] not in ".!?:;"
            and index - 1 not in alone
            and index not in alone
            and not _LABEL_START_RE.match(line.text)
            and not _ACTION_LINE_RE.match(line.text)
            and not _UPDATE_RE.match(line.text)
        )
        if wraps and current is not None:
            current = (current[0], line.end)
            runs[-1] = current
        else:
            current = (line.start, line.end)
            runs.append(current)
        previous = line.text
    return runs


def _sentence_actions(
    text: str, start: int, end: int, vocabulary: Vocabulary
) -> list[tuple[int, Action]]:
    sentence = text[start:end]
    if _ACTION_LINE_RE.match(sentence) or _UPDATE_RE.match(sentence):
        return []
    body_start = _after_label(sentence)
    found = []
    for pattern, needs_would in (
        (_AGREED_TO_RE, False),
        (_ASKED_TO_RE, False),
        (_PROMISE_RE, True),
    ):
        match = pattern.search(sentence, body_start)
        if match is None or (needs_would and not _WOULD_DO_RE.search(sentence, match.end())):
            continue
        owner = _owner_before(sentence, match.start(), body_start)
        if owner is None:
            continue
        span = strip_span(text, start + body_start, end)
        action_text = text[span[0] : span[1]]
        found.append((span[0], Action(text=action_text, owner=owner, due=_due(action_text))))
        break
    if not found:
        found += _vocabulary_actions(text, start, end, body_start, vocabulary)
    invited = _INVITED_RE.match(sentence, body_start)
    if invited is not None and not found and not sentence[body_start:].startswith("That"):
        span = strip_span(text, start + body_start, end)
        action_text = text[span[0] : span[1]]
        found.append((span[0], Action(text=action_text, owner=None, due=_due(action_text))))
    return found


def _vocabulary_actions(
    text: str, start: int, end: int, body_start: int, vocabulary: Vocabulary
) -> list[tuple[int, Action]]:
    """The sentence as an action when it opens in one of the format's action shapes."""
    sentence = text[start:end]
    for pattern in vocabulary.action_patterns:
        match = pattern.match(sentence, body_start)
        if match is None:
            continue
        owner = match["owner"]
        if not _is_person_or_role(owner):
            continue
        span = strip_span(text, start + body_start, end)
        action_text = text[span[0] : span[1]]
        named = collapse_duplicate_title("the" + owner[3:] if owner.startswith("The ") else owner)
        return [(span[0], Action(text=action_text, owner=named, due=_due(action_text)))]
    return []


def _after_label(sentence: str) -> int:
    """Skip a leading list label such as ``(k)\u00a0 `` so it is not quoted as the action."""
    match = re.match(rf"{_S}*(?:\(\w{{1,4}}\)|\w{{1,3}}[.)]|[·•o-])(?={_S}|[A-Z]){_S}*", sentence)
    return match.end() if match else 0


def _owner_before(sentence: str, position: int, floor: int) -> str | None:
    """The person or role named just before ``position``: "Ms Varshney", "the Director of …"."""
    words = list(re.finditer(r"[^\s]+", sentence[floor:position]))
    taken: list[str] = []
    for word in reversed(words):
        token = word.group().strip(",;:()")
        if token != word.group():
            break
        if token[:1].isupper() or token in _CONNECTORS:
            taken.append(token)
            if token.lower() == "the":
                break
            continue
        break
    taken.reverse()
    while taken and taken[0] in {"That", "And", "But", "Then"}:
        taken.pop(0)
    while taken and taken[0].lower() in _CONNECTORS - {"the"}:
        taken.pop(0)
    while taken and taken[-1].lower() in _CONNECTORS:
        taken.pop()
    if not taken:
        return None
    phrase = " ".join(taken)
    if taken[0] == "The":
        phrase = "the" + phrase[3:]
    if not _is_person_or_role(phrase):
        return None
    return collapse_duplicate_title(phrase)


def _is_person_or_role(phrase: str) -> bool:
    words = [w.lower() for w in phrase.split()]
    if not words:
        return False
    if _PERSON_RE.match(phrase + " "):
        return True
    content = [w for w in words if w not in _CONNECTORS]
    if content[-2:] == ["chief", "executive"]:
        return True  # the officer, not "the Executive"
    if "of" in words and any(w in _ROLE_WORDS for w in words[: words.index("of")]):
        return True  # "the Chair of Northmoor Youth Council": the holder of a post of a body
    if not content or content[-1] in _COLLECTIVE or content[0] in _COLLECTIVE:
        return False
    if any(w in _ROLE_WORDS for w in content):
        return True
    # A bare first name or first-and-last name ("Vicky", "Mel Ormesher"), as in action logs.
    return words[0] != "the" and len(content) <= 2 and content[0] not in {"it", "they", "he", "she"}


# ----------------------------------------------------------------------------- resolutions


def _resolution_actions(text: str, resolutions: Sequence[Resolution]) -> list[tuple[int, Action]]:
    found = []
    for resolution in resolutions:
        action = _action_from_resolution(resolution.text)
        if action is None:
            continue
        if resolution.quote is not None:
            action = replace(action, quote=resolution.quote)
        offset = text.find(resolution.text)
        found.append((offset if offset >= 0 else len(text), action))
    return found


def _action_from_resolution(sentence: str) -> Action | None:
    """Work a resolution gives someone: "That the X is to …", "the Mayor BE REQUESTED to …"."""
    due = _due(sentence)
    directed = _BE_DIRECTED_RE.search(sentence)
    if directed is not None:
        owner = _owner_before_keep_article(sentence, directed.start())
        return Action(text=sentence, owner=owner, due=due)
    delegate = _DELEGATE_RE.search(sentence)
    if delegate is not None:
        owner = _owner_after(sentence, delegate.end())
        if owner is not None:
            return Action(text=sentence, owner=collapse_duplicate_title(owner), due=due)
    subject = re.match(rf"{_S}*(?:(?:That|that){_S}+)?(?:the{_S}+)?", sentence)
    if subject is not None:
        owner = _owner_after(sentence, subject.end())
        if owner is not None:
            after = subject.end() + len(owner)
            rest = sentence[after:]
            named = collapse_duplicate_title(owner)
            if _IS_TO_RE.match(rest) and not re.match(rf"{_S}*(?:is|are){_S}+to{_S}+be\b", rest):
                return Action(text=sentence, owner=named, due=due)
            verb = re.match(r"\s+([a-z]+)\b", rest)
            if verb and verb.group(1) not in {"be", "been", "was", "were", "has", "have", "had"}:
                return Action(text=sentence, owner=named, due=due)
    if _PASSIVE_TASK_RE.search(sentence):
        return Action(text=sentence, owner=None, due=due)
    return None


def _owner_after(sentence: str, position: int) -> str | None:
    """The role named from ``position``: capitalised words joined by of/and/&/for."""
    words = list(re.finditer(r"\S+", sentence[position:]))
    taken: list[re.Match[str]] = []
    for index, word in enumerate(words):
        token = word.group()
        if token.isupper() and len(token) > 1 and token.isalpha() and taken:
            break  # "Civic Administration BE DIRECTED": the shouted verb is not the name
        if token[:1].isupper() or token in _CONNECTORS - {"the", "in", "on"}:
            taken.append(word)
            if token.endswith(",") and index + 1 < len(words):
                following = words[index + 1].group()
                if following[:1].isupper() or following == "&":
                    continue  # "Director for Growth, Environment & Transport"
            if token != token.rstrip(",;:."):
                break
            continue
        break
    while taken and taken[-1].group().rstrip(",;:.").lower() in _CONNECTORS:
        taken.pop()
    if not taken:
        return None
    end = position + taken[-1].end()
    phrase = sentence[position:end].rstrip(",;:.")
    has_role = any(w.lower() in _ROLE_WORDS for w in phrase.split())
    if not _is_person_or_role(phrase) or not (has_role or _PERSON_RE.match(phrase + " ")):
        return None
    return phrase


def _strip_lead(subject: str) -> str:
    """Drop a label and "and that" / "That," before a motion's subject."""
    return re.sub(r"^\s*(?:\(?\w{1,3}[.)]\s+)?(?:and\s+)?(?:That|that)?,?\s*", "", subject).rstrip(
        " ,;:"
    )


def _owner_before_keep_article(sentence: str, position: int) -> str | None:
    """Whoever a North-American motion names before "BE DIRECTED/REQUESTED/AUTHORIZED to".

    The subject is taken as printed ("the Mayor and the City Clerk", "Agencies, Boards and
    Commissions of the City"); no role check, since a motion can direct any named body.
    """
    subject = _strip_lead(sentence[:position])
    words = subject.split()
    if words and ((words[0][:1].islower() and words[0] != "the") or words[0] == "Notwithstanding"):
        words = re.split(r",\s+", subject)[-1].split()  # "subject to …, the Civic Administration"
    if len(words) > 12:
        tail = _strip_lead(re.split(r"[,;:]\s+|\s+and\s+that\s+", subject)[-1]).split()
        words = tail if 0 < len(tail) <= 12 else []
    if not words:
        return _owner_before(sentence, position, 0)
    if words[0] == "The":
        words[0] = "the"
    return " ".join(words)


# ----------------------------------------------------------------------------- due & dedupe


def _due(sentence: str) -> str | None:
    """When the action is due, as the minutes phrase it ("in three months", "September")."""
    match = _DUE_RE.search(sentence)
    if match is None:
        return None
    return " ".join((match["month"] or match["phrase"]).split())


def _dedupe(found: list[tuple[int, Action]]) -> list[Action]:
    """One action per quoted text; the first form found (explicit Action lines/tags) wins."""
    seen: set[str] = set()
    kept: list[tuple[int, Action]] = []
    for offset, action in found:
        if action.text in seen:
            continue
        seen.add(action.text)
        kept.append((offset, action))
    kept.sort(key=lambda pair: pair[0])
    return [action for _, action in kept]


def item_actions(
    body: str, resolutions: Sequence[Resolution] = (), vocabulary: Vocabulary = DEFAULT
) -> list[Action]:
    """The actions of one item's text, keeping only those quoted verbatim from it (a guard:
    an action that is not a substring of its item could never be shown)."""
    return [
        a if a.quote is None or a.quote in body else replace(a, quote=None)
        for a in extract_actions(body, resolutions=resolutions, vocabulary=vocabulary)
        if a.text in body
    ]
