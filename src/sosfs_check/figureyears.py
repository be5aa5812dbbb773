"""The years a sentence tells of: the year a count is told for ("Under 2024 kom 14 klagomål" in the
2025 report), the years a sentence says something happened ("Verksamheten startade 1998"), and
sentences that speak of things in general ("När en händelse …"): what is no figure or work of the period."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .regexes import may_match

if TYPE_CHECKING:
    from .descriptiondata import DescriptionData
    from .wordsplit import Split

BEFORE = 200  # characters before a count in which its year, "varav" or "av dessa" is looked for
# "när en händelse …", "varje avvikelse ska …", "Om en patient skadas …": in general, of no year; not
# "om" as a preposition ("en lex Maria-anmälan, om en boende som fick fel insulin").
_GENERIC = re.compile(r"\b(?:ska|skall|kan|bör|varje|när)\b|^\s*om\s+(?:en|ett)\b", re.IGNORECASE)
# The year a count is told for: a year phrase right after what is counted ("171 under 2024"), or
# the last one before the count ("Under 2024 kom 14 …"); "under året", "årets" are the period.
_YEAR_AFTER = re.compile(
    r"\s+(?:(?!mot\b|jämfört\b|än\b|från\b|och\b|men\b|samt\b)[^\W\d]+\s+){0,3}?(?:under|år|i|för)\s+(?:år\s+)?(20\d\d)\b(?![-:/])"
)
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_YEAR_BEFORE = re.compile(
    r"(?P<this>\b(?:under|i)\s+(?:hela\s+)?(?:året|år|verksamhetsåret)\b(?!\s+20\d\d)|\bårets\b)"
    r"|(?:\b(?:under|år|i|för|sedan)\s+(?:(?:hela|verksamhetsåret|år|" + _MONTHS + r")\s+)?"
    r"|\b(?:våren|sommaren|hösten|vintern)\s+|^\s*|\boch\s+)(?P<year>20\d\d)\b(?![-:/])"
)
_COMPARED = re.compile(r"\b(?:med|mot|än|från|till)\s+$")  # "jämfört med år 2024" names no period


def year_of(text: str, match: re.Match, period: int) -> int | None:
    """The year a count is told for (see `_YEAR_BEFORE`); None when its sentence names none."""
    if after := _YEAR_AFTER.match(text, match.end()):
        return int(after.group(1))
    year = None
    for found in _YEAR_BEFORE.finditer(text, max(0, match.start() - BEFORE), match.start()):
        if found.group("this"):
            year = period
        elif not _COMPARED.search(text, max(0, found.start() - 15), found.start()):
            year = int(found.group("year"))
    return year


@lru_cache(maxsize=4)
def generic(sentence: str) -> bool:
    """Whether the sentence speaks of things in general; once per sentence (a str keeps its hash)."""
    return _GENERIC.search(sentence) is not None


def elsewhen(text: str, match: re.Match, year: int | None) -> bool:
    """Whether a count is told for another year than the period."""
    return year is not None and (told := year_of(text, match, year)) is not None and told != year


# A number that may be a year, not glued to a word after it (see `_years`).
_NUMBER = re.compile(r"(?:19|20)\d{2}(?!\w)")
_GLUED = ":/.,_"  # signs before a number that make it part of a law number or a decimal ("2010:659", "98,5")
# What follows it: a mark that makes it part of a name or a decimal ("SOSFS 2011:9", "2010/11:1"), or a word.
_AFTER = re.compile(r"\s*(?:(?P<mark>[:/]\s*\d|[.,]\d)|(?P<word>[^\W\d_]+))?")
NOW = 10_000  # the latest year of a sentence that reaches the present ("sedan 2019", "under året")
# After a year, what makes it a date or part of a name: "2025-03-01", "SOSFS 2011:9", "2010/11:1".
_DATE_OR_NAME = re.compile(r"-\d{1,2}-\d{1,2}|[:/]\d+(?:[:/]\d+)?")


def _years(text: str) -> Iterator[re.Match]:
    """The numbers that may be years, not glued to a word, a law number or a decimal before them: the sign
    before each is tested here, for a lookbehind would make the regex try every character."""
    for match in _NUMBER.finditer(text):
        start = match.start()
        if not start or not (text[start - 1].isalnum() or text[start - 1] in _GLUED):
            yield match


def has_figure(sentence: str) -> bool:
    """Whether a sentence holds a number that is no year, date or law's number (read as `Years` reads a
    year): "498 (2024: 601)" does, "Ny rutin – mars 2026", "2025-03-01" and "SOSFS 2011:9" do not."""
    rest, end = [], 0
    for match in _years(sentence):
        rest.append(sentence[end : match.start()])
        tail = _DATE_OR_NAME.match(sentence, match.end())
        end = tail.end() if tail else match.end()
    rest.append(sentence[end:])
    return any(character.isdigit() for part in rest for character in part)


class Years:
    """The years a sentence tells of, read one way for every rule (the pack's data: `time_phrases`,
    `year_bounds`, `ongoing_years`, `period_phrases`, `year_followers`).

    A year is *told* when the sentence says something happened then: in a time phrase ("under 2024",
    "hösten 2024") or standing alone ("Verksamheten startade 1998", "1998 öppnade vi"). A year is no
    time of the sentence when it is a comparison or a bound ("jämfört med 2024", "(2024: 601)",
    "från 2019", "2024–2026"), part of a name ("HSLF-FS 2017:40", "lag (2010:659)"), or a
    count (followed by a word that is neither a verb nor a word of `year_followers`: "1998 avvikelser").
    "sedan 2019" and "under året" reach the present: such a sentence is never only about the past."""

    def __init__(self, data: DescriptionData, finite: Callable[[str], bool]):
        def compiled(patterns: list[str]) -> list[re.Pattern]:
            return [re.compile(p, re.IGNORECASE) for p in patterns]

        self.times, self.bounds = compiled(data.time_phrases), compiled(data.year_bounds)
        self.ongoing, self.period = compiled(data.ongoing_years), compiled(data.period_phrases)
        self.followers = frozenset(w.lower() for w in data.year_followers)
        self.finite = finite  # whether a word is a verb in the past or an auxiliary (lexicon.Tense.finite)

    def read(self, split: Split) -> tuple[tuple[int, ...], int]:
        """The told years of a sentence (its `Split`, lower-cased once), and the latest year it reaches
        (`NOW` when it reaches the present; 0 when it names none)."""
        lower = split.lower
        if "19" not in lower and "20" not in lower:
            return (), 0
        numbers = [(m.start(), int(m[0])) for m in _years(lower)]
        if not numbers:
            return (), 0

        def places(patterns: list[re.Pattern]) -> set[int]:
            return {m.start(1) for p in patterns if may_match(p, folded) for m in p.finditer(lower) if m.group(1)}

        folded = lower.casefold()  # a pattern is run only where its literals stand (`regexes.may_match`)
        times, aside = places(self.times), None
        told, named = [], []
        for start, year in numbers:
            after = _AFTER.match(lower, start + 4)
            word = after["word"]
            if start not in times and not after["mark"] and word and word not in self.followers and not self.finite(word):
                continue  # a count: "1998 avvikelser"
            named.append(year)
            if start in times:
                told.append(year)
            elif not after["mark"]:
                if aside is None:  # read once, for the first year that stands alone (few do)
                    aside = places(self.bounds) | places(self.ongoing)
                if start not in aside:
                    told.append(year)
        reaches_now = any(may_match(p, folded) and p.search(lower) for p in (*self.ongoing, *self.period))
        return tuple(told), NOW if reaches_now else max(named, default=0)
