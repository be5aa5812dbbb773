"""Reports by other authors (issue 21): each of the eight reports in tests/authors/reports.yml gives
exactly its findings and checklist, as DOCX written by python-docx and as saved by LibreOffice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

import sosfs_check
from sosfs_check.testing import build_docx, libreoffice_resave, soffice_path

REPORTS = yaml.safe_load((Path(__file__).parent / "authors" / "reports.yml").read_text(encoding="utf-8"))["reports"]
FORMS = ["python-docx", "libreoffice"]


def outcome(path: Path, as_of: date) -> tuple[list[str], dict[str, str]]:
    """(findings as "RULE-ID | section", sorted; status per area)."""
    result = sosfs_check.check(path, as_of=as_of)
    findings = sorted(f"{f.rule_id} | {f.location.section}" for f in result.findings)
    return findings, {a.area: a.status for a in result.checklist}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("authors")
    cache: dict[tuple[str, str], Path] = {}

    def get(report: dict, form: str) -> Path:
        key = (report["name"], form)
        if key not in cache:
            if form == "libreoffice":
                if soffice_path() is None:
                    pytest.skip("LibreOffice (soffice) saknas")
                cache[key] = libreoffice_resave(get(report, "python-docx"), out / "lo")
            else:
                cache[key] = build_docx(report["document"], out / f"{report['name']}.docx")
        return cache[key]

    return get


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("report", REPORTS, ids=[r["name"] for r in REPORTS])
def test_report_gives_exactly_its_findings_and_checklist(built, report, form):
    findings, checklist = outcome(built(report, form), report["as_of"])
    assert findings == sorted(report["findings"])
    assert checklist == report["checklist"]


def test_there_are_eight_shapes():
    assert len({r["name"] for r in REPORTS}) == len(REPORTS) >= 8
