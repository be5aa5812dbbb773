"""Texts case-folded once, to find those a regular expression may match without a loop.

The literal clauses come from `regexes.needles`; a pattern is run only on texts that hold them,
so results do not change. A document's texts are searched for all the needles asked before (in the
process, or in earlier runs through the rule cache) in one pass (an Aho-Corasick automaton,
`ahocorasick_rs`), not one `find` loop per needle.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import accumulate, repeat
from operator import itemgetter

from .regexes import needles

ASKED: dict[str, None] = {}  # every needle a `Folded` was asked for, in order; kept across runs by `rulecache`


class Folded:
    """Texts case-folded once, to find those a pattern may match without a loop."""

    def __init__(self, texts: list[str]):
        self.texts = [t.casefold() for t in texts]
        self._containing: dict[str, list[int]] | None = None

    def containing(self, needle: str) -> list[int]:
        """Positions of the texts that contain `needle` (case-folded). The first call finds every needle asked
        before in this process in one pass over each text (`_Automaton`); a new needle is looked for alone."""
        if self._containing is None:
            self._containing = _Automaton.current().containing(self.texts)
        if needle not in self._containing:
            self._containing[needle] = self._alone(needle)
            if needle:  # the next document's automaton finds it too ("" is in every text, and no needle)
                ASKED[needle] = None
        return self._containing[needle]

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """The texts joined by newlines, and where each starts (and where one more would)."""
        return "\n".join(self.texts), list(accumulate((len(t) + 1 for t in self.texts), initial=0))

    def _alone(self, needle: str) -> list[int]:
        """Positions of the texts with `needle`, by a `find` loop over the joined texts (a document's first
        search in a process: one scan in C per needle costs less than a test per text)."""
        joined, starts = self._joined
        found, at = [], joined.find(needle)
        while at != -1:
            text = bisect_right(starts, at) - 1
            if at + len(needle) < starts[text + 1]:  # in the text, not across the "\n" after it
                found.append(text)
                at = joined.find(needle, starts[text + 1])
            else:
                at = joined.find(needle, at + 1)
        return found

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
            found = self.containing(first[0]) if len(first) == 1 else set().union(*map(self.containing, first))
            for clause in rest:
                if len(clause) == 1:
                    needle = clause[0]
                    found = [p for p in found if needle in texts[p]]
                else:  # map: no generator frame per text
                    found = [p for p in found if any(map(texts[p].__contains__, clause))]
            hits.update(found)
        return sorted(hits)


class _Automaton:
    """An Aho-Corasick automaton (`ahocorasick_rs`) of every needle in `ASKED`: built when a document's texts
    are first searched, again only when new needles were asked."""

    _built: _Automaton | None = None

    def __init__(self, needles: list[str]):
        import ahocorasick_rs

        self.needles = needles
        nfa = ahocorasick_rs.Implementation.ContiguousNFA  # a DFA takes 2.5 times as long to build for 94 needles
        self._search = ahocorasick_rs.AhoCorasick(needles, implementation=nfa).find_matches_as_indexes

    @classmethod
    def current(cls) -> _Automaton:
        if cls._built is None or len(cls._built.needles) != len(ASKED):
            cls._built = cls(list(ASKED))
        return cls._built

    def containing(self, texts: list[str]) -> dict[str, list[int]]:
        """Needle -> positions of the texts holding it, in order; every match counts, overlapping or not."""
        if not self.needles:  # the first search of a process: a call per text would find nothing
            return {}
        found: list[list[int]] = [[] for _ in self.needles]
        needle = itemgetter(0)  # of a match (needle, start, end); `map` and `set` in C, no frame per text
        for position, matches in enumerate(map(self._search, texts, repeat(True))):  # overlapping=True
            for index in set(map(needle, matches)):
                found[index].append(position)
        return dict(zip(self.needles, found))
