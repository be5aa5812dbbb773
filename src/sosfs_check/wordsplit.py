"""A sentence split into words once, for every reader of it (issue 20): its tense (`lexicon.Tense`),
whether it restates the law (`lexicon.LawIndex`), whether it may deny the work (`denial.Denial`),
its clauses and lemmas (`descriptions.Statements`) and the evidence word index (`vocabulary.TextIndex`)."""

from __future__ import annotations

import re

# A run of letters and digits; a mark after which a list or a new clause starts; or one that ends a clause.
TOKEN = re.compile(r"\w+|[,;:()–]|\s-\s")
LETTERS = re.compile(r"[^\W\d_]+")  # a word: letters only (lexicon.WORD)
MARKS = ",;:()–"
SOFT = ",;:"


class Split:
    """The lower-cased sentence; its tokens (`\\w+`, as the word index reads them); its words (the letter
    runs, in order); its marks as (words before it, mark), in order; and the places in `words` that
    follow a comma, semicolon or colon. Most sentences are letters and spaces up to a full stop: their
    whitespace-separated parts are their tokens and words, found by `str.split` at a third of the
    token regex's cost. In the others most parts are still a word as it stands; the token regex reads
    only the rest ("2021", "åtgärder,"), or the whole text where a dash stands alone between spaces."""

    __slots__ = ("lower", "tokens", "words", "marks", "after_mark")

    def __init__(self, text: str):
        self.lower = lower = text.lower()
        plain = lower.removesuffix(".").split()
        if "".join(plain).isalpha():  # letters and spaces only: no digits, marks or other signs
            self.tokens = self.words = plain
            self.marks, self.after_mark = [], set()
            return
        tokens: list[str] = []
        words: list[str] = []
        marks: list[tuple[int, str]] = []
        parts = lower.split()
        for part in parts if "-" not in parts else [lower]:  # no token but " - " spans a space
            if part.isalpha():
                tokens.append(part)
                words.append(part)
                continue
            for token in TOKEN.findall(part):
                if token.isalpha():  # letters only, as most tokens are: the token is the word
                    tokens.append(token)
                    words.append(token)
                elif token in MARKS or token[0].isspace():
                    marks.append((len(words), token))
                else:  # digits or "_" in it: the letter runs around them
                    tokens.append(token)
                    if not token.isdecimal():  # a number has none
                        words.extend(LETTERS.findall(token))
        self.tokens, self.words, self.marks = tokens, words, marks
        self.after_mark = {place for place, mark in marks if mark in SOFT}

    def holds(self, clauses: tuple[tuple[frozenset[str], str], ...], text: str) -> bool:
        """Whether the sentence (`text`: as written) may hold a word of each clause (`regexes.whole_words`)."""
        return all(not words.isdisjoint(self.words) or any(c in text or c in self.lower for c in odd)
                   for words, odd in clauses)
