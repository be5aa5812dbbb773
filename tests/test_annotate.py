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
from datetime import date
from pathlib import Path

import docx
import pytest
from helpers import replace
from docx.oxml import parse_xml

import sosfs_check
from sosfs_check.annotate import Placement, annotate
from sosfs_check.packs import builtin_rules
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
    summary, *written = comments(copy)
    assert summary[1].startswith("sosfs-check: ") and summary[1].endswith(
        ". Varje brist har en egen kommentar vid avsnittet den gäller."
    )
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
    placement = Placement(result.document, builtin_rules(), result.profile)
    assert ours == Counter([placement.title, *(expected_block(result, placement.block(f)) for f in result.findings)])


def test_comments_sit_where_the_findings_belong(tmp_path):
    """Sections on their headings, quotes on their paragraphs, the missing riskanalys after the
    section before it in the profile's order (5.1 with its 5.1.1, before 5.2), the rest on the title."""
    source = shutil.copy2(ROOT / "fixtures/docx/boras-2021-utan-riskanalys.docx", tmp_path / "r.docx")
    result = sosfs_check.check(source, as_of=AS_OF)
    annotate(result, Path(source), tmp_path / "ut.docx")
    reread = read_docx(tmp_path / "ut.docx")
    blocks = {b.index: b for b in reread.blocks}
    placed = sorted(
        (re.search(r"\((\S+)\):", m.text)[1] if "):" in m.text else "sammanfattning", blocks[m.block].text[:40])
        for m in reread.markup if m.kind == "comment"
    )
    assert placed == sorted([
        ("sammanfattning", "Patientsäkerhets- och kvalitetsberättels"),
        ("PSL-3-10-FASTSTALLD", "Patientsäkerhets- och kvalitetsberättels"),
        ("BERATTELSE-INNEHALLSFORTECKNING", "Patientsäkerhets- och kvalitetsberättels"),
        ("BERATTELSE-INNEHALLSFORTECKNING", "Patientsäkerhets- och kvalitetsberättels"),
        ("PSL-3-10-TILLGANGLIG", "1 Sammanfattning"),
        ("PSL-3-8-INFORMATION", "Utvecklad samverkan genom långsiktiga oc"),  # first body paragraph with part of it
        ("LAGAR-FELSKRIVEN-HANVISNING", "SOSFS: 2011:9,4 kap. 6 §, 7 kap. 3 § p 3"),
        ("LAGAR-FELSKRIVEN-HANVISNING", "SOSFS: 2011:9, 5 kap. 3-8 §"),
        ("LAGAR-INAKTUELL-REFERENS", "14 kap. 3-6 §§ SoL, SOSFS 2011:5"),
        ("SOSFS-5-1-RISKANALYS", "Uppföljning och utvärdering utgår i huvu"),
        ("SOSFS-5-1-SANNOLIKHET", "Uppföljning och utvärdering utgår i huvu"),
        ("PSL-3-2-UPPFOLJNING-MAL", "Arbetslivsnämnden hade under 2021 en Lex"),
        ("FIGUR-IVO-ANMALNINGAR", "5.8 Lex Sarah"),
        ("SOL-27-3-INFORMATION", "Arbete kring digitalisering och förbättr"),
        ("KB-5-1-VETENSKAP", "Uppföljning och utvärdering utgår i huvu"),  # its section, processer-rutiner, is missing
    ])  # fmt: skip
    riskanalys = next(m.block for m in reread.markup if "(SOSFS-5-1-RISKANALYS)" in m.text)
    assert blocks[riskanalys].section[-2:] == (
        "5.1 Hur patientsäkerhets- och kvalitetsarbete har bedrivits", "5.1.1 Struktur för uppföljning/utvärdering",
    )
    assert blocks[riskanalys + 1].text == "5.2 Samverkan för trygg och säker vård och omsorg"


def test_with_the_section_in_place_the_comment_is_on_its_heading(tmp_path):
    """The control: in the full Borås 2021, the riskanalys findings sit in or on its own section."""
    source = shutil.copy2(ROOT / "fixtures/docx/boras-2021-headings.docx", tmp_path / "r.docx")
    result = sosfs_check.check(source, as_of=AS_OF)
    placement = Placement(result.document, builtin_rules(), result.profile)
    assert placement.headings["riskanalys"].text == "5.3 Riskanalys"


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
    template = result.findings[0]  # a quote from the block: what puts the comment on that block
    findings = [replace(template, rule_id="LAGAR-INAKTUELL-REFERENS", message=t,
                        location=replace(template.location, block=by_text[t].index, section="Inledning", excerpt=t))
                for t in targets]
    annotate(replace(result, findings=findings), path, tmp_path / "ut.docx")
    reread = read_docx(tmp_path / "ut.docx")
    placed = {re.search(r"\): (.*?) Rättslig grund:", m.text)[1]: m.block
              for m in reread.markup if m.kind == "comment" and "Rättslig grund:" in m.text}
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
