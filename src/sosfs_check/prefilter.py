"""Texts case-folded once, to find those a regular expression may match without a loop.

The literal clauses come from `regexes.needles`; a pattern is run only on texts that hold them,
so results do not change.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from .regexes import needles


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
        texts = self.texts
        for pattern in patterns:
            clauses = needles(pattern)
            if not clauses:
                return list(range(len(texts)))
            # The most selective clause finds the texts, the others confirm, one clause at a time.
            first, rest = clauses[0], clauses[1:]
            found = self.containing(first[0]) if len(first) == 1 else {p for n in first for p in self.containing(n)}
            for clause in rest:
                if len(clause) == 1:
                    needle = clause[0]
                    found = [p for p in found if needle in texts[p]]
                else:
                    found = [p for p in found if any(n in texts[p] for n in clause)]
            hits.update(found)
        return sorted(hits)
