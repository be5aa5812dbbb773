"""A new check type is one new module and one test file (issue 15): docs/check-types.md's worked
example, added to a copy of the package, validates, explains, runs in a rule and passes its tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
GUIDE = (ROOT / "docs" / "check-types.md").read_text(encoding="utf-8")


def example(path: str) -> str:
    """The code block the guide gives under the line naming `path`."""
    return re.search(rf"^`{re.escape(path)}`:\n\n```\w+\n(.*?)^```$", GUIDE, re.M | re.S)[1]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A source checkout's package and built-in pack copied, plus the guide's `checks/length.py`; a
    cache of its own."""
    folder = tmp_path_factory.mktemp("new-type")
    shutil.copytree(ROOT / "src" / "sosfs_check", folder / "src" / "sosfs_check",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", folder / "rules")
    (folder / "src" / "sosfs_check" / "checks" / "length.py").write_text(example("src/sosfs_check/checks/length.py"),
                                                                       encoding="utf-8")
    pack = folder / "pack"
    pack.mkdir()
    (pack / "pack.yml").write_text('name: Längd\nversion: "1"\n', encoding="utf-8")
    (pack / "langd.yml").write_text(re.search(r"^```yaml\n(rules:.*?)^```$", GUIDE, re.M | re.S)[1], encoding="utf-8")
    return folder


def run(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "SOSFS_CHECK_CACHE": str(copy / "cache")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=copy, env=env)


def test_the_copy_runs_the_new_module(copy):
    done = run(copy, "-c", "import sosfs_check.checks.length as m; print(m.__file__)")
    assert done.stdout == f"{copy / 'src' / 'sosfs_check' / 'checks' / 'length.py'}\n"


def test_a_rule_of_the_new_type_validates_and_is_explained(copy):
    validated = run(copy, "-m", "sosfs_check", "rules", "validate", "pack")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    explained = run(copy, "-m", "sosfs_check", "rules", "explain", "KOMMUN-LANGD", "--rules", "pack")
    lines = explained.stdout.splitlines()
    assert lines[lines.index("Vad regeln letar efter") + 1] == "  Minst 300 ord text."


def test_a_wrong_field_is_refused_in_swedish(copy):
    (copy / "bad").mkdir(exist_ok=True)
    (copy / "bad" / "pack.yml").write_text('name: Fel\nversion: "1"\n', encoding="utf-8")
    rule = (copy / "pack" / "langd.yml").read_text(encoding="utf-8").replace("min_words: 300", "min_words: 0")
    (copy / "bad" / "langd.yml").write_text(rule, encoding="utf-8")
    refused = run(copy, "-m", "sosfs_check", "rules", "validate", "bad")
    assert (refused.returncode, refused.stdout) == (
        2, "bad/langd.yml:11:7: rules.0.check.length.min_words: ogiltigt värde 0 (Input should be greater than or equal to 1)\n")


def test_the_rule_runs_on_a_report(copy):
    report = copy / "kort.md"
    report.write_text("%% Patientsäkerhetsberättelse 2025\n\n# Sammanfattning\n\nEtt kort år.\n", encoding="utf-8")
    done = run(copy, "-m", "sosfs_check", "check", "kort.md", "--rules", "pack", "-f", "json", "--as-of", "2026-03-01")
    [document] = json.loads(done.stdout)["documents"]
    [finding] = [f for f in document["findings"] if f["rule_id"] == "KOMMUN-LANGD"]
    assert (finding["message"], finding["location"]["block"]) == ("Berättelsen är mycket kort. Texten har 3 ord; minst 300 väntas.", 1)


def test_the_guides_test_file_passes_against_the_copy(copy):
    tests = copy / "tests" / "checks"
    tests.mkdir(parents=True)
    (tests / "test_length.py").write_text(example("tests/checks/test_length.py"), encoding="utf-8")
    done = run(copy, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", str(tests / "test_length.py"))
    assert done.returncode == 0 and re.search(r"^2 passed in ", done.stdout, re.M), done.stdout
