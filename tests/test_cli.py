"""The `sosfs-check check` contract: exit codes, JSON shape, Swedish errors without tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sosfs_check.testing import build_docx

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "fixtures" / "examples" / "boras-2021.docx"


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "sosfs_check", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def test_json_contract_on_the_example_report():
    proc = run("check", EXAMPLE, "--format", "json", "--as-of", "2026-11-25", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["tool"]["name"] == "sosfs-check"
    [doc] = report["documents"]
    assert {"path", "profile", "report_year", "period_year", "checklist", "results", "findings", "facts", "reader"} <= set(doc)
    assert (doc["profile"], doc["report_year"], doc["period_year"]) == ("kombinerad", 2021, 2021)
    assert [a["area"] for a in doc["checklist"]] == [
        "lagar", "ansvar", "processer", "samverkan", "riskanalys", "egenkontroll",
        "klagomal", "avvikelser", "forbattring", "medverkan", "dokumentation", "berattelse",
    ]  # fmt: skip
    assert {r["outcome"] for r in doc["results"]} == {"pass", "fail", "not_applicable"}
    finding = next(f for f in doc["findings"] if f["rule_id"] == "SOSFS-5-1-GENOMFORD")
    assert finding["legal_basis"] == ["SOSFS 2011:9 5 kap. 1 §"]
    assert set(finding["location"]) >= {"section", "block", "excerpt"}
    assert {"key": "klagomal_synpunkter", "value": 12}.items() <= next(
        f for f in doc["facts"] if f["key"] == "klagomal_synpunkter"
    ).items()
    assert doc["reader"]["headings"] == 44 and doc["reader"]["warnings"] == []


def test_exit_code_follows_fail_on():
    # The example has warnings but no errors.
    assert run("check", EXAMPLE, "-f", "json", "--as-of", "2026-11-25").returncode == 0
    assert run("check", EXAMPLE, "-f", "json", "--as-of", "2026-11-25", "--fail-on", "warning").returncode == 1


def test_error_finding_gives_exit_1(tmp_path):
    path = build_docx("%% Patientsäkerhetsberättelse 2025\n\n# Sammanfattning\n\nKort.\n", tmp_path / "tunn.docx")
    proc = run("check", path, "-f", "json")
    assert proc.returncode == 1
    assert any(f["severity"] == "error" for f in json.loads(proc.stdout)["documents"][0]["findings"])


def test_rich_report_is_swedish_and_english_on_request():
    sv = run("check", EXAMPLE, "--as-of", "2026-11-25")
    assert "Checklista för ledningssystemet" in sv.stdout and "delvis uppfyllt" in sv.stdout
    assert "Rättslig grund: SOSFS 2011:9 5 kap. 1 §" in sv.stdout
    en = run("check", EXAMPLE, "--as-of", "2026-11-25", "--lang", "en")
    assert "Management-system checklist" in en.stdout and "partly fulfilled" in en.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "finns-inte.docx"], "finns-inte.docx: filen finns inte"),
        (["check", "."], ".: mappen innehåller inga rapporter"),
        (["check", EXAMPLE, "--as-of", "25/11/2026"], "ogiltigt datum"),
        (["check", EXAMPLE, "--profile", "okänd"], "okänd profil"),
    ],
)
def test_usage_and_input_errors_exit_2_without_traceback(tmp_path, args, message):
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_document_that_is_neither_kind_needs_profile(tmp_path):
    path = build_docx("%% Verksamhetsplan 2025\n\n# Inledning\n\nPlanen för året.\n", tmp_path / "plan.docx")
    proc = run("check", path)
    assert proc.returncode == 2 and "plan.docx" in proc.stderr and "--profile" in proc.stderr
    assert run("check", path, "--profile", "kvalitetsberattelse", "--fail-on", "never").returncode == 0


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "trasig.docx").write_bytes(b"inte en zip")
    proc = run("check", tmp_path / "trasig.docx", EXAMPLE, "-f", "json", "--as-of", "2026-11-25")
    assert proc.returncode == 2
    assert "trasig.docx" in proc.stderr
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == [str(EXAMPLE)]


def test_directory_skips_files_that_are_not_reports(tmp_path):
    reports = tmp_path / "berattelser"
    reports.mkdir()
    (reports / "README.md").write_text("# Berättelser\n\nHär ligger nämndernas berättelser.\n", encoding="utf-8")
    (reports / "boras-2021.docx").write_bytes(EXAMPLE.read_bytes())
    proc = run("check", reports, "-f", "json", "--as-of", "2026-11-25")
    assert proc.returncode == 0, proc.stderr
    assert "hoppar över" in proc.stderr and "README.md" in proc.stderr
    assert [Path(d["path"]).name for d in json.loads(proc.stdout)["documents"]] == ["boras-2021.docx"]
    # Named explicitly, the same file is an error: the user asked for it.
    assert run("check", reports / "README.md").returncode == 2
