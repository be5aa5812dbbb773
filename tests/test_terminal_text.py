"""Report text on the terminal is shown as written: a heading "[ange datum]" or "[/]", a quote with
"[b]" or ":smile:" is text, not rich markup or an emoji code (rich read "[/]" as a closing tag and
stopped the run with an internal error, and dropped "[se bilaga 2]" without a word)."""

from __future__ import annotations

from pathlib import Path

from sosfs_check.testing import build_docx
from test_hostile import cli

SPEC = """%% Patientsäkerhetsberättelse {year}

# Riskanalys [/] :smile:

Under {year} gjordes {count} riskanalyser [se bilaga 2] inför förändringar i verksamheten.

# {second}

{text}
"""
FIRST = SPEC.format(year=2024, count=14, second="Avvikelser", text="Antalet avvikelser var [b]214[/b] under året.")
SECOND = SPEC.format(year=2025, count=16, second="Klagomål [utkast]",
                     text="Vi tog emot [b]12[/b] klagomål under året och alla besvarades inom två veckor.")
FIXTURES = Path(__file__).parent.parent / "fixtures" / "docx"
OPTIONS = ("--profile", "patientsakerhetsberattelse", "--as-of", "2026-11-25")


def _reports(tmp_path):
    return build_docx(FIRST, tmp_path / "r.docx"), build_docx(SECOND, tmp_path / "r2.docx")


def _lines(text: str, *starts: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(starts)]


def test_check_shows_headings_and_quotes_as_written(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    first, _ = _reports(tmp_path)
    code, out, err = cli("check", first, *OPTIONS, "--output", f"rich={tmp_path / 'ut.txt'}")
    assert (code, err) == (1, "")
    saved = (tmp_path / "ut.txt").read_text(encoding="utf-8")
    assert _lines(saved, "│ Riskanalys ", "│ riskanalyser") == [
        "│ Riskanalys                          │ delvis uppfyllt │ Riskanalys [/] :smile: │",
        "│ riskanalyser = 14 │ Riskanalys [/] :smile: │ Under 2024 gjordes 14 riskanalyser [se bilaga 2] inför        │",
    ]
    assert _lines(saved, "    Citat: ”Under") == [
        "    Citat: ”Under 2024 gjordes 14 riskanalyser [se bilaga 2] inför förändringar i verksamheten.”"] * 2
    code, out, err = cli("check", first, *OPTIONS, "--format", "rich")
    assert (code, err) == (1, "")
    assert _lines(out, "│ Riskanalys ", "│ riskanalyser") == [
        "│ Riskanalys                          │ delvis uppfyllt │ Riskanalys [/] :smile: │",
        "│ riskanalyser = 14 │ Riskanalys [/] :smile: │ Under 2024 gjordes 14 riskanalyser [se bilaga 2]    │",
    ]


def test_compare_and_coverage_show_headings_as_written(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    first, second = _reports(tmp_path)
    code, out, err = cli("compare", first, second, "--as-of", "2026-11-25")
    assert (code, err) == (0, "")
    assert _lines(out, "│ Klagomål [") == ["│ Klagomål [utkast] │ Avvikelser        │"]
    code, out, err = cli("coverage", first, second, "--as-of", "2026-11-25", "--output", f"{tmp_path / 'ut.txt'}")
    assert (code, err) == (0, "")
    saved = (tmp_path / "ut.txt").read_text(encoding="utf-8")
    lines = saved.splitlines()
    starts = ("│ SOSFS 2011:9 5 kap. 1 §", "│ SOSFS 2011:9 5 kap. 3 a")
    rows = [lines[i:i + 2] for i, line in enumerate(lines) if line.startswith(starts)]
    assert rows == [
        ["│ SOSFS 2011:9 5 kap. 1 §  │ delvis uppfyllt          │ delvis uppfyllt           │ 0 / 2 / 0              │",
         "│ Riskanalys               │ (Riskanalys [/] :smile:) │ (Riskanalys [/] :smile:)  │                        │"],
        ["│ SOSFS 2011:9 5 kap. 3 a  │ ej uppfyllt              │ uppfyllt (Klagomål        │ 1 / 0 / 1              │",
         "│ § Klagomål och           │                          │ [utkast])                 │                        │"],
    ]


def test_coverage_fits_a_narrow_terminal(tmp_path, monkeypatch):
    """Three reports on an 80-column terminal: every column shows, the totals too (the report
    columns' minimum widths used to push the table past the edge, where the terminal cut it)."""
    monkeypatch.setenv("COLUMNS", "80")
    first, second = _reports(tmp_path)
    third = build_docx(FIRST, tmp_path / "r3.docx")
    code, out, err = cli("coverage", first, second, third, "--as-of", "2026-11-25")
    assert (code, err) == (0, "")
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│├└"]
    assert len(table) > 60
    assert {len(line) for line in table} == {80}
    assert {line[-1] for line in table} == {"┓", "┃", "┩", "│", "┤", "┘"}
    start = table.index("│ Riskanalys    │               │               │              │               │")
    assert table[start + 1:start + 5] == [
        "│ SOSFS 2011:9  │ delvis        │ delvis        │ delvis       │ 0 / 3 / 0     │",
        "│ 5 kap. 1 §    │ uppfyllt      │ uppfyllt      │ uppfyllt     │               │",
        "│ Riskanalys    │ (Riskanalys   │ (Riskanalys   │ (Riskanalys  │               │",
        "│               │ [/] :smile:)  │ [/] :smile:)  │ [/] :smile:) │               │",
    ]


def test_coverage_file_keeps_the_last_column(tmp_path):
    """The file's width is 60 + 24 per report; three real reports with long evidence headings used
    to lose the totals column's border at its edge."""
    reports = [FIXTURES / f"boras-2018-{form}.docx" for form in ("bold", "headings", "libreoffice")]
    code, _, err = cli("coverage", *reports, "--as-of", "2026-11-25", "--output", f"{tmp_path / 'ut.txt'}")
    assert (code, err) == (0, "")
    saved = [line for line in (tmp_path / "ut.txt").read_text(encoding="utf-8").splitlines() if line[:1] in "┏┃┡│├└"]
    assert len(saved) > 100
    assert {len(line) for line in saved} == {132}
    assert {line[-1] for line in saved} == {"┓", "┃", "┩", "│", "┤", "┘"}
