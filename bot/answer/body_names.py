"""The council bodies a question names, and where it names them.

A body filter is set only when the question clearly *names a body*: its full name, its
initials, "Kent's …", "the Trafford board", "London city council"; never for a place that is
just part of a topic ("the Kent and Medway integrated care strategy"), since a wrong filter
silently hides the right answer. The vocabulary of body names is :mod:`bot.answer.body_words`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer.body_words import BODY_NOUNS, GENERIC_BODY_WORDS, PLACE_QUALIFIERS
from index.words import STOPWORDS

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


def named_bodies(
    question: str, known_bodies: Sequence[str]
) -> tuple[list[str], list[tuple[int, int]]]:
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
        narrowed = [
            b
            for b in candidates
            if any(n in _norm(b).split() or n.upper() in initials(b) for n in nouns)
        ]
        if nouns and not narrowed:
            # "kent hwb" when no Kent body is a board: the question names a body the index
            # holds under no name of that place (the scope check decides whether minutes that
            # state no body may be its); filtering to the place's other bodies would hide them.
            continue
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
