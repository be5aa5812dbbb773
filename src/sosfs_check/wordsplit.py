"""A sentence split into words once, for every reader of it (issue 20): its tense (`lexicon.Tense`),
whether it restates the law (`lexicon.LawIndex`), whether it may deny the work (`descriptions.Denial`)
and the evidence word index (`vocabulary.TextIndex`)."""

from __future__ import annotations

import re

TOKEN = re.compile(r"\w+|[,;:]")  # a run of letters and digits, or a mark after which a list or a new clause starts
LETTERS = re.compile(r"[^\W\d_]+")  # a word: letters only (lexicon.WORD)


class Split:
    """The lower-cased sentence; its tokens (`\\w+`, as the word index reads them); its words (the letter
    runs, in order); and the places in `words` that follow a comma, semicolon or colon."""

    __slots__ = ("lower", "tokens", "words", "after_mark")

    def __init__(self, text: str):
        self.lower = text.lower()
        tokens: list[str] = []
        words: list[str] = []
        after_mark: set[int] = set()
        for token in TOKEN.findall(self.lower):
            if token in ",;:":
                after_mark.add(len(words))
                continue
            tokens.append(token)
            if token.isalpha():  # letters only: the token is the word
                words.append(token)
            else:  # digits or "_" in it: the letter runs around them
                words.extend(LETTERS.findall(token))
        self.tokens, self.words, self.after_mark = tokens, words, after_mark
