"""Wording blanked out of a sentence before it is searched (`descriptions.Statements`: subordinate
clauses before a plan word is looked for, other matters before patient safety's words, light verbs and
attitudes before its tense is read)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .regexes import may_match, whole_words
from .wordsplit import LETTERS, Split

if TYPE_CHECKING:
    from .prefilter import Folded


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


def blank_platitudes(texts: list[str], folded: Folded, platitudes: list[re.Pattern],
                     inner_verbs: list[str]) -> dict[int, str]:
    """The texts with a light verb, an attitude or praise of effort (`platitudes`: "arbetade hårt", "har varit
    engagerad"), those words blanked; not where an inner verb carries the clause (`inner_verbs`, one word right
    after the phrase, more words anywhere after it: "Fokus har legat på att införa …", "…, dels genom att …")."""
    inner = [w.split() for w in inner_verbs]

    def carried(rest: list[str]) -> bool:
        return any(rest[:1] == w if len(w) == 1 else any(rest[i:i + len(w)] == w for i in range(len(rest)))
                   for w in inner)

    out: dict[int, str] = {}
    for pattern in platitudes:
        for number in folded.candidates([pattern]):
            said = out.get(number, texts[number])
            spans = [m.span() for m in pattern.finditer(said) if not carried(LETTERS.findall(said[m.end():].lower()))]
            for start, end in reversed(spans):
                said = said[:start] + " " * (end - start) + said[end:]
            if spans:
                out[number] = said
    return out


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
