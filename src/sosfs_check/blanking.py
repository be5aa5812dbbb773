"""Wording blanked out of a sentence before it is searched (`descriptions.Statements`: subordinate
clauses before a plan word is looked for, other matters before patient safety's words)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .regexes import may_match, whole_words

if TYPE_CHECKING:
    from .wordsplit import Split


def blank(text: str, folded: str, wording: list[re.Pattern], searched: list[re.Pattern],
          split: Split | None) -> str:
    """The text with the wording blanked out, a space for each match; `folded`: the text case-folded, and
    `split`: its words, by which a pattern that cannot match is not run (`regexes.may_match`,
    `regexes.whole_words`); `searched`: the same patterns as `regexes.searching` gives them."""
    for pattern, rest in zip(wording, searched):
        if (may_match(pattern, folded) and (split is None or split.holds(whole_words(pattern), text))
                and (kept := _blanked(pattern, rest, text)) != text):
            text, folded, split = kept, kept.casefold(), None  # blanked: its words are no longer `split`'s
    return text


def _blanked(pattern: re.Pattern, rest: re.Pattern, text: str) -> str:
    """`pattern.sub(" ", text)`. A pattern led by `\\w*` (`rest`: the pattern without it) is run as its rest, for
    Python's `re` would try the greedy run at every letter (the square of a long compound's length): a match
    starts where the run of word characters before the rest's leftmost match starts, and ends with the rest's
    match at the last place in that run where it matches (the run is greedy)."""
    if rest is pattern or pattern.flags & re.ASCII:
        return pattern.sub(" ", text)
    out, pos = [], 0
    while found := rest.search(text, pos):
        start = end = found.start()
        while start > pos and _word(text[start - 1]):
            start -= 1
        while end < len(text) and _word(text[end]):
            end += 1
        last = next(match for at in range(end, found.start() - 1, -1) if (match := rest.match(text, at)))
        if last.end() == start:  # an empty match: Python's own rules for those
            return pattern.sub(" ", text)
        out += [text[pos:start], " "]
        pos = last.end()
    return "".join(out) + text[pos:]


def _word(character: str) -> bool:
    """Whether `re`'s `\\w` matches the character (a str pattern without re.ASCII)."""
    return character.isalnum() or character == "_"
