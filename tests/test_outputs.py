"""Report formats for CI, reviewers and terminals, on the real Borås 2021 report."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from helpers import replace

import sosfs_check
from sosfs_check.render import Run, github, html_report, junit, markdown_report, sarif
from sosfs_check.result import fingerprint
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import build_docx

ROOT = Path(__file__).parent.parent
EXAMPLE = Path("fixtures/examples/boras-2021.docx")  # relative: reports show the path as given
SEED = ROOT / "fixtures" / "seeds" / "boras-2021.md"
SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")
AS_OF = date(2026, 11, 25)


def cli(*args: str, cwd: Path = ROOT, python: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run(
        [sys.executable, *python, "-m", "sosfs_check", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def result(request):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return sosfs_check.check(EXAMPLE, as_of=AS_OF)
    finally:
        os.chdir(cwd)


# -- SARIF -----------------------------------------------------------------------------------


@pytest.mark.skipif(not SCHEMA.exists(), reason="SARIF-schemat saknas")
def test_sarif_is_valid_against_the_official_schema(result):
    log = json.loads(sarif.render([result], "sv", builtin_rules().rules))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)


def test_sarif_has_one_result_per_finding_with_line_and_section(result):
    run = json.loads(sarif.render([result], "sv", builtin_rules().rules))["runs"][0]
    assert len(run["results"]) == len(result.findings) > 5
    rules = run["tool"]["driver"]["rules"]
    for finding, item in zip(result.findings, run["results"]):
        assert item["ruleId"] == finding.rule_id == rules[item["ruleIndex"]]["id"]
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        assert item["message"]["text"] == finding.message
        location = item["locations"][0]
        assert location["physicalLocation"]["region"]["startLine"] == finding.location.line
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "fixtures/examples/boras-2021.docx"
        if finding.location.section:
            assert location["logicalLocations"][0]["fullyQualifiedName"] == finding.location.section
        else:
            assert "logicalLocations" not in location
    stale = next(r for r in rules if r["id"] == "LAGAR-INAKTUELL-REFERENS")
    assert stale["help"]["text"].split("\n\n")[-1] == (
        "Så åtgärdar du bristen: Byt till den nu gällande hänvisningen. Om texten medvetet beskriver historiken, "
        "skriv det (t.ex. ”tidigare SKL”).")
    assert stale["properties"]["legalBasis"] == ["SOSFS 2011:9 2 kap. 1 §"]


def _fingerprints(path: Path) -> tuple[Counter, dict[str, int]]:
    run = json.loads(sarif.render([sosfs_check.check(path, as_of=AS_OF)], "sv", builtin_rules().rules))["runs"][0]
    prints = [r["partialFingerprints"]["sosfsCheck/v1"] for r in run["results"]]
    lines = {p: r["locations"][0]["physicalLocation"]["region"]["startLine"] for p, r in zip(prints, run["results"])}
    return Counter(prints), lines


def test_fingerprints_do_not_change_when_unrelated_text_moves(tmp_path):
    spec = SEED.read_text(encoding="utf-8")
    inserted = (
        "# 1 Sammanfattning\n\nFörvaltningen flyttade under året till nya lokaler i centrum.\n\n"
        "Ett nytt ärendesystem togs i bruk under hösten.\n\n"
    )
    assert spec.count("# 1 Sammanfattning\n\n") == 1
    before, lines_before = _fingerprints(build_docx(spec, tmp_path / "a.docx"))
    after, lines_after = _fingerprints(build_docx(spec.replace("# 1 Sammanfattning\n\n", inserted), tmp_path / "b.docx"))
    assert before == after
    assert any(lines_after[p] == lines_before[p] + 2 for p in before)  # the lines did move


def test_fingerprint_follows_rule_section_and_quote_not_position(result):
    finding = next(f for f in result.findings if f.location.excerpt and f.location.section)
    same = fingerprint(finding)
    assert fingerprint(replace(finding, location=replace(finding.location, line=999, block=999))) == same
    renumbered = re.sub(r"\b(\d+)(?=[. ])", lambda m: str(int(m[1]) + 1), finding.location.section)
    assert renumbered != finding.location.section
    assert fingerprint(replace(finding, location=replace(finding.location, section=renumbered))) == same
    assert fingerprint(replace(finding, location=replace(finding.location, excerpt="En annan mening."))) != same
    assert fingerprint(replace(finding, rule_id="PSL-3-10-TILLGANGLIG")) != same


# -- JUnit -----------------------------------------------------------------------------------


def test_junit_has_a_testcase_per_rule_with_unique_names(result):
    root = ET.fromstring(junit.render([result, result], "sv", Run(fail_on="warning")))
    suites = root.findall("testsuite")
    assert len(suites) == 2
    cases = suites[0].findall("testcase")
    assert [c.get("name").split()[0] for c in cases] == [o.rule_id for o in result.outcomes]
    names = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(set(names)) == len(names)
    failed = {f.rule_id for f in result.findings if f.severity in ("warning", "error")}
    failures = {c.get("name").split()[0]: c.find("failure") for c in cases if c.find("failure") is not None}
    assert set(failures) == failed
    assert int(suites[0].get("failures")) == len(failed) and int(root.get("failures")) == 2 * len(failed)
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(skipped) == sum(o.outcome == "not_applicable" for o in result.outcomes) == int(suites[0].get("skipped"))
    risk = failures["SOSFS-5-1-GENOMFORD"]
    assert risk.get("message").startswith("Berättelsen säger själv att inga riskanalyser har gjorts")
    assert "Avsnitt: 6 Resultat och analys > 6.1 Riskanalys (stycke" in risk.text
    assert "Rättslig grund: SOSFS 2011:9 5 kap. 1 §" in risk.text


# -- GitHub ----------------------------------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),title=([^:]+)::(.+)$")


def test_github_annotations_one_per_finding(result):
    lines = github.render([result]).splitlines()
    assert len(lines) == len(result.findings)
    for line, finding in zip(lines, result.findings):
        kind, file, number, title, message = ANNOTATION.match(line).groups()
        assert kind == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        assert (file, int(number), title) == ("fixtures/examples/boras-2021.docx", finding.location.line, finding.rule_id)
        assert "%0ARättslig grund: " in message and "\n" not in message


def test_github_step_summary_is_appended_and_notes_the_annotation_cap(result, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# Tidigare steg\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    github.append_step_summary([result])
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Tidigare steg\n") and "| Riskanalys | delvis uppfyllt |" in text
    assert "högst 10 anteckningar" not in text  # 8 notices and 2 warnings: all are shown
    github.append_step_summary([result, result])  # 16 notices: GitHub would hide some
    assert "högst 10 anteckningar" in summary.read_text(encoding="utf-8").split("# Tidigare steg\n")[1]


# -- Markdown and HTML -----------------------------------------------------------------------


def test_markdown_report_for_reviewers(result):
    text = markdown_report.render([result])
    for area in result.checklist:
        assert re.search(rf"^\| {re.escape(area.title)} \| \**(delvis )?(ej )?(uppfyllt|tillämpligt)\**", text, re.M)
    assert "#### Riskanalys" in text and "#### Samverkan" not in text  # only areas with findings
    assert "  - Citat: ”Arbetslivsnämnden har inte genomfört några riskanalyser under 2021.”" in text
    assert "  - Rättslig grund: SOSFS 2011:9 5 kap. 1 §" in text
    assert re.search(r"^\| avvikelser \| 8 \| 6 Resultat och analys > 6\.3", text, re.M)


def test_html_is_one_self_contained_file(result):
    page = html_report.render([result])
    assert "@media print" in page and "size: A4" in page
    assert not re.search(r"https?://|<link|<script|src=|@import|url\(", page)
    assert page.count('<td class="status ') == len(builtin_rules().areas)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium saknas")
def test_html_renders_in_chromium_with_the_checklist_visible(result, tmp_path):
    from PIL import Image

    page, png = tmp_path / "rapport.html", tmp_path / "rapport.png"
    page.write_text(html_report.render([result]), encoding="utf-8")
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1240,1754",
         page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    image = Image.open(png).convert("RGB")
    assert image.size == (1240, 1754)
    colours = {colour: count for count, colour in image.getcolors(maxcolors=1 << 24)}
    assert len(colours) > 50  # text, tables, badges: not a blank page
    # the checklist's status cells: green "uppfyllt" and yellow "delvis" backgrounds are on screen
    assert colours.get((0xDF, 0xF3, 0xE4), 0) > 2000 and colours.get((0xFF, 0xF1, 0xC2), 0) > 2000


# -- command line ----------------------------------------------------------------------------


def test_several_formats_in_one_run(tmp_path):
    done = cli("check", str(EXAMPLE), "--as-of", "2026-11-25", "--format", "json",
               "--output", f"sarif={tmp_path / 'r.sarif'}", "-o", f"junit={tmp_path / 'r.xml'}",
               "-o", f"html={tmp_path / 'r.html'}")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"][0]["path"] == "fixtures/examples/boras-2021.docx"
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(tmp_path / "r.xml").getroot().tag == "testsuites"
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_format_with_plain_output_file(tmp_path):
    done = cli("check", str(EXAMPLE), "--as-of", "2026-11-25", "--format", "markdown", "--output", str(tmp_path / "r.md"))
    assert done.returncode == 0 and done.stdout == ""
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Granskningsrapport\n")


@pytest.mark.parametrize(
    "outputs, message",
    [
        (["sarf=x.sarif"], "okänt format 'sarf'"),
        (["a.json", "b.json"], "--output utan FORMAT= får bara anges en gång"),
        (["sarif="], "filnamn saknas"),
    ],
)
def test_bad_output_options_are_usage_errors(outputs, message):
    done = cli("check", str(EXAMPLE), *(arg for o in outputs for arg in ("--output", o)))
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


NO_RICH = """
import contextlib, io, sys
from sosfs_check.cli import main
sys.argv = ["sosfs-check", *sys.argv[1:]]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit as exc:
        assert not exc.code, exc.code
loaded = sorted(m for m in sys.modules if m.startswith(("rich", "sosfs_check.render.")))
print(" ".join(loaded))
"""


def test_machine_formats_do_not_import_rich(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", NO_RICH, "check", str(EXAMPLE), "--format", "json", "-o", f"sarif={tmp_path / 'a'}",
         "-o", f"junit={tmp_path / 'b'}", "-o", f"markdown={tmp_path / 'c'}", "-o", f"github={tmp_path / 'd'}"],
        cwd=ROOT, capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "sosfs_check.render.github", "sosfs_check.render.json_report", "sosfs_check.render.junit",
        "sosfs_check.render.markdown_report", "sosfs_check.render.sarif",
    ]


def _stderr_on_a_terminal(args: list[str], cwd: Path) -> str:
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    process = subprocess.Popen([sys.executable, "-m", "sosfs_check", *args], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    process.wait(timeout=120)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_for_many_files_on_a_terminal(tmp_path):
    for i in range(4):
        shutil.copy(ROOT / EXAMPLE, tmp_path / f"r{i}.docx")
    args = ["check", ".", "--as-of", "2026-11-25", "--format", "json", "--jobs", "1"]
    assert "Granskar" in _stderr_on_a_terminal(args, tmp_path)
    assert cli(*args, cwd=tmp_path).stderr == ""  # not a terminal: no bar
    (tmp_path / "r3.docx").unlink()
    assert "Granskar" not in _stderr_on_a_terminal(args, tmp_path)  # three files: no bar


def test_progress_bar_in_coverage_and_compare(tmp_path):
    for i in range(4):
        shutil.copy(ROOT / EXAMPLE, tmp_path / f"r{i}.docx")
    coverage = ["coverage", ".", "--as-of", "2026-11-25", "--format", "json", "--jobs", "1"]
    compare = ["compare", "r0.docx", "r1.docx", "--as-of", "2026-11-25", "--format", "json"]
    for args in (coverage, compare):
        assert "Granskar" in _stderr_on_a_terminal(args, tmp_path)
        assert cli(*args, cwd=tmp_path).stderr == ""  # not a terminal: no bar
