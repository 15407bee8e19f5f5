"""What our buttons carry in ``value`` (at most 2,000 characters, Slack's limit).

Buttons hold the question itself rather than a key into server memory, so "Show more",
"Share in channel" and feedback still work after a restart or on another replica. Because
the value comes back to us in a request, decoding checks every field and raises
:class:`BadButtonValue` (never a bare ``KeyError``) so a listener can answer the click with a
short message instead of an HTTP 500 or silence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_VALUE = 2000
MAX_OFFSET = 1000  # far past any real "Show more" chain; bounds the retrieval a click can ask for
MAX_IDS = 50
_TEXT_BUDGET = 1800


class BadButtonValue(ValueError):
    """A button value we did not write (or wrote in an older, incompatible form)."""


@dataclass(frozen=True)
class Page:
    """A question, its thread context and which matches to show from.

    ``full``: every quote of each item (what "Show more" asks for); a first page without it
    is the short first screen (:func:`bot.slack.render.blocks.answer_messages`).
    """

    question: str
    context: str | None = None
    offset: int = 0
    full: bool = False


def encode_page(page: Page) -> str:
    budget = _TEXT_BUDGET // (2 if page.context else 1)
    data: dict[str, object] = {
        "q": page.question[:budget],
        "c": (page.context or "")[:budget],
        "o": page.offset,
    }
    if page.full:
        data["f"] = 1
    return _dump(data)


def decode_page(value: object) -> Page:
    """The page a "Show more" or "Share" button asks for; the offset must be 0…MAX_OFFSET."""
    data = _load(value)
    question = _text(data, "q")
    context = data.get("c")
    if context is not None and not isinstance(context, str):
        raise BadButtonValue(f"'c' is {type(context).__name__}, not text")
    offset = data.get("o")
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise BadButtonValue(f"'o' is {type(offset).__name__}, not a whole number")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadButtonValue(f"'o' is {offset}, outside 0…{MAX_OFFSET}")
    full = data.get("f", 0)
    if full not in (0, 1) or isinstance(full, float):
        raise BadButtonValue(f"'f' is {full!r}, not 0 or 1")
    return Page(question=question, context=context or None, offset=offset, full=bool(full))


def encode_feedback(question: str, item_ids: Sequence[str]) -> str:
    ids = list(item_ids)
    room = MAX_VALUE - len(_dump({"q": "", "ids": ids})) - 50
    return _dump({"q": question[: max(room, 0)], "ids": ids})


def decode_feedback(value: object) -> tuple[str, list[str]]:
    """The question and item IDs a 👍/👎 button was shown with."""
    data = _load(value)
    question = _text(data, "q")
    ids = data.get("ids", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadButtonValue("'ids' is not a list of item IDs")
    if len(ids) > MAX_IDS:
        raise BadButtonValue(f"'ids' holds {len(ids)} IDs, more than {MAX_IDS}")
    return question, list(ids)


def _load(value: object) -> dict[str, Any]:
    if not isinstance(value, str):
        raise BadButtonValue(f"value is {type(value).__name__}, not text")
    if len(value) > MAX_VALUE:
        raise BadButtonValue(f"value of {len(value)} characters exceeds {MAX_VALUE}")
    try:
        data = json.loads(value)
    except json.JSONDecodeError as exc:
        raise BadButtonValue(f"value is not JSON ({exc.msg})") from None
    except RecursionError:  # nested a thousand deep: the decoder runs out of stack
        raise BadButtonValue("value is nested too deeply") from None
    if not isinstance(data, dict):
        raise BadButtonValue(f"value is a JSON {type(data).__name__}, not an object")
    return data


def _text(data: dict[str, Any], key: str) -> str:
    text = data.get(key)
    if not isinstance(text, str):
        raise BadButtonValue(f"'{key}' is {type(text).__name__}, not text")
    return text


def _dump(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_VALUE:
        raise ValueError(f"button value of {len(text)} characters exceeds {MAX_VALUE}")
    return text
