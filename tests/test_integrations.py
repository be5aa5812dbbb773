"""The shipped integrations work as written: workflow, pre-commit hook, documented configuration."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from sosfs_check.config import configure_rules, load_config
from sosfs_check.packs import builtin_rules

ROOT = Path(__file__).parent.parent


def test_pre_commit_hook_checks_word_files():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("sosfs-check", "sosfs-check check", "python")
    assert re.search(hook["files"], "berattelser/PSB 2024.docx") and not re.search(hook["files"], "README.md")
    assert re.search(hook["exclude"], "PSB 2024.granskad.docx")


def test_the_repository_workflow_passes_and_writes_its_reports(tmp_path):
    workflow = yaml.safe_load((ROOT / ".github/workflows/sosfs-check.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["granska"]["steps"]
    command = shlex.split(next(s["run"] for s in steps if s.get("name") == "Granska berättelserna"))
    assert command[:2] == ["sosfs-check", "check"]
    shutil.copytree(ROOT / "fixtures/examples", tmp_path / "fixtures/examples")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run([sys.executable, "-m", "sosfs_check", *command[1:]], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("::")
    uploaded = [s["with"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact")][0]["path"]
    for name in uploaded.split():
        assert (tmp_path / name).stat().st_size > 1000, name
    sarif = next(s["with"]["sarif_file"] for s in steps if "upload-sarif" in s.get("uses", ""))
    assert (tmp_path / sarif).exists()
    assert "| Riskanalys | delvis uppfyllt |" in summary.read_text(encoding="utf-8")


def test_documented_configuration_is_valid(tmp_path):
    text = (ROOT / "docs/ci.md").read_text(encoding="utf-8")
    examples = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert len(examples) == 2
    for example in examples:  # the full one last
        (tmp_path / "sosfs-check.toml").write_text(example, encoding="utf-8")
        config = load_config(tmp_path / "sosfs-check.toml")
    assert config.docs_url == "https://intranat.kommunen.se/sosfs-check/rules.md"
    rules = configure_rules(config, builtin_rules())
    assert config.suppress[0].reason == "Publiceras av kommunstyrelsen"
    assert rules.by_id("SOSFS-5-1-SANNOLIKHET") is None
