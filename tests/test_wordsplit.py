"""A sentence split once (`wordsplit.Split`): the plain sentences by whitespace, the others part by part
(the token regex only for a part that is no word or number as it stands, or the whole text when a dash
stands alone), with the same tokens, words and marks as the token regex over the whole text."""

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
    # parts read as they stand (a word, a number), the others by the token regex
    ("Covid19-läget: 12 fall, 3,5 %", ["covid19", "läget", "12", "fall", "3", "5"], ["covid", "läget", "fall"],
     [(2, ":"), (3, ","), (3, ",")]),
    ("Team_a ²   x", ["team_a", "²", "x"], ["team", "a", "²", "x"], []),
    # a dash alone between spaces is a mark; two in a row share the space between them
    ("A - - b -c - ", ["a", "b", "c"], ["a", "b", "c"], [(1, " - "), (3, " - ")]),
    ("A\t-\nb", ["a", "b"], ["a", "b"], [(1, "\t-\n")]),
    ("", [], [], []),
])
def test_tokens_words_and_marks(text, tokens, words, marks):
    split = Split(text)
    assert (split.lower, split.tokens, split.words, split.marks) == (text.lower(), tokens, words, marks)
    assert split.after_mark == {place for place, mark in marks if mark in ",;:"}
