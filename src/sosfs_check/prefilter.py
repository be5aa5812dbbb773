"""Literal prefilters for regular expressions: text a pattern cannot match without.

A regex scan costs tens of nanoseconds per character, a substring test a fraction of one.
`needles(pattern)` reads the parsed pattern and returns clauses that every match satisfies:
each clause is a tuple of case-folded strings of which a match contains at least one. Checks
test block texts for the clauses first and run the pattern only where all hold; the results
are the same.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from re import _constants as C
from re import _parser

from .memo import NEEDLES

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
Clause = tuple[str, ...]


def needles(pattern: re.Pattern) -> tuple[Clause, ...]:
    """The clauses, most selective first (at most three); () when nothing is known."""
    key = (pattern.pattern, pattern.flags)
    if key not in NEEDLES:
        found = _sequence(_parser.parse(pattern.pattern, pattern.flags).data)
        clauses = {tuple(sorted(_minimal({n.casefold() for n in c}))) for c in found}
        NEEDLES[key] = tuple(sorted(clauses, key=_score, reverse=True)[:3])
    return NEEDLES[key]


def _minimal(alternatives: set[str]) -> set[str]:
    """Drop alternatives that contain another: text holding the longer one holds the shorter."""
    return {a for a in alternatives if not any(b != a and b in a for b in alternatives)}


def _score(clause: Clause) -> int:
    """Longer needles are rarer in text, and so are fewer of them."""
    return min(map(len, clause)) - len(clause) + 1


def _sequence(items) -> list[Clause]:
    """Clauses every match of a sequence of pattern items satisfies."""
    clauses: list[Clause] = []
    run: list[str] = []
    for op, arg in items:
        if op is C.LITERAL:
            run.append(chr(arg))
            continue
        if op in _REPEATS and arg[0] >= 1 and len(arg[2]) == 1 and arg[2][0][0] is C.LITERAL:
            run.append(chr(arg[2][0][1]) * arg[0])  # "XX+" holds "XX"
            if arg[1] != arg[0]:  # more may follow: the run ends here
                clauses.append(("".join(run),))
                run = []
            continue
        if run:
            clauses.append(("".join(run),))
            run = []
        if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            clauses.extend(_sequence(arg[-1] if op is C.SUBPATTERN else arg))
        elif op is C.BRANCH:
            best = [max(_sequence(branch), key=_score, default=None) for branch in arg[1]]
            if None not in best:
                clauses.append(tuple(n for clause in best for n in clause))
        elif op in _REPEATS and arg[0] >= 1:
            clauses.extend(_sequence(arg[2]))
    if run:
        clauses.append(("".join(run),))
    return clauses


def may_match(pattern: re.Pattern, folded: str) -> bool:
    """False only when the pattern cannot match the text (`folded` is the text case-folded)."""
    for clause in needles(pattern):
        for needle in clause:
            if needle in folded:
                break
        else:
            return False
    return True


class Folded:
    """Texts case-folded and joined once, to find those a pattern may match without a loop."""

    def __init__(self, texts: list[str]):
        self.texts = [t.casefold() for t in texts]
        self._joined = "\n".join(self.texts)
        self._starts = list(accumulate((len(t) + 1 for t in self.texts), initial=0))
        self._containing: dict[str, list[int]] = {}

    def containing(self, needle: str) -> list[int]:
        """Positions of the texts that contain `needle` (case-folded)."""
        if needle not in self._containing:
            found, at = [], self._joined.find(needle)
            while at != -1:
                found.append(bisect_right(self._starts, at) - 1)
                at = self._joined.find(needle, self._starts[found[-1] + 1])
            self._containing[needle] = found
        return self._containing[needle]

    def candidates(self, patterns) -> list[int]:
        """Positions of the texts where one of the patterns may match, in order."""
        hits: set[int] = set()
        for pattern in patterns:
            clauses = needles(pattern)
            if not clauses:
                return list(range(len(self.texts)))
            # The most selective clause finds the texts, the others confirm.
            found = {p for needle in clauses[0] for p in self.containing(needle)}
            hits.update(p for p in found if may_match(pattern, self.texts[p]))
        return sorted(hits)
