"""Figures in tables: a label cell and the number below or beside it, in the period year's column or row;
and the tables of outcomes, whose figures describe a topic."""

from __future__ import annotations

import re

from .document import Block
from .lexicon import WORD
from .result import Fact

# A year and a digit, in table cells here and in headings (checks/context.py).
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
DIGIT = re.compile(r"\d")
_CELL_NUMBER = re.compile(r"^\s*(\d{1,5}(?:\s\d{3})?)\s*(?:st\.?)?\s*$")
# A table's column or row of one year: its header cell is the year, alone or after a word or two
# ("2025", "Utfall 2025", "Antal 2025").
_YEAR_CELL = re.compile(r"\s*(?:\w+\s+){0,2}?(20\d\d)\s*")
# A column or row of targets ("Mål", "Målvärde 2025", "Förväntat"): never the year's figure, which
# stands under "Utfall", "Resultat", "Antal" or the year.
_TARGET_CELL = re.compile(
    r"\s*(?:mål|målet|målvärde|målnivå|målsättning|förväntat|förväntad|prognos|budget|planerat)(?:\s+(?:för\s+)?20\d\d)?\s*",
    re.IGNORECASE,
)


def from_tables(blocks: list[Block], headers: dict[str, re.Pattern], year: int | None = None) -> list[Fact]:
    """Counts in tables: a label cell (one `headers[key]` matches: "Rapporterade avvikelser") and the
    number below or beside it, never in a column (row) of targets ("Mål"); when the columns (rows) are
    years, the number in the period year's column (row), and none when no column is the period's;
    without a known period, the latest year's."""
    cells = {b.table: b for b in blocks if b.table is not None}
    column_years = {(t, c): int(m.group(1)) for (t, r, c), b in cells.items() if r == 0 and (m := _YEAR_CELL.fullmatch(b.text))}
    row_years = {(t, r): int(m.group(1)) for (t, r, c), b in cells.items() if c == 0 and (m := _YEAR_CELL.fullmatch(b.text))}
    target_columns = {(t, c) for (t, r, c), b in cells.items() if r == 0 and _TARGET_CELL.fullmatch(b.text)}
    target_rows = {(t, r) for (t, r, c), b in cells.items() if c == 0 and _TARGET_CELL.fullmatch(b.text)}
    facts = []
    for (table, row, col), cell in cells.items():
        for key, header in headers.items():
            if not header.match(cell.text):
                continue
            below = [((table, r, col), (table, r)) for r in range(row + 1, row + 13) if (table, r) not in target_rows]
            beside = [((table, row, c), (table, c)) for c in range(col + 1, col + 13) if (table, c) not in target_columns]
            for line, years in ((below, row_years), (beside, column_years)):
                if (neighbour := _cell_of_year(cells, line, years, year)) is not None:
                    number = _CELL_NUMBER.match(neighbour.text)
                    excerpt = f"{cell.text} | {neighbour.text}"
                    facts.append(Fact(key, int(number.group(1).replace(" ", "")), neighbour.section_label, excerpt, neighbour.index))
                    break
    return facts


def _cell_of_year(cells: dict, line: list, years: dict, year: int | None) -> Block | None:
    """Of the cells along a line (below or beside a label), the one holding the figure: the period
    year's number when the line's cells are dated, else the next cell's number."""
    dated = {
        years[at]: cells[place] for place, at in line
        if at in years and place in cells and not _YEAR_CELL.fullmatch(cells[place].text)  # not the year itself
    }
    if dated:
        wanted = year if year is not None else max(dated)
        found = dated.get(wanted)
    else:
        found = cells.get(line[0][0]) if line else None
    return found if found is not None and _CELL_NUMBER.match(found.text) else None


def outcome_cells(blocks: list[Block], body: list[bool], headers: frozenset[str], year: int | None) -> list[int]:
    """Body cells with figures in the tables whose first row names one of the header words
    ("Utfall 2025") or holds two years ("2024 | 2025"), none after `year` (the one reported on):
    a table of outcomes."""
    tables: dict[int, list[int]] = {}
    for pos, block in enumerate(blocks):
        if block.table is not None and body[pos]:
            tables.setdefault(block.table[0], []).append(pos)
    out: list[int] = []
    for cells in tables.values():
        first = [blocks[p].text.lower() for p in cells if blocks[p].table[1] == 0]
        years = {int(y) for text in first for y in YEAR.findall(text)}
        if year is not None and any(y > year for y in years):
            continue  # goals for a coming year
        named = any(w in WORD.findall(text) for text in first for w in headers)
        if named or len(years) >= 2:
            out.extend(p for p in cells if blocks[p].table[1] > 0 and DIGIT.search(blocks[p].text))
    return out
