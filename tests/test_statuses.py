"""A table's status column answered yes or no (issue 21): under a column headed "Genomförd", "Klar" or
"Utförd", "Ja", "x" or "✓" makes the row a measure taken and "Nej", "–" or an empty cell a plan. The
header row is no status, and a table without such a column reads as before (statuses.py)."""

from __future__ import annotations

from datetime import date

import pytest

import sosfs_check
from sosfs_check.packs import builtin_rules
from sosfs_check.prefilter import Folded
from sosfs_check.statuses import Statuses

from helpers import DocxForms

pytestmark = pytest.mark.xdist_group("statuses")  # the documents of the module are built once, on one worker
DATA = builtin_rules().vocabulary.data
STATUSES = Statuses(DATA.done_statuses, DATA.plan_statuses, yes=DATA.yes_answers, no=DATA.no_answers)
PSB = "%% Patientsäkerhetsberättelse 2025\n\nVård- och omsorgsnämnden i Provby kommun\n\nUpprättad 2026-02-10.\n\n"


def table(rows: list[list[str]]) -> tuple[list[tuple[int, str]], dict[int, tuple[int, int, int]]]:
    """The sentences and cells of one table, as `Statements` gets them (an empty cell has no sentence)."""
    texts, cells = [], {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                position = len(cells)
                texts.append((position, text))
                cells[position] = (0, r, c)
    return texts, cells


def by_row(statuses: Statuses, texts: list[tuple[int, str]], cells: dict[int, tuple[int, int, int]]) -> list[str]:
    return statuses.by_row(texts, cells, Folded([text for _, text in texts]))


@pytest.mark.parametrize(("header", "answer", "status"), [
    ("Genomförd", "Ja", "done"),
    ("Klar", "x", "done"),
    ("Utförd", "✓", "done"),
    ("Genomförd (ja/nej)", "ja", "done"),
    ("Genomförd", "Nej", "plan"),
    ("Klar", "–", "plan"),
    ("Utförd", "", "plan"),
    ("Planerad", "Ja", "plan"),
    ("Planerad", "Nej", ""),
])
def test_a_yes_or_no_under_a_status_column_is_the_rows_status(header, answer, status):
    texts, cells = table([["Åtgärd", header], ["Ny rutin för munvård", answer], ["Fallrond varje vecka", "Ja"]])
    found = by_row(STATUSES, texts, cells)
    assert found[:2] == ["", ""]  # the header row names the columns
    assert found[2] == status


@pytest.mark.parametrize("rows", [
    [["Åtgärd", "Ansvarig"], ["Ny rutin för munvård", "Ja"]],  # no status column
    [["Åtgärd", "Klar"], ["Ny rutin för munvård", "mars 2026"], ["Fallrond", ""]],  # dates, no yes or no
    [["Ny rutin för munvård", "Ja"], ["Fallrond", "Nej"]],  # "Ja" in the header row answers nothing
])
def test_a_table_without_a_status_column_answered_yes_or_no_is_unchanged(rows):
    texts, cells = table(rows)
    assert by_row(STATUSES, texts, cells) == by_row(Statuses(DATA.done_statuses, DATA.plan_statuses), texts, cells)
    assert set(by_row(STATUSES, texts, cells)) == {""}


MEASURES = "# Åtgärder\n\n| Åtgärd | Ansvarig | {header} |\n|---|---|---|\n{rows}\n"


TABLES = [
    ("ja", "Genomförd", "| Dubbelsignering av insulin på korttidsenheten | MAS | Ja |\n| Ny rutin för munvård | Enhetschef | Nej |", "pass"),
    ("bock", "Utförd", "| Översyn av larmkedjan nattetid | Enhetschef | ✓ |", "pass"),
    ("nej", "Genomförd", "| Dubbelsignering av insulin på korttidsenheten | MAS | Nej |", "fail"),
    ("tom", "Klar", "| Dubbelsignering av insulin på korttidsenheten | MAS |  |", "fail"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`built(name, body, form)`: the report with `body` as "headings", "bold" or "libreoffice" (the
    headings form saved again); every table's resave is made in one LibreOffice run."""
    forms = DocxForms(tmp_path_factory.mktemp("statuses"), toc=False)
    for name, header, rows, _ in TABLES:
        forms.ahead(name, PSB + MEASURES.format(header=header, rows=rows), "headings")
    return lambda name, body, form: forms(name, PSB + body, "bold" if form == "bold" else "headings",
                                          resaved=form == "libreoffice")


@pytest.mark.parametrize("form", ["headings", "bold", "libreoffice"])
@pytest.mark.parametrize(("name", "header", "rows", "outcome"), TABLES)
def test_a_measures_table_answered_yes_is_a_measure_taken(built, form, name, header, rows, outcome):
    path = built(name, MEASURES.format(header=header, rows=rows), form)
    result = sosfs_check.check(path, as_of=date(2026, 3, 1))
    found = next(o for o in result.outcomes if o.rule_id == "PSL-3-10-ATGARDER")
    assert found.outcome == outcome
