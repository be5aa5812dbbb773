"""The core check on real reports: the Borås texts built as DOCX four ways, at test time."""

from datetime import date
from pathlib import Path

import pytest

import sosfs_check
from sosfs_check.testing import build_docx

from helpers import DocxForms

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
AS_OF = date(2026, 11, 25)
FORMS = ["headings", "template", "bold", "libreoffice"]
REPORTS = ["boras-2018", "boras-2021"]
pytestmark = pytest.mark.xdist_group("check_reports")  # the documents of the module are built once, on one worker


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build each report in each form once: python-docx three ways, then saved again by LibreOffice
    (both reports in one run)."""
    forms = DocxForms(tmp_path_factory.mktemp("reports"))
    for report in REPORTS:
        forms.ahead(report, seed(report), "headings")
    return lambda report, form: forms(report, seed(report), "headings" if form == "libreoffice" else form,
                                      resaved=form == "libreoffice")


def seed(report: str) -> str:
    return (SEEDS / f"{report}.md").read_text(encoding="utf-8")


def statuses(result) -> dict[str, str]:
    return {a.area: a.status for a in result.checklist}


def finding_ids(result) -> set[str]:
    return {f.rule_id for f in result.findings}


@pytest.mark.parametrize("report", REPORTS)
def test_four_forms_give_identical_checklists(built, report):
    results = {form: sosfs_check.check(built(report, form), as_of=AS_OF) for form in FORMS}
    reference = statuses(results["headings"])
    for form, result in results.items():
        assert statuses(result) == reference, form
        assert result.profile == "kombinerad"
        assert result.report_year == int(report[-4:])


def test_boras_2018_verdicts_are_what_a_sas_would_give(built):
    result = sosfs_check.check(built("boras-2018", "headings"), as_of=AS_OF)
    status = statuses(result)
    # Samverkan has no section with external partners, but the summary describes it ("samverkan med
    # vårdcentralerna Boda och Herkules", issue 21); patients and närstående are nowhere described.
    assert status["samverkan"] == "delvis"
    assert "PSL-3-4-DELAKTIGHET" in finding_ids(result)
    assert "SOSFS-4-6-EXTERN" not in finding_ids(result)
    # No count of avvikelser, and the report says there was no system for them.
    assert status["avvikelser"] == "delvis"
    assert {"FIGUR-AVVIKELSER", "AVVIKELSER-SYSTEM"} <= finding_ids(result)
    system = next(f for f in result.findings if f.rule_id == "AVVIKELSER-SYSTEM")
    assert "inte ett formaliserat system för avvikelser" in system.location.excerpt
    # "Risakanalys" (sic) is still the riskanalys section, and risk analyses were made.
    assert status["riskanalys"] == "uppfyllt"
    for area in ("ansvar", "egenkontroll", "klagomal"):
        assert status[area] == "uppfyllt", area


def test_boras_2021_verdicts_are_what_a_sas_would_give(built):
    result = sosfs_check.check(built("boras-2021", "headings"), as_of=AS_OF)
    status = statuses(result)
    assert status["samverkan"] == "uppfyllt"  # external partners and the enskilde are covered
    assert status["riskanalys"] == "delvis"  # "har inte genomfört några riskanalyser under 2021"
    absence = next(f for f in result.findings if f.rule_id == "SOSFS-5-1-GENOMFORD")
    assert absence.location.excerpt == "Arbetslivsnämnden har inte genomfört några riskanalyser under 2021."
    assert absence.location.section.endswith("6.1 Riskanalys")
    assert not any(f.severity == "error" for f in result.findings)


def test_deleted_riskanalys_section_still_in_toc(built):
    result = sosfs_check.check(built("boras-2021-utan-riskanalys", "headings"), as_of=AS_OF)
    assert statuses(result)["riskanalys"] != "uppfyllt"
    risk = [f for f in result.findings if f.area == "riskanalys"]
    assert any(f.rule_id == "SOSFS-5-1-RISKANALYS" and f.severity == "warning" for f in risk)
    toc = [f.message for f in result.findings if f.rule_id == "BERATTELSE-INNEHALLSFORTECKNING"]
    assert any("5.3 Riskanalys" in m for m in toc) and any("6.1 Riskanalys" in m for m in toc)


def test_complete_kvalitetsberattelse_is_recognised_and_mostly_fulfilled(built):
    result = sosfs_check.check(built("kvalitetsberattelse-aldreomsorg-2025", "headings"), as_of=AS_OF)
    assert result.profile == "kvalitetsberattelse"
    assert (result.report_year, result.period_year) == (2025, 2025)
    ids = {o.rule_id for o in result.outcomes if o.outcome == "not_applicable"}
    assert "PSL-3-5-LEX-MARIA" in ids  # lex Maria is not demanded of a SoL-only report
    status = statuses(result)
    # KB-27-7-KOMMUN-IVO (SoL 27 kap. 7 §, from 2026) is not asked of a report on 2025 (review3 item 14).
    assert [a for a, s in status.items() if s != "uppfyllt"] == ["lagar", "processer", "medverkan"]
    # Staff are told of the duty to report (lex Sarah) but not of the duty to help keep good quality
    # (SoL (2025:400) 27 kap. 3 § p. 2); the rest is good practice the new SoL brought.
    assert sorted((f.rule_id, f.severity) for f in result.findings) == [
        ("KB-5-1-VETENSKAP", "info"),
        ("SOL-27-3-INFORMATION", "warning"), ("SOSFS-LAGKRAV-BEVAKNING", "info"),
    ]


def test_missing_section_is_reported_at_the_title(tmp_path):
    spec = "%% Patientsäkerhetsberättelse 2025\n\nVårdgivare: Region Exempel\n\n# Sammanfattning\n\nKort text om året.\n"
    result = sosfs_check.check(build_docx(spec, tmp_path / "kort.docx"), as_of=AS_OF)
    missing = next(f for f in result.findings if f.rule_id == "PSL-3-9-ANSVAR")
    assert missing.severity == "warning" and missing.location.section == ""
    assert missing.location.block == 1  # the title paragraph, where a comment would be anchored
    assert statuses(result)["ansvar"] == "ej_uppfyllt"


def test_document_without_headings_is_still_checked(tmp_path):
    text = (
        "%% Patientsäkerhetsberättelse 2024\n\n"
        "Riskanalys gjordes inför sommaren. Sannolikhet och konsekvens bedömdes för varje risk i en "
        "riskmatris, och åtgärder togs fram för de största riskerna under hösten.\n"
    )
    path = build_docx(text, tmp_path / "platt.docx")
    result = sosfs_check.check(path, as_of=AS_OF)
    assert result.document.headings == []
    assert any("Inga rubriker" in w for w in result.document.warnings)
    assert statuses(result)["riskanalys"] == "uppfyllt"
    assert statuses(result)["ansvar"] == "ej_uppfyllt"


def test_neither_kind_of_report_needs_a_profile(tmp_path):
    path = build_docx("%% Verksamhetsplan 2025\n\n# Inledning\n\nPlanen för året.\n", tmp_path / "plan.docx")
    with pytest.raises(sosfs_check.InputError, match="--profile"):
        sosfs_check.check(path)
    assert sosfs_check.check(path, profile="kvalitetsberattelse").profile == "kvalitetsberattelse"
