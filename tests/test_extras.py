"""PDF and XLSX are extras: without them, a Swedish message names the extra to install."""

import sys
from pathlib import Path

import pytest

from sosfs_check.errors import InputError, UserError
from sosfs_check.readers import read

ROOT = Path(__file__).parent.parent


def _without(monkeypatch, module):
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed


def test_a_pdf_without_the_pdf_extra(tmp_path, monkeypatch):
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    _without(monkeypatch, "pdfplumber")
    with pytest.raises(InputError) as error:
        read(pdf)
    assert str(error.value) == (
        f"{pdf}: PDF-filer kräver tillägget 'pdf', som inte är installerat: installera det med "
        "pip install '.[pdf]' i mappen med sosfs-check (eller '.[all]' för alla tillägg)"
    )


def test_xlsx_without_the_xlsx_extra(monkeypatch):
    from sosfs_check.matrix import Matrix
    from sosfs_check.render.matrix import xlsx

    _without(monkeypatch, "openpyxl")
    with pytest.raises(UserError) as error:
        xlsx(Matrix([], [], {}))
    assert str(error.value) == (
        "XLSX-utdata kräver tillägget 'xlsx', som inte är installerat: installera det med "
        "pip install '.[xlsx]' i mappen med sosfs-check (eller '.[all]' för alla tillägg)"
    )


def test_the_extras_are_declared_and_all_has_them():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["pdf"] == ["pdfplumber>=0.11"] and extras["xlsx"] == ["openpyxl>=3.1"]
    assert extras["all"] == ["sosfs-check[serve,pdf,xlsx]"] and "sosfs-check[all]" in extras["test"]
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert not [d for d in dependencies if d.startswith(("pdfplumber", "openpyxl"))]
