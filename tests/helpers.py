"""Shared by the tests: a minimal valid rule file, an in-process CLI runner, a free port and
LibreOffice conversions of many documents at once."""

import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sosfs_check.cli import main
from sosfs_check.libreoffice import fixed_zip
from sosfs_check.testing import LibreOfficeError, build_docx, soffice_path

FILTERS = {"docx": "docx:MS Word 2007 XML", "odt": "odt", "pdf": "pdf"}  # as libreoffice_convert

GOOD_RULE = """\
rules:
  - id: TEST-1
    title: Riskanalys
    area: riskanalys
    profiles: [kvalitetsberattelse]
    severity: warning
    legal_basis: ["SOSFS 2011:9 5 kap. 1 §"]
    check:
      type: section
      headings: [riskanalys]
    message: Riskanalys saknas.
    fix: Lägg till en riskanalys.
"""


def replace(value, **changes):
    """A new value (`sosfs_check.values.Value`) with the attributes named changed, as
    `dataclasses.replace` makes one of a dataclass."""
    return type(value)(**{name: changes.pop(name, getattr(value, name)) for name in value._fields}, **changes)


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["sosfs-check", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    return done.value.code or 0, out.out, out.err


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def libreoffice_convert_all(paths: list[Path], fmt: str, out_dir: Path) -> list[Path]:
    """`libreoffice_convert` for many documents in one LibreOffice run (it starts once, not once per
    file): out_dir/<stem>.<fmt> for each path, in order. A DOCX output has its zip dates fixed, as
    `libreoffice_resave` gives it."""
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) saknas")
    if len({p.stem for p in paths}) < len(paths):
        raise ValueError("the documents need distinct names")
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        copies = [shutil.copy2(p, work / "in" / p.name) for p in paths]
        subprocess.run([soffice_path(), "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--convert-to", FILTERS[fmt], "--outdir", str(work / "out"), *map(str, copies)],
                       capture_output=True, timeout=600)
        out_dir.mkdir(parents=True, exist_ok=True)
        targets = []
        for path in paths:
            produced = work / "out" / f"{path.stem}.{fmt}"
            if not produced.exists():
                raise LibreOfficeError(f"LibreOffice kunde inte konvertera {path.name} till {fmt}")
            targets.append(Path(shutil.move(produced, out_dir / produced.name)))
            if fmt == "docx":
                targets[-1].write_bytes(fixed_zip(targets[-1].read_bytes()))
    return targets


class DocxForms:
    """Word files of named specs, each built once: by python-docx in a style of `build_docx`, or that
    file saved again by LibreOffice. `ahead` names resaves asked for later, so that LibreOffice starts
    once for all of them. A name stands for one spec: another spec under the same name is an error."""

    def __init__(self, folder: Path, *, toc: bool = True):
        self.folder, self.toc = folder, toc
        self.specs: dict[str, str] = {}
        self.built: dict[tuple[str, str, bool], Path] = {}
        self.pending: set[tuple[str, str]] = set()  # (name, style) of resaves to come

    def __call__(self, name: str, spec: str, style: str, resaved: bool = False) -> Path:
        """`name` in `style`, saved again by LibreOffice when `resaved` (skips without LibreOffice)."""
        self._named(name, spec)
        if (name, style, resaved) not in self.built:
            if resaved:
                self._resave(self.pending | {(name, style)})
            else:
                self.built[name, style, False] = build_docx(spec, self.folder / f"{name}-{style}.docx",
                                                            style=style, toc=self.toc)
        return self.built[name, style, resaved]

    def ahead(self, name: str, spec: str, style: str) -> None:
        """The resave of `name` in `style` will be asked for: make it with the first resave."""
        self._named(name, spec)
        self.pending.add((name, style))

    def _named(self, name: str, spec: str) -> None:
        if self.specs.setdefault(name, spec) != spec:
            raise ValueError(f"{name!r} already names another spec")

    def _resave(self, wanted: set[tuple[str, str]]) -> None:
        todo = sorted(key for key in wanted if (*key, True) not in self.built)
        sources = [self(name, self.specs[name], style) for name, style in todo]
        for (name, style), path in zip(todo, libreoffice_convert_all(sources, "docx", self.folder / "lo")):
            self.built[name, style, True] = path
        self.pending.clear()
