"""A sentence split once (`wordsplit.Split`): the plain sentences by whitespace, the others by the token
regex, with the same tokens, words and marks either way."""

from __future__ import annotations

import pytest

from sosfs_check.wordsplit import Split


@pytest.mark.parametrize(("text", "tokens", "words", "marks"), [
    ("Rutinen reviderades under året.", ["rutinen", "reviderades", "under", "året"],
     ["rutinen", "reviderades", "under", "året"], []),
    ("Under 2021 infördes nya rutiner, som följs upp.", ["under", "2021", "infördes", "nya", "rutiner", "som", "följs", "upp"],
     ["under", "infördes", "nya", "rutiner", "som", "följs", "upp"], [(4, ",")]),
    ("Fallen (14 st) – minskade.", ["fallen", "14", "st", "minskade"], ["fallen", "st", "minskade"],
     [(1, "("), (2, ")"), (2, "–")]),
    ("Ett möte - varje vecka", ["ett", "möte", "varje", "vecka"], ["ett", "möte", "varje", "vecka"], [(2, " - ")]),
    ("Mötet var kort..", ["mötet", "var", "kort"], ["mötet", "var", "kort"], []),
    ("", [], [], []),
])
def test_tokens_words_and_marks(text, tokens, words, marks):
    split = Split(text)
    assert (split.lower, split.tokens, split.words, split.marks) == (text.lower(), tokens, words, marks)
    assert split.after_mark == {place for place, mark in marks if mark in ",;:"}
