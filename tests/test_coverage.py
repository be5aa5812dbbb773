"""The coverage matrix across reports: paragraph-level rows, one column per report, totals, formats."""

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import replace

import sosfs_check
from sosfs_check.matrix import matrix, paragraph
from sosfs_check.engine import judge
from sosfs_check.render import matrix as render
from sosfs_check.result import STATUSES
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import build_docx

DOCX = Path(__file__).parent.parent / "fixtures" / "docx"
REPORTS = ["boras-2018-headings.docx", "boras-2021-headings.docx", "kvalitetsberattelse-aldreomsorg-2025.docx"]
AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def results():
    return [sosfs_check.check(DOCX / name, as_of=AS_OF) for name in REPORTS]


@pytest.fixture(scope="module")
def table(results):
    return matrix(results, builtin_rules())


def row(table, citation):
    return next(r for r in table.requirements if r.citation == citation)


def run(*args):
    return subprocess.run([sys.executable, "-m", "sosfs_check", *map(str, args)], capture_output=True)


def test_points_and_subsections_belong_to_their_paragraph():
    assert paragraph("SOSFS 2011:9 7 kap. 2 § p. 1") == "SOSFS 2011:9 7 kap. 2 §"
    assert paragraph("SFS 2010:659 3 kap. 10 § st. 2") == "SFS 2010:659 3 kap. 10 §"
    assert paragraph("SFS 2025:400 27 kap. 2–6 §§") == "SFS 2025:400 27 kap. 2–6 §§"


def test_a_row_per_cited_paragraph_and_a_column_per_report(table):
    assert [r.name for r in table.reports] == REPORTS
    risk = row(table, "SOSFS 2011:9 5 kap. 1 §")
    psb = row(table, "SFS 2010:659 3 kap. 10 §")
    assert risk.label == "SOSFS 2011:9 5 kap. 1 § Riskanalys" and risk.area == "riskanalys"
    assert psb.label == "SFS 2010:659 3 kap. 10 § Patientsäkerhetsberättelse" and psb.area == "berattelse"
    assert {"SOSFS-5-1-RISKANALYS", "SOSFS-5-1-GENOMFORD"} <= set(risk.rules)
    assert "SOSFS 2011:9 7 kap. 2 § p. 1" not in {r.citation for r in table.requirements}
    assert all(len(r.cells) == 3 and {c.status for c in r.cells} <= set(STATUSES) for r in table.requirements)
    areas = [r.area for r in table.requirements]
    assert areas == sorted(areas, key=list(builtin_rules().areas).index)  # grouped by checklist area, in checklist order


def test_cells_follow_the_checklist_semantics(results, table):
    for requirement in table.requirements:
        for result, cell in zip(results, requirement.cells):
            outcomes = [o for o in result.outcomes if o.rule_id in requirement.rules]
            status, section = judge(outcomes, result.document)
            applicable = [o for o in outcomes if o.outcome != "not_applicable"]
            if applicable and all(o.outcome == "pass" for o in applicable):
                status = "uppfyllt"
            assert (cell.status, cell.section) == (status, section)
    # PSL 3 kap. 9 § (organisatoriskt ansvar) does not apply to a kvalitetsberättelse for SoL only.
    assert [c.status for c in row(table, "SFS 2010:659 3 kap. 9 §").cells] == ["uppfyllt", "uppfyllt", "ej_tillampligt"]
    assert "Riskanalys" in row(table, "SOSFS 2011:9 5 kap. 1 §").cells[1].section


def test_a_report_without_its_risk_analysis_loses_the_requirement():
    full, cut = (sosfs_check.check(DOCX / f"boras-2021-{name}.docx", as_of=AS_OF) for name in ("headings", "utan-riskanalys"))
    risk = row(matrix([full, cut], builtin_rules()), "SOSFS 2011:9 5 kap. 1 §")
    assert risk.cells[0].section.endswith("5.3 Riskanalys")
    # Risks are still mentioned elsewhere, but a mention is no evidence: the requirement is not met.
    assert (risk.cells[1].status, risk.cells[1].section) == ("ej_uppfyllt", "")


def test_totals_per_report_and_per_requirement(table):
    for i in range(3):
        assert sum(table.totals(i).values()) == len(table.requirements)
    for requirement in table.requirements:
        assert sum(requirement.totals.values()) == 3
        assert requirement.totals["uppfyllt"] == sum(c.status == "uppfyllt" for c in requirement.cells)


def test_csv_is_for_swedish_excel(table):
    text = render.csv_text(table)
    assert text.startswith("\ufeffOmråde;Lagrum;Krav;boras-2018-headings.docx;")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + len(table.requirements) + len(STATUSES)
    risk = next(r for r in rows if r[1] == "SOSFS 2011:9 5 kap. 1 §")
    assert risk[0] == "Riskanalys" and risk[2] == "Riskanalys"


def test_xlsx_colours_each_status(table):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(render.xlsx(table))).active
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Område", "Lagrum", "Krav", *REPORTS]
    fills = {}
    for requirement, cells in zip(table.requirements, sheet.iter_rows(min_row=2, min_col=4, max_col=6)):
        for status_cell, cell in zip(requirement.cells, cells):
            fills.setdefault(status_cell.status, set()).add(cell.fill.fgColor.rgb)
    assert all(len(colours) == 1 for colours in fills.values())
    assert len({next(iter(c)) for c in fills.values()}) == len(fills)  # one colour per status


def test_markdown_and_html_name_every_report_and_requirement(table):
    for text in (render.markdown(table), render.html(table)):
        assert all(name in text for name in REPORTS)
        assert "SOSFS 2011:9 5 kap. 1 § Riskanalys" in text
        assert "SFS 2010:659 3 kap. 10 § Patientsäkerhetsberättelse" in text


def test_cli_reads_a_directory_and_reports_a_broken_file(tmp_path):
    for name in REPORTS:
        (tmp_path / name).write_bytes((DOCX / name).read_bytes())
    (tmp_path / "trasig.docx").write_bytes(b"inte en zip")
    proc = run("coverage", tmp_path, "--format", "json", "--as-of", "2026-11-25", "--jobs", "2")
    assert proc.returncode == 2
    assert "trasig.docx" in proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert [r["name"] for r in data["reports"]] == REPORTS
    citations = {q["citation"]: q for q in data["requirements"]}
    assert len(citations["SOSFS 2011:9 5 kap. 1 §"]["cells"]) == 3


def test_cli_writes_xlsx_to_a_file(tmp_path):
    target = tmp_path / "tackning.xlsx"
    proc = run("coverage", *(DOCX / n for n in REPORTS[:2]), "--format", "xlsx", "--output", target, "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes()[:2] == b"PK"


def test_a_kvalitetsberattelse_alone_has_no_psl_only_rows(results):
    kb = results[2]
    assert kb.profile == "kvalitetsberattelse"
    alone = matrix([kb], builtin_rules())
    expected = {paragraph(c) for r in builtin_rules().rules if "kvalitetsberattelse" in r.profiles for c in r.legal_basis}
    expected -= builtin_rules().law.authorisations
    assert {q.citation for q in alone.requirements} == expected
    assert "SFS 2010:659 3 kap. 9 §" not in expected  # PSL's own responsibility paragraph: patientsäkerhet only
    with_psb = matrix([results[1], kb], builtin_rules())
    assert row(with_psb, "SFS 2010:659 3 kap. 9 §").cells[1].status == "ej_tillampligt"


def test_bemyndiganden_make_no_row(table):
    """PSL 3 kap. 11 and 12 §§ empower the government and Socialstyrelsen to issue föreskrifter; a
    vårdgivare can neither meet nor breach them, even though PAKET-FORESKRIFT-ERSATT cites them."""
    cited = {r.citation for r in table.requirements}
    assert not {"SFS 2010:659 3 kap. 11 §", "SFS 2010:659 3 kap. 12 §"} & cited
    assert "SFS 2010:659 3 kap. 10 §" in cited
    assert "PAKET-FORESKRIFT-ERSATT" in {r.id for r in builtin_rules().rules}


def test_a_row_whose_every_rule_holds_is_uppfyllt(results):
    """Without the pack's list of bemyndiganden, 3 kap. 11 § is a row held up by one rule that only
    looks for faults: it passed in every report, so the row reads uppfyllt, never ej uppfyllt."""
    rules = builtin_rules()
    catalogue = SimpleNamespace(rules=rules.rules, areas=rules.areas, paragraphs=rules.paragraphs,
                                law=replace(rules.law, authorisations=frozenset()))
    eleven = row(matrix(results, catalogue), "SFS 2010:659 3 kap. 11 §")
    assert eleven.rules == ["PAKET-FORESKRIFT-ERSATT"]
    assert [c.status for c in eleven.cells] == ["uppfyllt", "uppfyllt", "uppfyllt"]


TANDVARD = """%% Patientsäkerhetsberättelse 2025

Tandläkarna Berg & Lind AB

Upprättad 2026-02-02 av verksamhetschef Anders Berg.

# Organisatoriskt ansvar

Bolaget är vårdgivare. Jag som verksamhetschef ansvarar för patientsäkerhetsarbetet och för att rutinerna följs.
"""

KOMMUN = """%% Patientsäkerhetsberättelse 2025

Vård- och omsorgsnämnden i Provby kommun

Upprättad 2026-02-10.

# Organisatoriskt ansvar

Vård- och omsorgsnämnden är vårdgivare. Förvaltningschefen är verksamhetschef. Medicinskt ansvarig sjuksköterska (MAS) ansvarar för att rutinerna är säkra.
"""


def test_hsl_11_kap_4_applies_only_to_a_kommun(tmp_path):
    """HSL 11 kap. 4 § (MAS) stands in the law's part on the kommun as huvudman: for a dental clinic
    the row is ej tillämpligt and no rule asks it for MAS or MAR."""
    tandvard, kommun = (
        sosfs_check.check(build_docx(spec, tmp_path / f"{name}.docx"), as_of=AS_OF)
        for name, spec in (("tandvard", TANDVARD), ("kommun", KOMMUN))
    )
    mas = row(matrix([tandvard, kommun], builtin_rules()), "SFS 2017:30 11 kap. 4 §")
    assert mas.rules == ["HSL-11-4-MAS"]
    assert [c.status for c in mas.cells] == ["ej_tillampligt", "uppfyllt"]
    assert [o.outcome for o in tandvard.outcomes if o.rule_id in ("HSL-11-4-MAS", "PSL-3-9-ROLLER")] == [
        "pass", "not_applicable"]
    assert not [f for f in tandvard.findings if "MAS" in f.message or "MAR" in f.message]
