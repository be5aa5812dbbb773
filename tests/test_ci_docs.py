"""docs/ci.md works as written in a fresh clone: its commands, its GitHub and GitLab jobs, its
pre-commit hook (a local one, and the repository's own through `pre-commit try-repo`)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent  # sosfs-check and pre-commit of this environment


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.S)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of this repository with the example report in `berattelser/`."""
    target = tmp_path_factory.mktemp("klon") / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    (target / "berattelser").mkdir()
    shutil.copy(target / "fixtures/examples/boras-2021.docx", target / "berattelser/rapport.docx")
    return target


def shell(command: str, cwd: Path, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    environ.update(PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", **env)
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=environ, capture_output=True, text=True, timeout=600)


def test_no_install_from_pypi_and_no_invented_revision():
    assert not re.search(r"pip install ['\"]?sosfs-check(?:\[[a-z,]+\])?['\"]?(?!\s*@)(?:\s|$)", DOC)
    assert "rev: v0.1.0" not in DOC and "example.org" not in DOC


def test_every_shell_command_runs_in_a_fresh_clone(clone):
    commands = [line for block in blocks("sh") for line in block.splitlines() if line.startswith("sosfs-check ")]
    assert len(commands) == 5
    for command in commands:
        done = shell(command.split("#")[0], clone)
        assert done.returncode in (0, 1), (command, done.stderr)
    issues = json.loads((clone / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {i["location"]["path"] for i in issues} == {"berattelser/rapport.docx"}
    assert ET.parse(clone / "sosfs-check.junit.xml").getroot().tag == "testsuites"
    assert json.loads((clone / "sosfs-check.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (clone / "sosfs-check-baseline.json").exists()
    assert (clone / "berattelser/rapport.granskad.docx").exists() and (clone / "utkast-med-kommentarer.docx").exists()


def test_the_github_job_runs_as_written(clone, tmp_path):
    [workflow] = [yaml.safe_load(b) for b in blocks("yaml") if "runs-on" in b]
    steps = workflow["jobs"]["granska"]["steps"]
    assert {"run": "pip install '.[pdf]'"} in steps
    command = next(s["run"] for s in steps if s.get("name") == "Granska berättelserna")
    done = shell(command, clone, GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    assert done.returncode == 0, done.stderr
    uploaded = next(s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert all((clone / name).stat().st_size > 1000 for name in uploaded.split())


def test_the_gitlab_job_writes_the_reports_gitlab_reads(clone):
    [pipeline] = [yaml.safe_load(b) for b in blocks("yaml") if "stage: test" in b]
    job = pipeline["sosfs-check"]
    install, command = job["script"]
    assert install == 'pip install "sosfs-check[pdf] @ git+$SOSFS_CHECK_GIT"'
    done = shell(command, clone)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("berattelser/rapport.docx:")
    reports = job["artifacts"]["reports"]
    assert set(reports) == {"codequality", "junit"}  # GitLab reads no SARIF in merge requests
    issues = json.loads((clone / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues and {"description", "check_name", "fingerprint", "severity", "location"} == set(issues[0])
    assert ET.parse(clone / reports["junit"]).getroot().get("failures") == "0"  # exit 0: nothing fails


def _commit_repo(clone: Path, tmp_path: Path) -> Path:
    repo = tmp_path / "berattelser-repo"
    (repo / "berattelser").mkdir(parents=True)
    shutil.copy(clone / "berattelser/rapport.docx", repo / "berattelser/rapport.docx")
    for command in ("git init -q", "git add berattelser/rapport.docx"):
        subprocess.run(shlex.split(command), cwd=repo, check=True)
    return repo


@pytest.mark.skipif(shutil.which("pre-commit", path=str(BIN)) is None, reason="pre-commit saknas (pip install '.[test]')")
def test_the_local_pre_commit_hook_blocks_a_report_with_warnings(clone, tmp_path):
    [config] = [b for b in blocks("yaml") if "repo: local" in b]
    repo = _commit_repo(clone, tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    done = shell("pre-commit run --files berattelser/rapport.docx", repo, PRE_COMMIT_HOME=str(tmp_path / "cache"))
    assert done.returncode == 1
    assert re.search(r"^sosfs-check\.+Failed$", done.stdout, re.M), done.stdout
    assert "berattelser/rapport.docx" in done.stdout


@pytest.mark.skipif(shutil.which("pre-commit", path=str(BIN)) is None, reason="pre-commit saknas (pip install '.[test]')")
def test_the_repository_hook_through_try_repo(clone, tmp_path):
    """The documented try-repo line, from the folder beside the clone; installs the hook's own environment."""
    [line] = [l for b in blocks("sh") for l in b.splitlines() if l.startswith("pre-commit try-repo")]
    repo = _commit_repo(clone, tmp_path)
    shutil.move(str(clone), str(tmp_path / "sosfs-check"))
    try:
        done = shell(line, repo, PRE_COMMIT_HOME=str(tmp_path / "cache"))
    finally:
        shutil.move(str(tmp_path / "sosfs-check"), str(clone))
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^sosfs-check\.+Passed$", done.stdout, re.M), done.stdout
