"""The annotated Word copy: a comment per finding at the right paragraph; the input untouched."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

import sosfs_check
from sosfs_check.annotate import annotate
from sosfs_check.readers.docx import read_docx
from sosfs_check.testing import build_docx, libreoffice_convert, soffice_path

ROOT = Path(__file__).parent.parent
AS_OF = date(2026, 11, 25)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosfs_check", *args], cwd=cwd, capture_output=True, text=True)


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def comments(path: Path) -> list[tuple[str, str]]:
    """(author, text) of each comment in word/comments.xml."""
    with zipfile.ZipFile(path) as z:
        root = parse_xml(z.read("word/comments.xml"))
    return [
        (c.get(W + "author"), "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")))
        for c in root.iter(W + "comment")
    ]


def expected_block(result, block: int) -> int:
    """A finding in a footnote is commented where the footnote is referred to."""
    blocks = result.document.blocks
    if blocks[block - 1].kind != "footnote":
        return block
    return next(b.index for b in blocks if b.anchor == blocks[block - 1].anchor and b.kind != "footnote")


@pytest.mark.parametrize(
    "report",
    ["examples/boras-2021.docx", "docx/psb-region-halsocentral-2024.docx", "docx/boras-2018-headings.docx"],
)
def test_comments_sit_at_the_findings_paragraphs_and_the_input_is_untouched(tmp_path, report):
    source = Path(shutil.copy2(ROOT / "fixtures" / report, tmp_path / "Rapport 2024.docx"))
    before = fingerprint(source)
    done = cli("annotate", source.name, "--as-of", "2026-11-25", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "Rapport 2024.granskad.docx"
    assert fingerprint(source) == before

    result = sosfs_check.check(source, as_of=AS_OF)
    assert len(result.findings) > 0
    written = comments(copy)
    assert len(written) == len(result.findings)
    assert {author for author, _ in written} == {"sosfs-check"}
    for (_, text), finding in zip(written, result.findings):
        assert text.split(" (")[0] in ("Fel", "Varning", "Info")
        assert f"({finding.rule_id}): {finding.message}" in text
        assert f"\nRättslig grund: {'; '.join(finding.legal_basis)}" in text
        assert f"\nÅtgärd: {finding.fix}" in text

    reread = read_docx(copy)
    assert [(b.kind, b.text) for b in reread.blocks] == [(b.kind, b.text) for b in result.document.blocks]
    ours = Counter(m.block for m in reread.markup if m.kind == "comment" and m.author == "sosfs-check")
    assert ours == Counter(expected_block(result, f.location.block) for f in result.findings)


def test_missing_sections_are_commented_at_the_title(tmp_path):
    source = shutil.copy2(ROOT / "fixtures/docx/boras-2021-utan-riskanalys.docx", tmp_path / "r.docx")
    result = sosfs_check.check(source, as_of=AS_OF)
    missing = {f.rule_id for f in result.findings if not f.location.section}
    assert {"PSL-3-10-TILLGANGLIG", "SOSFS-5-1-SANNOLIKHET"} <= missing
    annotate(result, Path(source), tmp_path / "ut.docx")
    reread = read_docx(tmp_path / "ut.docx")
    title = reread.blocks[0]
    assert title.kind == "title" and title.text.startswith("Patientsäkerhets- och kvalitetsberättelse")
    at_title = {re.search(r"\((\S+)\):", m.text)[1] for m in reread.markup if m.kind == "comment" and m.block == 1}
    assert at_title == missing


def test_table_cells_footnotes_and_text_boxes_are_anchored(tmp_path):
    spec = (
        "%% Patientsäkerhetsberättelse 2024\n\n# Inledning\n\nVi följer upp arbetet[^1].\n\n"
        "| Avvikelser | 12 |\n|---|---|\n| Klagomål | 4 |\n\n[^1]: Enligt nämndens plan.\n"
    )
    path = build_docx(spec, tmp_path / "r.docx")
    word = docx.Document(str(path))
    box = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>Se rutan:</w:t></w:r><w:r><w:pict><v:shape>'
        "<v:textbox><w:txbxContent><w:p><w:r><w:t>Text i en textruta.</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    word.element.body.sectPr.addprevious(parse_xml(box))
    word.save(str(path))
    result = sosfs_check.check(path, as_of=AS_OF, profile="patientsakerhetsberattelse")
    by_text = {b.text: b for b in result.document.blocks}
    targets = {
        "Klagomål": by_text["Klagomål"].index,  # table cell: itself
        "Enligt nämndens plan.": by_text["Vi följer upp arbetet."].index,  # footnote: where it is referred to
        "Text i en textruta.": by_text["Se rutan:"].index,  # text box: the paragraph holding it
    }
    template = result.findings[0]
    findings = [replace(template, location=replace(template.location, block=by_text[t].index), message=t)
                for t in targets]
    annotate(replace(result, findings=findings), path, tmp_path / "ut.docx")
    reread = read_docx(tmp_path / "ut.docx")
    placed = {re.search(r"\): (.*?) Rättslig grund:", m.text)[1]: m.block for m in reread.markup if m.kind == "comment"}
    assert placed == targets


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")
def test_libreoffice_converts_the_annotated_copy(tmp_path):
    source = shutil.copy2(ROOT / "fixtures/examples/boras-2021.docx", tmp_path / "r.docx")
    result = sosfs_check.check(source, as_of=AS_OF)
    annotate(result, Path(source), tmp_path / "r.granskad.docx")
    pdf = libreoffice_convert(tmp_path / "r.granskad.docx", "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_refuses_to_overwrite_the_input(tmp_path):
    source = Path(shutil.copy2(ROOT / "fixtures/examples/boras-2021.docx", tmp_path / "r.docx"))
    before = fingerprint(source)
    for target in ("r.docx", "./r.docx", str(source)):
        done = cli("annotate", "r.docx", "--output", target, cwd=tmp_path)
        assert done.returncode == 2
        assert "vägrar skriva över indatafilen" in done.stderr and "Traceback" not in done.stderr
    assert fingerprint(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]  # no temporary file left behind


@pytest.mark.parametrize("name", ["rapport.odt", "rapport.pdf", "rapport.md"])
def test_only_word_files_can_be_annotated(tmp_path, name):
    (tmp_path / name).write_bytes(b"# Patientsaekerhetsberattelse 2024\n")
    done = cli("annotate", name, cwd=tmp_path)
    assert done.returncode == 2
    assert f"{name}: bara Word-filer (.docx) kan kommenteras" in done.stderr
    assert sorted(os.listdir(tmp_path)) == [name]
