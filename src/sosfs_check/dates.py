"""Years and dates in a report: title year, the year reported on, the adoption date."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .document import Block, Document
from .prefilter import Folded
from .regexes import may_match

YEAR = re.compile(r"(?<![\d:])(20[0-9]{2})(?![\d:])")
MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_ABBREVIATED = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "nov", "dec")
# "2025-02-20"; "20 februari 2025", "den 20:e februari 2025", "20 feb. 2025"; "20/2 2025"
_DATE = re.compile(
    r"(?P<iso>(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2}))"
    r"|(?P<d2>\d{1,2})(?::[ae])?\s+(?P<month>" + "|".join((*MONTHS, *_ABBREVIATED)) + r")\b\.?\s+(?P<y2>20\d{2})"
    r"|(?<![\d/])(?P<d3>\d{1,2})/(?P<m3>\d{1,2})\s+(?P<y3>20\d{2})",
    re.IGNORECASE,
)
_MONTH_BY_PREFIX = {name[:3]: number for name, number in MONTHS.items()}
_ADOPTED = re.compile(
    r"\b(fastställ\w*|antag\w*|beslutad\w*|godkän\w*|upprättad\w*|behandlad\w*|datum)\b", re.IGNORECASE
)
# "under 2021", "år 2021", "2021 har": where the text says what year it reports on.
_PERIOD = re.compile(r"\b(?:under|för|år|året|verksamhetsåret|avseende|avser)\s+(?:år\s+)?(20[0-9]{2})\b", re.IGNORECASE)
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


def adoption(document: Document, folded: Folded | None = None) -> tuple[date, Block] | None:
    """The date the report was adopted ("Fastställd av nämnden 2025-02-20"), if stated.

    `folded`: the block texts prepared for searching, when the caller has them."""
    folded = folded or Folded([b.text for b in document.blocks])
    for position in folded.candidates([_ADOPTED]):
        block = document.blocks[position]
        if not _ADOPTED.search(block.text):
            continue
        for match in _DATE.finditer(block.text):
            near = block.text[max(0, match.start() - 80) : match.start()]
            if _ADOPTED.search(near) and (found := _parse(match)):
                return found, block
    return None


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
