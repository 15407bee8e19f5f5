"""Who an action belongs to, as one name however the minutes spell it.

Minutes name the same officer many ways: "the Director of Public Health", "DPH", "Director of
Public Health (Kate Blackburn)", "Cllr Bradley" and "Councillor Bradley", "Cllr Cllr Okafor".
There is no list of posts to check against, so the grouping is learned from the owners the
index holds: an owner's *key* drops leading articles, personal titles and a parenthesised
name; an initialism joins the one key whose words it abbreviates; a parenthesised name joins
its post; a lone first name or surname joins the one full name it is part of at the same
body (a "Vicky" of one partnership is not a "Vicky Willett" of another). Anything
ambiguous is left apart, since a wrong merge would hand one person's actions to another.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from index.extract.text import collapse_duplicate_title
from index.lexicon import PERSON_TITLES

_TITLES_RE = re.compile(rf"^(?:(?:the|our)\s+)?(?:{PERSON_TITLES}\.?\s+)+", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"^(?:the|our)\s+", re.IGNORECASE)
_PAREN_RE = re.compile(r"\s*\(([^()]*)\)")
_SPLIT_RE = re.compile(r"\s*/\s*")
_JOINERS = {"of", "and", "for", "the", "&", "on", "in", "to", "at"}
_INITIALISM_RE = re.compile(r"^[A-Z][A-Za-z]{1,6}$")
_ROLE_HINTS = {
    "director",
    "head",
    "officer",
    "officers",
    "chair",
    "manager",
    "lead",
    "leader",
    "team",
    "executive",
    "board",
    "clerk",
    "mayor",
    "administration",
    "council",
    "member",
    "members",
}


def split_owners(owner: str) -> list[str]:
    """``Helen Marsh/Owen Price`` is two owners; each is a name as written."""
    return [part for part in _SPLIT_RE.split(owner.strip()) if part]


def owner_key(owner: str) -> str:
    """The comparable form: no article, titles or parenthesised name, lower case."""
    text = _PAREN_RE.sub("", collapse_duplicate_title(owner)).strip(" ,.;:")
    text = _TITLES_RE.sub("", text)
    text = _ARTICLE_RE.sub("", text)
    return " ".join(text.lower().split())


def parenthesised(owner: str) -> str | None:
    """The name in brackets after a post, "Director of Public Health (Kate Blackburn)"."""
    match = _PAREN_RE.search(owner)
    return owner_key(match.group(1)) if match and match.group(1).strip() else None


def initials(key: str) -> str:
    """The letters an initialism of ``key`` would use: "director of public health" → "dph"."""
    return "".join(w[0] for w in key.split() if w not in _JOINERS and w[:1].isalnum())


def is_initialism(written: str) -> bool:
    """ "DPH", "PMO", "CEx": a short word that is mostly capitals."""
    bare = owner_key(written)
    if " " in bare or not _INITIALISM_RE.match(written.strip().split()[-1]):
        return False
    word = written.strip().split()[-1]
    return sum(c.isupper() for c in word) >= max(2, len(word) - 1)


def _is_person(key: str) -> bool:
    words = key.split()
    return 1 < len(words) <= 3 and not any(w in _ROLE_HINTS or w in _JOINERS for w in words)


@dataclass
class Owners:
    """The owner groups of one register: key → group name, and each group's written forms."""

    group_of: dict[str, str] = field(default_factory=dict)
    written: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def learn(cls, names: Iterable[tuple[str, str | None]]) -> Owners:
        """Groups from ``(owner as written, body)`` pairs, every action's owner in the index."""
        written_by_key: dict[str, Counter[str]] = {}
        parens: dict[str, str] = {}
        bodies: dict[str, set[str | None]] = {}
        for name, body in names:
            for part in split_owners(name):
                key = owner_key(part)
                if not key:
                    continue
                written_by_key.setdefault(key, Counter())[_shown(part)] += 1
                bodies.setdefault(key, set()).add(body)
                named = parenthesised(part)
                if named:
                    parens[named] = key
        for named in parens:  # the person is a name to ask by, even if never written alone
            written_by_key.setdefault(named, Counter())
        parent = {key: key for key in written_by_key}

        def find(key: str) -> str:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        def join(a: str, b: str) -> None:
            root_a, root_b = find(a), find(b)
            if root_a != root_b:  # the longer key names the group: it says the most
                keep, drop = sorted((root_a, root_b), key=lambda k: (-len(k), k))
                parent[drop] = keep

        keys = list(written_by_key)
        for named, post in parens.items():
            join(named, post)
        for key in keys:
            forms = written_by_key[key]
            if any(is_initialism(form) for form in forms):
                matches = {k for k in keys if k != key and " " in k and initials(k) == key}
                if len({find(m) for m in matches}) == 1:
                    join(key, matches.pop())
            elif " " not in key and not _is_role_word(key):
                people = {
                    k
                    for k in keys
                    if _is_person(k)
                    and key in (k.split()[0], k.split()[-1])
                    and bodies[k] & bodies[key]
                }
                if len({find(p) for p in people}) == 1:
                    join(key, people.pop())
        owners = cls()
        for key in keys:
            root = find(key)
            owners.group_of[key] = root
            owners.written.setdefault(root, Counter()).update(written_by_key[key])
        return owners

    def group(self, owner: str | None) -> str | None:
        """The group key of an owner as written (its first name when several share it)."""
        if not owner:
            return None
        parts = split_owners(owner)
        key = owner_key(parts[0]) if parts else ""
        return self.group_of.get(key, key or None)

    def groups(self, owner: str | None) -> list[str]:
        """Every group an owner as written belongs to ("A/B" is in two)."""
        if not owner:
            return []
        return [self.group_of.get(k, k) for k in map(owner_key, split_owners(owner)) if k]

    def name(self, group: str | None) -> str | None:
        """How to show a group: its most used written form, the fullest on a tie."""
        if group is None:
            return None
        forms = self.written.get(group)
        if not forms:
            return group
        own = [f for f in forms if owner_key(f) == group] or list(forms)
        return max(own, key=lambda f: (forms[f], "(" not in f, len(f), f))

    def find(self, asked: str) -> str | None:
        """The group an asked-for name means, or None when the register does not know it."""
        key = owner_key(asked)
        if not key:
            return None
        if key in self.group_of:
            return self.group_of[key]
        if " " not in key:
            by_initials = {g for k, g in self.group_of.items() if " " in k and initials(k) == key}
            if len(by_initials) == 1:
                return by_initials.pop()
            by_name = {g for k, g in self.group_of.items() if _is_person(k) and key in k.split()}
            if len(by_name) == 1:
                return by_name.pop()
        return None

    def closest(self, asked: str, limit: int = 3) -> list[str]:
        """Known owners nearest an unknown name: close spellings first, then shared words."""
        key = owner_key(asked) or asked.lower()
        groups = sorted(set(self.group_of.values()))
        near = difflib.get_close_matches(key, groups, n=limit, cutoff=0.5)
        words = set(key.split()) - _JOINERS
        sharing = sorted(
            (g for g in groups if words & set(g.split()) and g not in near),
            key=lambda g: (-len(words & set(g.split())), g),
        )
        return [name for g in [*near, *sharing][:limit] if (name := self.name(g))]


def _is_role_word(key: str) -> bool:
    return key in _ROLE_HINTS


def _shown(written: str) -> str:
    """A written form fit to show: no duplicated title, no leading article."""
    return _ARTICLE_RE.sub("", collapse_duplicate_title(written).strip(" ,.;:"))
