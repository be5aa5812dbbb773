"""Visible controls (issue 22): a right-to-left override and other invisible characters in a
report are shown as <U+202E> in every output people read, never raw, and reported as a finding."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from lxml import etree

from sosfs_check.controls import VisibleStream, visible
from sosfs_check.testing import build_docx
from test_hostile import cli

RLO, PDF, ZWSP = "\u202e", "\u202c", "\u200b"
SPEC = ("%% Patientsäkerhetsberättelse 2024\n\n# Riskanalys\n\n"
        f"Under året rapporterades {RLO}551{PDF} avvikelser, och alla av{ZWSP}vikelser har analyserats.\n")
DETAIL = ("Dolda tecken: <U+202E> (höger-till-vänster-åsidosättning), <U+202C> (avslutad riktningsformatering), "
          "<U+200B> (osynligt styrtecken).")


def report(tmp_path: Path) -> Path:
    return build_docx(SPEC, tmp_path / "dold.docx")


def outputs(tmp_path: Path, *formats: str) -> dict[str, str]:
    path = report(tmp_path)
    args = [a for f in formats for a in ("--output", f"{f}={tmp_path / ('ut.' + f)}")]
    code, _, err = cli("check", path, "--profile", "patientsakerhetsberattelse", "--as-of", "2026-11-25", *args)
    assert code == 1, err
    return {f: (tmp_path / f"ut.{f}").read_text(encoding="utf-8") for f in formats}


def test_hidden_controls_are_a_finding_that_names_them(tmp_path):
    data = json.loads(outputs(tmp_path, "json")["json"])
    [finding] = [f for f in data["documents"][0]["findings"] if f["rule_id"] == "BERATTELSE-DOLDA-TECKEN"]
    assert finding["severity"] == "error" and finding["location"]["section"] == "Riskanalys"
    assert finding["message"] == ("Berättelsen innehåller osynliga tecken som kan ändra hur texten visas eller dölja "
                                  "text. " + DETAIL)
    assert finding["location"]["excerpt"] == SPEC.rsplit("\n\n", 1)[1].strip()  # JSON keeps the report's own characters, for tools


def test_no_raw_control_in_html_markdown_junit_or_the_terminal(tmp_path):
    texts = outputs(tmp_path, "html", "markdown", "junit", "github", "rich")
    for format, text in texts.items():
        assert RLO not in text and ZWSP not in text, format
    assert "&lt;U+202E&gt;551&lt;U+202C&gt;" in texts["html"] and "<U+202E>" not in texts["html"]
    assert "&lt;U+202E&gt;551" in texts["junit"]
    etree.fromstring(texts["junit"].encode())  # still well-formed XML
    assert "<U+202E>551<U+202C>" in texts["markdown"] and "<U+202E>551<U+202C>" in texts["rich"]


def test_a_clean_report_has_no_such_finding(tmp_path):
    path = build_docx(SPEC.replace(RLO, "").replace(PDF, "").replace(ZWSP, ""), tmp_path / "ren.docx")
    code, out, err = cli("check", path, "--profile", "patientsakerhetsberattelse", "-f", "json", "--as-of", "2026-11-25")
    assert code in (0, 1), err
    assert [f for f in json.loads(out)["documents"][0]["findings"] if f["rule_id"] == "BERATTELSE-DOLDA-TECKEN"] == []


def test_terminal_output_cannot_be_steered_by_report_text(tmp_path):
    """A text report with escape sequences: the live terminal output keeps rich's colours, but the
    report's own sequences (clear screen, move the cursor) and controls are written out visibly."""
    path = tmp_path / "styr.txt"
    path.write_text("Patientsäkerhetsberättelse 2024\n\n1 Riskanalys\n\nRiskanalyser \x1b[2J\x1b[Hgenomförs "
                    f"{RLO}varje år\x07.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sosfs_check", "check", str(path), "--profile", "kombinerad"],
                          capture_output=True, text=True, env={"FORCE_COLOR": "1", "COLUMNS": "200", "PATH": ""})
    assert proc.returncode == 1, proc.stderr
    assert "\x1b[2J" not in proc.stdout and "\x1b[H" not in proc.stdout and RLO not in proc.stdout
    assert "<U+001B>[2J<U+001B>[H" in proc.stdout and "\x1b[" in proc.stdout  # colours still there


def test_visible_stream_passes_colours_and_escapes_the_rest():
    out = io.StringIO()
    VisibleStream(out).write(f"\x1b[1;31mfel\x1b[0m {RLO}x\x1b[2Ky")
    assert out.getvalue() == "\x1b[1;31mfel\x1b[0m <U+202E>x<U+001B>[2Ky"
    assert visible("a\u00adb\u200dc") == "a\u00adb\u200dc"  # soft hyphen and emoji joiner shape text: kept


def test_coverage_and_compare_views_show_controls(tmp_path):
    old = build_docx(SPEC.replace("# Riskanalys", f"# Risk{RLO}analys"), tmp_path / "förra.docx")
    new = report(tmp_path)
    for command in (["coverage", old, new, "-f", "html"], ["coverage", old, new, "-f", "markdown"],
                    ["compare", old, new, "-f", "markdown"]):
        code, out, err = cli(*command, "--profile", "patientsakerhetsberattelse", "-o", tmp_path / "vy")
        text = (tmp_path / "vy").read_text(encoding="utf-8")
        assert RLO not in text and "U+202E" in text, (command, err)


def test_rule_pack_text_in_the_terminal_shows_controls(tmp_path):
    pack = tmp_path / "paket"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: eget\nversion: '1'\n")
    from test_hostile import RULE

    (pack / "regler.yml").write_text(RULE.replace("title: Egen regel", 'title: "Egen \\e[2J\\u202Eregel"'), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sosfs_check", "rules", "explain", "EGEN-1", "--rules", str(pack)],
                          capture_output=True, text=True, env={"FORCE_COLOR": "1", "PATH": ""})
    assert proc.returncode == 0, proc.stderr
    assert "Egen <U+001B>[2J<U+202E>regel" in proc.stdout and "\x1b[2J" not in proc.stdout
