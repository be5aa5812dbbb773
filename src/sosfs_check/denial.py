"""Clauses that deny the work: which clauses of a sentence say it was not done ("Avvikelserna
sammanställdes inte") or speak of someone else's work ("Regionen har infört …" in a kommun's report).
`descriptions.Statements` leaves such clauses out of the evidence."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import WORD
from .regexes import may_match

if TYPE_CHECKING:
    from .lexicon import Vocabulary
    from .prefilter import Folded
    from .wordsplit import Split

# Marks that part a sentence into clauses when telling what it denies: commas, semicolons, colons,
# dashes and "men" ("Avvikelserna sammanställdes inte men analyserades …"). Its case spelled out: with
# re.IGNORECASE Python's `re` tests every character more slowly.
CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:[–-]\s|\s*[mM][eE][nN]\s+)")
# Where a clause's subject stands: first, or after a time phrase and the verb ("Under 2025 gav Socialstyrelsen ut …").
SUBJECT_PLACE = r"^\W*(?:(?:och|samt|även)\s+)?(?:(?:under|i|år|sedan)\s+\S+\s+\w+\s+)?"


class Denial:
    """Which clauses of a sentence say that the work was not done (`negations`, less `affirmations`)
    or speak of someone else's work (`others`, and `bodies` the title page does not name): such a
    main clause is *void*; a subordinate clause ("eftersom rutinen saknades") takes the state of the
    main clause before it."""

    def __init__(self, vocabulary: Vocabulary, author: str):
        data = vocabulary.data
        self.negations, self.affirmations = vocabulary.patterns["negations"], vocabulary.patterns["affirmations"]
        self.negation_words = frozenset(w.lower() for w in data.negation_words)
        words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in data.subordinators)
        self.subordinate = vocabulary.compiled((rf"^\W*(?:{words})\b",))[0] if words else None
        author = author.lower()
        others = [*data.others, *(body for body, own in data.bodies.items() if own not in author)]
        self.others = vocabulary.compiled((SUBJECT_PLACE + "(?:" + "|".join(others) + r")\b",))[0] if others else None

    def clauses(self, text: str, split: Split | None = None) -> list[tuple[int, int, bool, str]]:
        """(start, end, main, void) of each clause with words in it; void is "negated", "other" or "". `split`:
        the text's words (`Split`), by which a text without a negation word has no clause to read for one."""
        out, start, void = [], 0, ""
        negating = split is None or not self.negation_words.isdisjoint(split.words)
        for stop, after in [*((m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text)), (len(text), len(text))]:
            part = text[start:stop]
            if WORD.search(part):
                main = not (self.subordinate and self.subordinate.match(part))
                void = self._void(part, negating) if main else void
                out.append((start, stop, main, void))
            start = after
        return out

    def suspects(self, splits: list[Split], folded: Folded) -> set[int]:
        """The sentences (their `Split`s, and the same sentences case-folded) of which a clause may be void:
        those with a negation word, and those where another's name may stand (the prefilter's words)."""
        words = self.negation_words
        named = set(folded.candidates([self.others])) if self.others else set()
        return named.union(n for n, split in enumerate(splits) if not words.isdisjoint(split.words))

    def _void(self, part: str, negating: bool) -> str:
        if self.others and self.others.match(part):
            return "other"
        if not negating or not self.negation_words.intersection(WORD.findall(part.lower())):
            return ""
        folded = part.casefold()
        negations = [p for p in self.negations if may_match(p, folded)]
        for pattern in self.affirmations:
            if may_match(pattern, folded):
                part = pattern.sub(" ", part)
        return "negated" if any(p.search(part) for p in negations) else ""
