"""The year a count in a sentence is told for ("Under 2024 kom 14 klagomål" in the 2025 report), and
sentences that speak of things in general ("När en händelse …"): what is no figure of the period."""

from __future__ import annotations

import re
from functools import lru_cache

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
