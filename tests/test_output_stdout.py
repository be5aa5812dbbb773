"""`--output -` means stdout, for every command that writes a file; no file named "-" is made."""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import run_cli

ROOT = Path(__file__).parent.parent
EXAMPLE = str(ROOT / "fixtures" / "examples" / "boras-2021.docx")
AS_OF = "2026-11-25"


def test_check_output_dash_writes_the_format_to_stdout(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(monkeypatch, capsys, "check", EXAMPLE, "--as-of", AS_OF, "--format", "json", "--output", "-")
    assert code == 0  # the example has warnings, no errors
    assert [d["path"] for d in json.loads(out)["documents"]] == [EXAMPLE]
    assert list(tmp_path.iterdir()) == []


def test_format_named_to_stdout_with_dash(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(
        monkeypatch, capsys, "check", EXAMPLE, "--as-of", AS_OF, "--output", "sarif=-", "--output", str(tmp_path / "r.txt")
    )
    assert code == 0
    assert json.loads(out)["version"] == "2.1.0"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_two_formats_to_stdout_are_refused(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(monkeypatch, capsys, "check", EXAMPLE, "--as-of", AS_OF, "--output", "json=-")
    assert (code, out) == (2, "")
    assert err == "sosfs-check: bara ett format kan skrivas till stdout, inte rich och json; ange --output FIL för de andra\n"


def test_coverage_output_dash_writes_to_stdout(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(monkeypatch, capsys, "coverage", EXAMPLE, "--as-of", AS_OF, "--format", "json", "--output", "-")
    assert code == 0
    assert [r["path"] for r in json.loads(out)["reports"]] == [EXAMPLE]
    assert list(tmp_path.iterdir()) == []


def test_annotate_output_dash_writes_the_docx_to_stdout(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "sosfs_check", "annotate", EXAMPLE, "--as-of", AS_OF, "--output", "-"],
        cwd=tmp_path, capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(io.BytesIO(done.stdout)) as package:
        assert "word/comments.xml" in package.namelist()
    assert done.stderr.decode().startswith("Skrev - med ")
    assert list(tmp_path.iterdir()) == []
