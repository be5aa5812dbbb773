"""Reports by other authors (issue 21): each of the eight reports in tests/authors/reports.yml gives
exactly its findings and checklist, as DOCX written by python-docx and as saved by LibreOffice."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

import sosfs_check
from sosfs_check.testing import build_docx

from helpers import DocxForms

pytestmark = pytest.mark.xdist_group("other_authors")  # the documents of the module are built once, on one worker
REPORTS = yaml.safe_load((Path(__file__).parent / "authors" / "reports.yml").read_text(encoding="utf-8"))["reports"]
FORMS = ["python-docx", "libreoffice"]


def outcome(path: Path, as_of: date) -> tuple[list[str], dict[str, str]]:
    """(findings as "RULE-ID | section", sorted; status per area)."""
    result = sosfs_check.check(path, as_of=as_of)
    findings = sorted(f"{f.rule_id} | {f.location.section}" for f in result.findings)
    return findings, {a.area: a.status for a in result.checklist}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`built(report, form)`: "python-docx" or "libreoffice" (that file saved again); the resaves of
    every report are made in one LibreOffice run."""
    forms = DocxForms(tmp_path_factory.mktemp("authors"))
    for report in REPORTS:
        forms.ahead(report["name"], report["document"], "headings")
    return lambda report, form: forms(report["name"], report["document"], "headings", resaved=form == "libreoffice")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("report", REPORTS, ids=[r["name"] for r in REPORTS])
def test_report_gives_exactly_its_findings_and_checklist(built, report, form):
    findings, checklist = outcome(built(report, form), report["as_of"])
    assert findings == sorted(report["findings"])
    assert checklist == report["checklist"]


def test_there_are_eight_shapes():
    assert len({r["name"] for r in REPORTS}) == len(REPORTS) >= 8


# --- no error may rest on a heading alone (issue 21)

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
RANK = {"ej_tillampligt": -1, "ej_uppfyllt": 0, "delvis": 1, "uppfyllt": 2}
HEADING = re.compile(r"^(#{1,6}) +(.*)$")
SHAPES = [(r["name"], r["document"], r["as_of"]) for r in REPORTS] + [
    (name, (SEEDS / f"{name}.md").read_text(encoding="utf-8"), date(2026, 3, 1)) for name in ("boras-2018", "boras-2021")]


def headings_as_paragraphs(spec: str) -> str:
    """Every heading a plain body paragraph: no style, no numbering of its own, no bold."""
    return "\n".join(HEADING.sub(lambda m: m[2], line) for line in spec.splitlines())


def headings_renamed(spec: str) -> str:
    """Every heading kept as a heading but renamed to a wording no rule knows ("Del 3")."""
    count = iter(range(1, 1000))
    return "\n".join(HEADING.sub(lambda m: f"{m[1]} Del {next(count)}", line) for line in spec.splitlines())


def verdicts(path: Path, as_of: date) -> tuple[dict[str, str], set[str]]:
    result = sosfs_check.check(path, as_of=as_of)
    return {a.area: a.status for a in result.checklist}, {f.rule_id for f in result.findings if f.severity == "error"}


@pytest.mark.parametrize("reshape", [headings_as_paragraphs, headings_renamed], ids=["som-stycken", "omdopta"])
@pytest.mark.parametrize("name, spec, as_of", SHAPES, ids=[s[0] for s in SHAPES])
def test_no_verdict_rests_on_the_shape_of_a_heading(tmp_path, name, spec, as_of, reshape):
    """With the headings turned into plain paragraphs, or renamed, the content is still there: no
    area rises (a heading's words are no evidence) and no new error appears (a description counts
    wherever it stands)."""
    areas, errors = verdicts(build_docx(spec, tmp_path / f"{name}.docx"), as_of)
    reshaped_areas, reshaped_errors = verdicts(build_docx(reshape(spec), tmp_path / f"{name}-omformad.docx"), as_of)
    assert {a: (areas[a], s) for a, s in reshaped_areas.items() if RANK[s] > RANK[areas[a]]} == {}
    assert reshaped_errors - errors == set()
