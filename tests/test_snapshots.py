"""Every output format pinned on the Borås 2021 report: format changes must be deliberate.

Regenerate after an intended change with `SOSFS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py`
and review the diff of tests/snapshots/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sosfs_check.readers.docx import read_docx

ROOT = Path(__file__).parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLE = "fixtures/examples/boras-2021.docx"
FILES = {"rich": "boras-2021.rich.txt", "json": "boras-2021.json", "sarif": "boras-2021.sarif",
         "junit": "boras-2021.junit.xml", "github": "boras-2021.github.txt", "markdown": "boras-2021.md",
         "html": "boras-2021.html", "gitlab": "boras-2021.gitlab.json", "concise": "boras-2021.concise.txt"}
UPDATE = os.environ.get("SOSFS_UPDATE_SNAPSHOTS") == "1"


def run(*args: str, cwd: Path = ROOT) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    done = subprocess.run([sys.executable, "-m", "sosfs_check", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def compare(name: str, text: str, tmp_path: Path) -> None:
    text = text.replace(str(tmp_path), "<tmp>").replace(str(ROOT), "<repo>")
    snapshot = SNAPSHOTS / name
    if UPDATE:
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"{snapshot} saknas: kör med SOSFS_UPDATE_SNAPSHOTS=1"
    assert text == snapshot.read_text(encoding="utf-8"), f"{name} har ändrats; granska och uppdatera med SOSFS_UPDATE_SNAPSHOTS=1"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("snapshots")
    (out / "tom.toml").write_text("", encoding="utf-8")  # no configuration found upward can change the result
    run("check", EXAMPLE, "--as-of", "2026-11-25", "--config", str(out / "tom.toml"), "--format", "json",
        *(arg for fmt, name in FILES.items() for arg in ("--output", f"{fmt}={out / name}")))
    return out


@pytest.mark.parametrize("fmt", FILES)
def test_format_snapshot(outputs, fmt):
    compare(FILES[fmt], (outputs / FILES[fmt]).read_text(encoding="utf-8"), outputs)


def test_annotated_copy_snapshot(tmp_path):
    (tmp_path / "tom.toml").write_text("", encoding="utf-8")
    run("annotate", EXAMPLE, "--as-of", "2026-11-25", "--config", str(tmp_path / "tom.toml"),
        "--output", str(tmp_path / "granskad.docx"))
    document = read_docx(tmp_path / "granskad.docx")
    lines = [f"stycke {m.block}: {m.text}" for m in document.markup if m.kind == "comment"]
    compare("boras-2021.annotate.txt", "\n".join(lines) + "\n", tmp_path)
