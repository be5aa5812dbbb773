"""The coverage matrix (`sosfs-check coverage`) as terminal table, Markdown, HTML, CSV or XLSX (in
the report language), or JSON.

CSV is written for Swedish Excel: UTF-8 with a byte order mark (so å, ä, ö survive a double
click) and semicolons between fields (Swedish Excel uses the comma as decimal separator).
"""

from __future__ import annotations

import csv
import io
import json
from html import escape as html_escape

from .. import __version__
from ..matrix import Matrix
from ..i18n import words
from ..result import STATUSES
from .markdown_report import escape as md_escape

STATUS_STYLE = {"uppfyllt": "green", "delvis": "yellow", "ej_uppfyllt": "bold red", "ej_tillampligt": "dim"}
FILL = {"uppfyllt": "DFF3E4", "delvis": "FFF1C2", "ej_uppfyllt": "FBDCDC", "ej_tillampligt": "EEEEEE"}


def _report_line(matrix: Matrix, w: dict[str, str]) -> list[str]:
    return [
        f"{r.name}: {r.profile_title}, {w['period_year'].lower()} {r.period_year or '–'}" for r in matrix.reports
    ]


def _totals(counts, w: dict[str, str]) -> str:
    return ", ".join(f"{counts[s]} {w[s]}" for s in STATUSES if counts[s])


def _counts(counts) -> str:
    """'2 / 1 / 0': uppfyllt / delvis / ej uppfyllt."""
    return " / ".join(str(counts[s]) for s in STATUSES[:3])


def print_rich(matrix: Matrix, console, lang: str = "sv") -> None:
    """Compact: each cell shows the status and the last heading of the evidence section."""
    from rich.table import Table
    from rich.text import Text

    w = words(lang)
    table = Table(title=w["coverage"], title_justify="left", caption=" · ".join(_report_line(matrix, w)),
                  caption_justify="left")
    table.add_column(w["requirement_basis"], overflow="fold")
    for report in matrix.reports:
        table.add_column(report.name, overflow="fold")
    table.add_column(w["status_counts"], overflow="fold")
    for area, requirements in matrix.by_area():
        table.add_section()
        table.add_row(Text(matrix.areas[area], style="bold"))
        for requirement in requirements:
            cells = []
            for cell in requirement.cells:
                text = Text(w[cell.status], style=STATUS_STYLE[cell.status])
                if cell.section:
                    text.append(f" ({cell.section.rsplit(' > ', 1)[-1]})", style="dim")
                cells.append(text)
            table.add_row(requirement.label, *cells, _counts(requirement.totals))
    table.add_section()
    table.add_row(Text(w["total"], style="bold"), *[_counts(matrix.totals(i)) for i in range(len(matrix.reports))], "")
    console.print(table)


def markdown(matrix: Matrix, lang: str = "sv") -> str:
    w = words(lang)
    header = [w["requirement_basis"], *(md_escape(r.name) for r in matrix.reports), w["total"]]
    lines = [f"# {w['coverage']}", "", *(f"- {md_escape(line)}" for line in _report_line(matrix, w)), ""]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for area, requirements in matrix.by_area():
        lines.append(f"| **{md_escape(matrix.areas[area])}** |" + " |" * (len(header) - 1))
        for requirement in requirements:
            cells = [
                f"{w[c.status]}" + (f" ({md_escape(c.section)})" if c.section else "") for c in requirement.cells
            ]
            lines.append(
                "| " + " | ".join([md_escape(requirement.label), *cells, _totals(requirement.totals, w)]) + " |"
            )
    totals = [_totals(matrix.totals(i), w) for i in range(len(matrix.reports))]
    lines.append("| " + " | ".join([f"**{w['total']}**", *totals, ""]) + " |")
    return "\n".join(lines) + "\n"


CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font: 10pt/1.4 "Segoe UI", "Liberation Sans", Arial, sans-serif; color: #1b1b1b; margin: 8mm; }
h1 { font-size: 16pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #b8b8b8; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #ececec; }
tr.area th { background: #d9d9d9; }
td small { display: block; color: #555; }
.uppfyllt { background: #dff3e4; color: #0b5d1e; }
.delvis { background: #fff1c2; color: #6b4b00; }
.ej_uppfyllt { background: #fbdcdc; color: #8a1010; }
.ej_tillampligt { color: #6b6b6b; }
footer { margin-top: 6mm; color: #666; font-size: 9pt; }
@media print { td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } tr { break-inside: avoid; } }
"""


def html(matrix: Matrix, lang: str = "sv") -> str:
    e, w = html_escape, words(lang)
    span = len(matrix.reports) + 2
    rows = [
        "<tr><th>" + e(w["requirement_basis"]) + "</th>" + "".join(f"<th>{e(r.name)}</th>" for r in matrix.reports)
        + f"<th>{w['total']}</th></tr>"
    ]
    for area, requirements in matrix.by_area():
        rows.append(f'<tr class="area"><th colspan="{span}">{e(matrix.areas[area])}</th></tr>')
        for requirement in requirements:
            cells = "".join(
                f'<td class="{c.status}">{e(w[c.status])}' + (f"<small>{e(c.section)}</small>" if c.section else "")
                + "</td>"
                for c in requirement.cells
            )
            rows.append(f"<tr><td>{e(requirement.label)}</td>{cells}<td>{e(_totals(requirement.totals, w))}</td></tr>")
    totals = "".join(f"<td>{e(_totals(matrix.totals(i), w))}</td>" for i in range(len(matrix.reports)))
    rows.append(f"<tr><th>{w['total']}</th>{totals}<td></td></tr>")
    reports = "".join(f"<li>{e(line)}</li>" for line in _report_line(matrix, w))
    title = e(w["coverage"])
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{CSS}</style></head><body>\n<h1>{title}</h1>\n<ul>{reports}</ul>\n"
        f"<table>\n" + "\n".join(rows) + "\n</table>\n"
        f"<footer>sosfs-check {__version__}</footer>\n</body></html>\n"
    )


def _header(w: dict[str, str]) -> list[str]:
    return [w["area"], w["citation"], w["requirement"]]


def _sheet_rows(matrix: Matrix, w: dict[str, str]) -> list[list]:
    """The table as rows for CSV: per report a status column and an evidence column."""
    header = _header(w)
    for report in matrix.reports:
        header += [report.name, f"{report.name} – {w['evidence'].lower()}"]
    header += [w[s].capitalize() for s in STATUSES]
    rows = [header]
    for requirement in matrix.requirements:
        row = [matrix.areas[requirement.area], requirement.citation, requirement.title]
        for cell in requirement.cells:
            row += [w[cell.status], cell.section]
        rows.append(row + [requirement.totals[s] for s in STATUSES])
    for status in STATUSES:
        row = ["", "", f"{w['total']} {w[status]}"]
        for i in range(len(matrix.reports)):
            row += [matrix.totals(i)[status], ""]
        rows.append(row)
    return rows


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula (OWASP)


def spreadsheet_cell(value):
    """A cell that a spreadsheet shows and never runs: text beginning like a formula gets a
    leading apostrophe, as OWASP's advice on CSV injection says; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(matrix: Matrix, lang: str = "sv") -> str:
    """Semicolon-separated, with a BOM: encode as UTF-8 and Excel opens it right."""
    out = io.StringIO()
    out.write("\ufeff")
    rows = _sheet_rows(matrix, words(lang))
    csv.writer(out, delimiter=";").writerows([spreadsheet_cell(v) for v in row] for row in rows)
    return out.getvalue()


def xlsx(matrix: Matrix, lang: str = "sv") -> bytes:
    """One coloured status cell per report and requirement; the evidence section as a comment."""
    try:
        from openpyxl import Workbook
    except ImportError:
        from ..errors import UserError
        from ..extras import missing

        raise UserError(missing("xlsx", "XLSX-utdata")) from None
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    w = words(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = w["coverage_sheet"]
    bold = Font(bold=True)
    header = [*_header(w), *(r.name for r in matrix.reports), *(w[s].capitalize() for s in STATUSES)]
    sheet.append([spreadsheet_cell(v) for v in header])
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for requirement in matrix.requirements:
        sheet.append([spreadsheet_cell(v) for v in (
            matrix.areas[requirement.area], requirement.citation, requirement.title,
            *(w[c.status] for c in requirement.cells), *(requirement.totals[s] for s in STATUSES),
        )])
        for column, cell in enumerate(requirement.cells, start=4):
            target = sheet.cell(row=sheet.max_row, column=column)
            target.fill = PatternFill("solid", fgColor=FILL[cell.status])
            if cell.section:
                target.comment = Comment(f"{w['evidence']}: {cell.section}", "sosfs-check")
    for status in STATUSES:
        totals = (matrix.totals(i)[status] for i in range(len(matrix.reports)))
        sheet.append(["", "", f"{w['total']} {w[status]}", *totals])
        sheet.cell(row=sheet.max_row, column=3).font = bold
    for letter, width in zip("ABC", (28, 26, 44)):
        sheet.column_dimensions[letter].width = width
    for column in range(4, 4 + len(matrix.reports)):
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = 18
    sheet.freeze_panes = "D2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def json_text(matrix: Matrix) -> str:
    data = {
        "tool": {"name": "sosfs-check", "version": __version__},
        "reports": [
            {"path": str(r.path), "name": r.name, "profile": r.profile, "report_year": r.report_year,
             "period_year": r.period_year, "totals": dict(matrix.totals(i))}
            for i, r in enumerate(matrix.reports)
        ],
        "requirements": [
            {"citation": q.citation, "title": q.title, "area": q.area, "rules": q.rules,
             "cells": [{"status": c.status, "section": c.section} for c in q.cells], "totals": dict(q.totals)}
            for q in matrix.requirements
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
