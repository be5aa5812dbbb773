"""sosfs_check.testing: the Markdown-subset parser, the three DOCX forms, LibreOffice passes, the seeds."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from sosfs_check import libreoffice, testing
from sosfs_check.testing import Item, LibreOfficeError, build_docx, libreoffice_resave, parse_spec, soffice_path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")

SPEC = """\
%% Kvalitetsberättelse 2024

Vård- och omsorgsnämnden

<!-- toc -->
Innehåll
- 1 Sammanfattning.....2
  - 1.1 Riskanalys.....3
<!-- /toc -->

<!-- a note that is not part of the document -->

# 1 Sammanfattning

Första raden
andra raden[^1]

## 1.1 Riskanalys

- punkt
  - underpunkt
1. fråga
   Svarsalternativ: ja, nej.

| Område | Antal |
|---|---|
| Avvikelser | 312 |

[^1]: En fotnot.
"""


def _read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _style_names(document) -> list[str]:
    return [p.style.name for p in document.paragraphs]


def _levels(items: list[Item], kind: str) -> Counter:
    return Counter(item.level for item in items if item.kind == kind)


# --- parse_spec


def test_parse_spec_reads_every_construct():
    items = parse_spec(SPEC)
    assert [(i.kind, i.text, i.level, i.label) for i in items if i.kind != "table"] == [
        ("title", "Kvalitetsberättelse 2024", 0, ""),
        ("paragraph", "Vård- och omsorgsnämnden", 0, ""),
        ("toc", "Innehåll", 0, ""),
        ("toc_entry", "1 Sammanfattning", 1, "2"),
        ("toc_entry", "1.1 Riskanalys", 2, "3"),
        ("heading", "1 Sammanfattning", 1, ""),
        ("paragraph", "Första raden\nandra raden[^1]", 0, ""),
        ("heading", "1.1 Riskanalys", 2, ""),
        ("bullet", "punkt", 1, ""),
        ("bullet", "underpunkt", 2, ""),
        ("number", "fråga\nSvarsalternativ: ja, nej.", 1, "1"),
        ("footnote", "En fotnot.", 0, "1"),
    ]
    assert [i.rows for i in items if i.kind == "table"] == [[["Område", "Antal"], ["Avvikelser", "312"]]]


@pytest.mark.parametrize(
    "name, headings, toc",
    [
        ("boras-2018", {1: 6, 2: 15, 3: 12, 4: 2}, {1: 7, 2: 15, 3: 3}),
        ("boras-2021", {1: 7, 2: 20, 3: 17}, {1: 7, 2: 18}),
        ("boras-2021-utan-riskanalys", {1: 7, 2: 18, 3: 17}, {1: 7, 2: 18}),
    ],
)
def test_seed_structure(name, headings, toc):
    items = parse_spec((SEEDS / f"{name}.md").read_text(encoding="utf-8"))
    assert _levels(items, "heading") == headings
    assert _levels(items, "toc_entry") == toc
    assert sum(i.kind == "title" for i in items) == 1


def test_seeds_keep_the_mess_of_the_originals():
    h2018 = [i.text for i in parse_spec((SEEDS / "boras-2018.md").read_text(encoding="utf-8")) if i.kind == "heading"]
    items2021 = parse_spec((SEEDS / "boras-2021.md").read_text(encoding="utf-8"))
    assert "Risakanalys" in h2018
    assert "5.6 Avvikelse på individnivå" in [i.text for i in items2021 if i.kind == "heading"]
    assert "5.6 Avvikelser på individnivå" in [i.text for i in items2021 if i.kind == "toc_entry"]


def test_utan_riskanalys_keeps_the_toc_but_not_the_sections():
    items = parse_spec((SEEDS / "boras-2021-utan-riskanalys.md").read_text(encoding="utf-8"))
    headings = [i.text for i in items if i.kind == "heading"]
    assert "5.3 Riskanalys" not in headings and "6.1 Riskanalys" not in headings
    assert "5.4 Informationssäkerhet" in headings and "6.2 Synpunkter och klagomål" in headings
    assert {"5.3 Riskanalys", "6.1 Riskanalys"} <= {i.text for i in items if i.kind == "toc_entry"}
    text = "\n".join(i.text for i in items)
    assert "Arbetslivsnämnden har inte genomfört några riskanalyser under 2021." not in text


@pytest.mark.parametrize(
    "name, sentence",
    [
        ("boras-2018", "Under 2018 har Arbetslivsnämnden mottagit nio synpunkter."),
        ("boras-2018", "SOSFS: 2011:9, 5 kap. 1 §"),
        ("boras-2018", "Enkäten fanns att tillgå på sju språk utöver svenska.[^1] Av rikets 290 kommuner"),
        ("boras-2018", "[^1]: Utöver svenska fanns enkäten att tillgå på arabiska, dari, engelska, finska,"),
        ("boras-2018", "Under 2018 har försörjningsenheten gjort tre rapporter enligt Lex Sarah."),
        ("boras-2021", "Arbetslivsnämnden har inte genomfört några riskanalyser under 2021."),
        ("boras-2021", "Arbetslivsnämnden hade inga anmälningar om Lex Maria under 2021."),
        ("boras-2021", "Arbetslivsnämnden hade under 2021 en Lex Sarah."),
        ("boras-2021", "Under 2021 har totalt åtta avvikelser rapporterats och utretts."),
        ("boras-2021", "SOSFS: 2011:9,4 kap. 6 §, 7 kap. 3 § p 3"),
    ],
)
def test_seed_markdown_keeps_original_sentences(name, sentence):
    assert sentence in (SEEDS / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, phrases",
    [
        ("kvalitetsberattelse-aldreomsorg-2025", [
            "14 riskanalyser", "47 synpunkter, varav 31 klagomål", "312 avvikelser",
            "sex lex Sarah-rapporter, varav två anmäldes till IVO", "27 kap. 2–6 §§", "LSS 24 b–f §§",
            "Fastställd av vård- och omsorgsnämnden 2026-02-20"]),
        ("psb-region-halsocentral-2024", ["3 kap. 9 §", "tre anmälningar enligt lex Maria", "patientnämnden",
                                          "3 kap. 4 §", "HSLF-FS 2016:40", "journalgranskning", "Loggkontroll",
                                          "tidsplan", "Fastställd 2025-02-12"]),
    ],
)
def test_invented_reports_carry_their_facts(name, phrases):
    text = (SEEDS / f"{name}.md").read_text(encoding="utf-8")
    assert [p for p in phrases if p not in text] == []


def test_kvalitetsberattelse_is_sol_only():
    text = (SEEDS / "kvalitetsberattelse-aldreomsorg-2025.md").read_text(encoding="utf-8").lower()
    assert [w for w in ("lex maria", "hsl", "patientsäkerhet", "vårdskada") if w in text] == []


# --- build_docx: the three forms


def test_headings_form_uses_builtin_styles_and_a_word_toc():
    document = _read(build_docx(SPEC))
    names = _style_names(document)
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2", "List Number"} <= set(names)
    sdt = document.element.body.find(qn("w:sdt"))
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    assert gallery.get(qn("w:val")) == "Table of Contents"
    toc = [docx.text.paragraph.Paragraph(p, document) for p in sdt.iter(qn("w:p"))]
    assert [(p.style.name, p.text) for p in toc] == [
        ("TOC Heading", "Innehåll"), ("toc 1", "1 Sammanfattning\t2"), ("toc 2", "1.1 Riskanalys\t3")]
    assert document.styles["toc 1"].style_id == "TOC1"
    assert "Innehåll" not in [p.text for p in document.paragraphs]  # inside the sdt, not a body paragraph


def test_template_form_uses_custom_styles_with_outline_levels():
    document = _read(build_docx(SPEC, style="template"))
    names = set(_style_names(document))
    assert not {n for n in names if n.startswith("Heading") or n == "Title"}
    assert {"Borås Rubrik 1", "Borås Rubrik 2", "Borås Innehåll"} <= names
    for level in (1, 2):
        style = document.styles[f"Borås Rubrik {level}"]
        assert style.base_style.name == "Normal" and style.font.bold
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    assert "1.1 Riskanalys.....3" in [p.text for p in document.paragraphs if p.style.name == "Borås Innehåll"]
    assert document.element.body.find(qn("w:sdt")) is None


def test_bold_form_has_no_heading_styles():
    document = _read(build_docx(SPEC, style="bold"))
    assert set(_style_names(document)) == {"Normal"}
    by_text = {p.text: p for p in document.paragraphs}
    for text, size in (("1 Sammanfattning", 16), ("1.1 Riskanalys", 13)):
        run = by_text[text].runs[0]
        assert run.bold and run.font.size.pt == size
    typed = {"Innehåll", "1.1 Riskanalys\t3", "• punkt", "- underpunkt", "1. fråga\nSvarsalternativ: ja, nej."}
    assert typed <= set(by_text)


@pytest.mark.parametrize("style", testing.STYLES)
def test_footnote_and_table_are_real(style):
    data = build_docx(SPEC, style=style)
    document = _read(data)
    reference = document.element.body.find(f".//{qn('w:footnoteReference')}")
    notes = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    assert reference is not None and f'w:id="{reference.get(qn("w:id"))}"' in notes and "En fotnot." in notes
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells == [["Område", "Antal"], ["Avvikelser", "312"]]


def test_build_docx_writes_a_path_and_is_reproducible(tmp_path):
    path = build_docx(SPEC, tmp_path / "a.docx", toc=False)
    assert path == tmp_path / "a.docx" and path.read_bytes() == build_docx(SPEC, toc=False)
    assert "toc 1" not in _style_names(docx.Document(path))


def test_build_docx_rejects_unknown_style():
    with pytest.raises(ValueError):
        build_docx(SPEC, style="fancy")


# --- LibreOffice


def test_missing_soffice_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(libreoffice, "soffice_path", lambda: None)
    with pytest.raises(LibreOfficeError, match="soffice"):
        libreoffice_resave(tmp_path / "x.docx", tmp_path)


@needs_soffice
def test_libreoffice_resave_gives_a_docx_and_leaves_the_input(tmp_path):
    source = build_docx(SPEC, tmp_path / "report.docx")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = libreoffice_resave(source, tmp_path / "lo")
    assert out == tmp_path / "lo" / "report.docx"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    document = docx.Document(out)
    assert "Heading 1" in _style_names(document)
    assert document.element.body.find(qn("w:sdt")) is not None
    with pytest.raises(ValueError):
        libreoffice_resave(source, tmp_path)
