"""The tokenizer BM25 and the answerer share: hashtags, CamelCase and inflections."""

from __future__ import annotations

from index.words import tokenize


def test_hashtag_spellings_and_inflections_meet():
    assert set(tokenize("#FutureTrafford")) >= set(tokenize("#Future Trafford"))
    assert tokenize("adopted") == tokenize("adopts") == tokenize("adopting")
    assert tokenize("libraries") == tokenize("library")
