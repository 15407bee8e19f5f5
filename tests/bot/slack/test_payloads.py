"""Button values come back in requests: decoding accepts what we wrote and names what it cannot
read (the listeners turn BadButtonValue into a short message; see test_serve_probes.py)."""

from __future__ import annotations

import json

import pytest

from bot.slack.render.payloads import (
    MAX_OFFSET,
    MAX_VALUE,
    BadButtonValue,
    Page,
    decode_feedback,
    decode_page,
    encode_feedback,
    encode_page,
)


@pytest.mark.parametrize(
    "page",
    [Page("what about libraries?"), Page("and who owns it?", "the library review", 3)],
)
def test_what_we_write_reads_back(page):
    assert decode_page(encode_page(page)) == page
    assert decode_feedback(encode_feedback(page.question, ["a", "b"])) == (
        page.question,
        ["a", "b"],
    )


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        (None, "not text"),
        ("", "not JSON"),
        ("{", "not JSON"),
        ("[1]", "JSON list"),
        ('{"c": "", "o": 0}', "'q'"),
        ('{"q": 5, "o": 0}', "'q'"),
        ('{"q": "x", "c": 3, "o": 0}', "'c'"),
        ('{"q": "x", "o": "2"}', "'o'"),
        ('{"q": "x", "o": true}', "'o'"),
        ('{"q": "x", "o": 1.5}', "'o'"),
        ('{"q": "x", "o": -1}', "outside"),
        (json.dumps({"q": "x", "o": MAX_OFFSET + 1}), "outside"),
        ("x" * (MAX_VALUE + 1), "exceeds"),
    ],
)
def test_a_page_value_we_did_not_write_is_named(value, complaint):
    with pytest.raises(BadButtonValue, match=complaint):
        decode_page(value)


@pytest.mark.parametrize(
    "value",
    ['{"ids": []}', '{"q": "x", "ids": "a"}', '{"q": "x", "ids": [1]}', '{"q": "x", "ids": {}}'],
)
def test_a_feedback_value_we_did_not_write_is_named(value):
    with pytest.raises(BadButtonValue):
        decode_feedback(value)
