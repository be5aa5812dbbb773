"""Years and dates in a report: title year, the year reported on, the adoption date."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from .document import Block, Document
from .prefilter import Folded
from .regexes import may_match

YEAR = re.compile(r"(?<![\d:])(20[0-9]{2})(?![\d:])")
MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_NAMES = {number: name for name, number in MONTHS.items()}
_ABBREVIATED = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "nov", "dec")
# "2025-02-20"; "20 februari 2025", "den 20:e februari 2025", "20 feb. 2025"; "20/2 2025". Each pattern
# below opens with a lookahead for the characters its matches start with: without one, `re` tries the
# whole case-insensitive alternation at every position of the text (2-3 times slower).
_DATE = re.compile(
    r"(?=\d)(?:(?P<iso>(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2}))"
    r"|(?P<d2>\d{1,2})(?::[ae])?\s+(?P<month>" + "|".join((*MONTHS, *_ABBREVIATED)) + r")\b\.?\s+(?P<y2>20\d{2})"
    r"|(?<![\d/])(?P<d3>\d{1,2})/(?P<m3>\d{1,2})\s+(?P<y3>20\d{2}))",
    re.IGNORECASE,
)
_MONTH_BY_PREFIX = {name[:3]: number for name, number in MONTHS.items()}
# "i februari 2026": a month without a day (not the month of a full date "12 mars 2026").
_MONTH_YEAR = re.compile(
    "(?=[" + "".join(sorted({name[0] for name in MONTHS})) + "])"
    r"(?<![\d:])(?<!\d\s)(?<!\d\.\s)(?<!:[ae]\s)\b(?P<month>" + "|".join(MONTHS) + r")\s+(?P<y>20\d{2})(?!\d)",
    re.IGNORECASE,
)
# "Eskilsby den 12 mars 2026", "Karlstad, 2026-02-20": the place before the date on a closing
# signature line ("Ort den [datum]"), one to three capitalised words.
_PLACE = re.compile(r"\s*(?P<place>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*){0,2}),?\s+(?:den\s+)?")
_SENTENCE_START = re.compile(r"(?:.*[.;:|]\s)?\s*", re.DOTALL)  # what may stand before a month's dating word
_SIGNATURE_LENGTH = 60  # characters: a place and a date, nothing more
_NAME_WORDS = 8  # a name and a role ("Anna Berg, verksamhetschef") is a short line without a full stop
# "under 2021", "år 2021", "våren 2021", "i oktober 2021": where the text says what year it reports on.
_PERIOD = re.compile(
    r"(?=[ufåavshi])\b(?:(?:under|för|år|året|verksamhetsåret|avseende|avser)\s+(?:år\s+)?"
    r"|(?:våren|sommaren|hösten|vintern|(?:i|under)\s+(?:" + "|".join(MONTHS) + r"))\s+)(20[0-9]{2})\b",
    re.IGNORECASE,
)
# "under 2025", "avser 2025": the year as a whole, reported on as past.
WHOLE_YEAR = re.compile(r"(?=[ua])\b(?:under|avser|avseende)\s+(?:år\s+)?(20[0-9]{2})\b", re.IGNORECASE)
_AHEAD = re.compile(r"kommande|framåt|\bmål\b|plan|aktiviteter för", re.IGNORECASE)


def _parse(match: re.Match) -> date | None:
    try:
        if match.group("iso"):
            return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if match.group("d3"):
            return date(int(match.group("y3")), int(match.group("m3")), int(match.group("d3")))
        return date(int(match.group("y2")), _MONTH_BY_PREFIX[match.group("month").lower()[:3]], int(match.group("d2")))
    except ValueError:
        return None


def _days(text: str) -> list[tuple[int, int, date, bool]]:
    """Where each date in the text starts and ends, the day, and whether the text gives only the month
    ("i februari 2026": the first of the month)."""
    if "20" not in text:  # every date names a year 20xx: most short lines have none
        return []
    full = [(m.start(), m.end(), day, False) for m in _DATE.finditer(text) if (day := _parse(m))]
    months = [
        (m.start(), m.end(), date(int(m.group("y")), MONTHS[m.group("month").lower()], 1), True)
        for m in _MONTH_YEAR.finditer(text)
        if not any(start <= m.start() < end for start, end, _, _ in full)
    ]
    return sorted(full + months, key=lambda found: found[0])


def _last_day(day: date) -> date:
    return (date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)) - timedelta(days=1)


class Dating(NamedTuple):
    """The dates a report gives itself: when it was drawn up ("Upprättad 2026-02-10", or the closing
    "Eskilsby den 12 mars 2026" above a signature) and when a body treated or adopted it ("Behandlad i
    nämnden 2026-03-18"); each with the block that says so."""

    drawn_up: tuple[date, Block] | None = None
    adopted: tuple[date, Block] | None = None
    unspecified: tuple[date, Block] | None = None  # "Datum: 2026-02-27": drawn up, treated or something else
    months: frozenset[str] = frozenset()  # the kinds whose date gives only a month (the first of it)

    @property
    def any(self) -> tuple[date, Block] | None:
        """The drawing-up date, else the adoption date, else a date that does not say what it is."""
        return self.drawn_up or self.adopted or self.unspecified

    def latest(self, kind: str) -> date:
        """The last day the date of `kind` ("drawn_up", "adopted") can be: the month's last for a month."""
        day = getattr(self, kind)[0]
        return _last_day(day) if kind in self.months else day

    def label(self, kind: str) -> str:
        """The date as the report gives it: "2026-03-12", or "i mars 2026" for a month."""
        day = getattr(self, kind)[0]
        return f"i {_MONTH_NAMES[day.month]} {day.year}" if kind in self.months else day.isoformat()


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def dating(
    document: Document, drawn_up: tuple[str, ...], adopted: tuple[str, ...], folded: Folded | None = None,
    unspecified: tuple[str, ...] = (), other_dates: tuple[str, ...] = (),
) -> Dating:
    """The first drawing-up and the first adoption date in the document, and the first date after a
    word that does not say what happened that day (`unspecified`, "Datum").

    A date belongs to the nearest of the words before it (within 80 characters), so "Upprättad av MAS
    2026-02-20, behandlad i nämnden 2026-03-18" gives both; "Upprättad i februari 2026" gives a month.
    Without a drawing-up word, a closing place-and-date line above a signature is the drawing-up date.
    `drawn_up`, `adopted` and `other_dates` are the pack's words (pack.yml `adoption:`); `folded`: the
    block texts prepared for searching, when the caller has them.
    """
    folded = folded or Folded([b.text for b in document.blocks])
    pattern = _words_pattern((*drawn_up, *adopted, *unspecified))
    kinds = {w.casefold(): "unspecified" for w in unspecified}
    kinds |= {w.casefold(): "drawn_up" for w in drawn_up} | {w.casefold(): "adopted" for w in adopted}
    found: dict[str, tuple[date, Block]] = {}
    months: set[str] = set()
    for position in folded.candidates([pattern]):
        block = document.blocks[position]
        for start, _, day, month_only in _days(block.text):
            near = list(pattern.finditer(block.text, max(0, start - 80), start))
            if month_only and near and not _SENTENCE_START.fullmatch(block.text, 0, near[-1].start()):
                continue  # "En rutin upprättades i mars 2025" dates the rutin; "Upprättad i februari 2026." the report
            if near and (kind := kinds[near[-1].group(0).casefold()]) not in found:
                found[kind] = (day, block)
                months.update([kind] if month_only else [])
        if "drawn_up" in found and "adopted" in found:
            break
    if "drawn_up" not in found and (signed := _signature(document, {w.casefold() for w in (*kinds, *other_dates)})):
        found["drawn_up"], month_only = signed
        months.update(["drawn_up"] if month_only else [])
    return Dating(found.get("drawn_up"), found.get("adopted"), found.get("unspecified"), frozenset(months))


def _signature(document: Document, not_places: set[str]) -> tuple[tuple[date, Block], bool] | None:
    """The date of a closing "Ort den [datum]" line: a block that is only a place and a date, followed by
    a name or role ("Anna Berg, verksamhetschef") or ending the document. A sentence that mentions a
    date ("Den 12 mars 2026 hade vi ett möte") is none, nor a line whose first word dates something
    else (the pack's dating words and `other_dates`: "Reviderad den 5 mars 2026")."""
    blocks = document.blocks
    for position, block in enumerate(blocks):
        if len(block.text) > _SIGNATURE_LENGTH or block.kind == "heading" or block.guidance:
            continue
        if not (days := _days(block.text)):
            continue
        start, end, day, month_only = days[0]
        place = _PLACE.fullmatch(block.text[:start])
        if place is None or block.text[end:].strip(" .") or not_places & {w.casefold() for w in place["place"].split()}:
            continue
        after = next((b for b in blocks[position + 1 :] if b.text.strip()), None)
        if after is None or (after.kind != "heading" and len(after.text.split()) <= _NAME_WORDS
                             and not after.text.rstrip().endswith((".", "!", "?"))):
            return (day, block), month_only
    return None


def law_date(dated: Dating, period: int | None, today: date) -> tuple[date, str]:
    """The day whose law a report is judged by, and why: the day it was drawn up, else 1 March of the
    year after the year it reports on (the deadline in PSL 3 kap. 10 §), else today."""
    if dated.drawn_up:
        return dated.drawn_up[0], "drawn_up"
    if period is not None:
        return date(period + 1, 3, 1), "after_period"
    return today, "today"


def report_year(document: Document) -> int | None:
    """The year on the title page, or in the first heading."""
    years = YEAR.findall(document.front_text)
    return int(years[0]) if years else None


def period_mentions(document: Document, folded: Folded | None = None) -> Counter:
    """Years the body reports on ("under 2021"), outside sections about the years ahead."""
    folded = folded or Folded([b.text for b in document.blocks])
    counts: Counter = Counter()
    ahead: dict[tuple[str, ...], bool] = {}
    for position in folded.candidates([_PERIOD]):
        block = document.blocks[position]
        if block.kind == "heading":
            continue
        if block.section not in ahead:
            ahead[block.section] = any(_AHEAD.search(s) for s in block.section)
        if not ahead[block.section]:
            counts.update(int(y) for y in _PERIOD.findall(block.text))
    return counts


_STATED = re.compile(r"\b(?:avser|avseende|gäller|för)\s+(?:verksamhets)?år(?:et)?\s+(20[0-9]{2})\b", re.IGNORECASE)


def period_year(
    document: Document, title_year: int | None, adopted: date | None, counts: Counter | None = None
) -> int | None:
    """The calendar year the report covers.

    A stated period ("avser verksamhetsåret 2025") wins. "Kvalitetsberättelse 2023" may describe
    2022: of the title year and the year before it, the adoption date decides, else the year the
    text speaks of more (the title year on a tie).
    """
    for block in document.blocks[:40]:
        if may_match(_STATED, block.text.casefold()) and (stated := _STATED.search(block.text)):
            return int(stated.group(1))
    counts = period_mentions(document) if counts is None else counts
    if title_year is None:
        return counts.most_common(1)[0][0] if counts else None
    candidates = (title_year, title_year - 1)
    if adopted is not None and adopted.year - 1 in candidates:
        return adopted.year - 1
    return max(candidates, key=lambda y: (counts[y], y == title_year))
