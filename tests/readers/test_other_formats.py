"""ODT, PDF, Markdown and plain text: the same reports give the same checklist as the DOCX.

The ODT and PDF files are made from the Borås DOCX fixtures by LibreOffice during the test run;
the Markdown files are the seeds the DOCX fixtures are built from; the plain-text files are the
reports' original text.
"""

import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import sosfs_check
from sosfs_check.errors import InputError
from sosfs_check.discover import discover
from sosfs_check.readers import read, sniff
from sosfs_check.readers.common import join_lines
from sosfs_check.testing import libreoffice_convert, soffice_path

from helpers import libreoffice_convert_all

pytestmark = pytest.mark.xdist_group("other_formats")  # the documents of the module are built once, on one worker
FIXTURES = Path(__file__).parents[2] / "fixtures"
AS_OF = date(2026, 11, 25)
REPORTS = ["boras-2018", "boras-2021"]
TEXTS = {report: f"boras-patientsakerhetsberattelse-{report[-4:]}.txt" for report in REPORTS}
FACTS = {
    "boras-2018": {"klagomal_synpunkter": 9, "lex_sarah_rapporter": 3, "ivo_anmalningar": 1},
    "boras-2021": {"avvikelser": 8, "klagomal_synpunkter": 12, "lex_maria_anmalningar": 0, "lex_sarah_rapporter": 1},
}
needs_libreoffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The Borås DOCX fixtures saved by LibreOffice as ODT or PDF, once per module: both reports in
    one LibreOffice run per format."""
    out = tmp_path_factory.mktemp("converted")
    cache: dict[tuple[str, str], Path] = {}

    def get(report: str, fmt: str) -> Path:
        if (report, fmt) not in cache:
            sources = [FIXTURES / "docx" / f"{name}-headings.docx" for name in REPORTS]
            cache.update(zip([(name, fmt) for name in REPORTS], libreoffice_convert_all(sources, fmt, out)))
        return cache[report, fmt]

    return get


def check(path):
    return sosfs_check.check(path, as_of=AS_OF)


def statuses(result) -> dict[str, str]:
    return {a.area: a.status for a in result.checklist}


def facts(result) -> dict[str, int]:
    return {f.key: f.value for f in result.facts}


def docx_result(report: str):
    return check(FIXTURES / "docx" / f"{report}-headings.docx")


# -- the same checklist in every format ---------------------------------------------------------


@needs_libreoffice
@pytest.mark.parametrize("fmt", ["odt", "pdf"])
@pytest.mark.parametrize("report", REPORTS)
def test_libreoffice_odt_and_pdf_give_the_docx_checklist(converted, report, fmt):
    path = converted(report, fmt)
    assert sniff(path) == fmt
    result, reference = check(path), docx_result(report)
    assert result.document.format == fmt
    # Area by area: no area differs, so not even the one difference the issue allows is needed.
    assert statuses(result) == statuses(reference)
    assert facts(result) == facts(reference)
    year = int(report[-4:])
    assert (result.profile, result.report_year, result.period_year) == ("kombinerad", year, year)
    assert {f.rule_id for f in result.findings} == {f.rule_id for f in reference.findings}


@pytest.mark.parametrize("report", REPORTS)
def test_markdown_source_gives_the_docx_checklist(report):
    result, reference = check(FIXTURES / "seeds" / f"{report}.md"), docx_result(report)
    assert result.document.format == "markdown"
    assert statuses(result) == statuses(reference)
    assert facts(result) == facts(reference)
    assert {f.rule_id for f in result.findings} == {f.rule_id for f in reference.findings}


@pytest.mark.parametrize("report", REPORTS)
def test_plain_text_original_gives_the_docx_checklist(report):
    result, reference = check(FIXTURES / "text" / TEXTS[report]), docx_result(report)
    assert result.document.format == "text"
    assert statuses(result) == statuses(reference)
    assert facts(result) == facts(reference)
    extra = {f.rule_id for f in result.findings} - {f.rule_id for f in reference.findings}
    if report == "boras-2021":
        assert extra == set()
    else:
        # The 2018 text numbers no headings and its TOC has no levels, so every heading found
        # through the TOC is on level 1: repeated subheadings such as a second "Egenkontroll" look
        # like top-level headings missing from the TOC (an area already "delvis"). "Resultat och
        # analys" loses its subsections too, but the results are described in body text ("Antalet
        # hushåll … har minskat från 486 … till 414", issue 21), so PSL-3-10-RESULTAT still passes.
        assert extra == {"BERATTELSE-INNEHALLSFORTECKNING"}


# -- PDF ------------------------------------------------------------------------------------------


@needs_libreoffice
@pytest.mark.parametrize("report", REPORTS)
def test_pdf_of_a_real_report_keeps_figures_sections_and_pages(converted, report):
    document = read(converted(report, "pdf"))
    result = check(converted(report, "pdf"))
    assert FACTS[report].items() <= facts(result).items()
    assert document.blocks[0].kind == "title"
    assert document.title.startswith("Patientsäkerhets- och kvalitetsberättelse")
    assert len(document.toc) == 25 and document.toc[0].page in ("2", "3")
    heads = document.headings
    assert len(heads) == len(read(FIXTURES / "docx" / f"{report}-headings.docx").headings)
    assert {h.source for h in heads} == {"font"}
    assert all(b.location == f"sida {b.line}" for b in document.blocks)
    assert [b.line for b in document.blocks] == sorted(b.line for b in document.blocks)
    assert document.blocks[-1].line >= 10  # twelve or thirteen pages
    if report == "boras-2021":
        lex_sarah = next(f for f in result.facts if f.key == "lex_sarah_rapporter")
        assert lex_sarah.section == "6 Resultat och analys > 6.5 Lex Sarah"
        wrapped = next(h for h in heads if h.text.startswith("4.1"))  # two lines in the PDF
        assert wrapped.text == "4.1 Förvaltningens arbete med patientsäkerhet och kvalitet" and wrapped.level == 2
    else:
        deepest = next(h for h in heads if h.text == "Ekonomiskt bistånd")  # bold italic: level 4
        path = ("Resultat och analys", "Egenkontroll", "Brukarundersökning IFO", "Ekonomiskt bistånd")
        assert deepest.section == path


@needs_libreoffice
def test_pdf_running_header_footer_and_page_numbers_are_removed(tmp_path):
    word = docx.Document(FIXTURES / "docx" / "boras-2021-headings.docx")
    word.sections[0].header.paragraphs[0].text = "Borås Stad – Arbetslivsförvaltningen"
    footer = word.sections[0].footer.paragraphs[0]
    footer.add_run("Sida ")
    for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>', "<w:t>1</w:t>", '<w:fldChar w:fldCharType="end"/>'):
        footer._p.append(parse_xml(f'<w:r {nsdecls("w")}>{xml}</w:r>'))
    word.save(tmp_path / "med-sidhuvud.docx")
    path = libreoffice_convert(tmp_path / "med-sidhuvud.docx", "pdf", tmp_path)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        raw = [line["text"] for page in pdf.pages for line in page.extract_text_lines()]
    assert raw.count("Borås Stad – Arbetslivsförvaltningen") == len(pdf.pages) and "Sida 5" in raw
    document = read(path)
    texts = [b.text for b in document.blocks]
    assert not any("Borås Stad – Arbetslivsförvaltningen" in t or t.startswith("Sida ") for t in texts)
    assert statuses(check(path)) == statuses(docx_result("boras-2021"))


@needs_libreoffice
def test_pdf_joins_words_hyphenated_at_line_ends(tmp_path):
    word = docx.Document()
    word.add_paragraph("Patientsäkerhetsberättelse 2021", style="Title")
    for n in range(8):
        word.add_paragraph(f"{n + 1} Avsnitt om arbetet", style="Heading 1")
        for filler in range(5):
            # Soft hyphens let LibreOffice break "patient-säkerhets-arbetet" at a line end.
            sentence = "Under året har patient\u00adsäkerhets\u00adarbetet inom hälso- och sjukvården utvecklats."
            word.add_paragraph(" ".join(["Verksamheten"] + ["vidare"] * (filler + n) + [sentence] * 3))
    word.save(tmp_path / "avstavning.docx")
    path = libreoffice_convert(tmp_path / "avstavning.docx", "pdf", tmp_path)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        raw = [line["text"] for page in pdf.pages for line in page.extract_text_lines()]
    assert any(line.endswith("patientsäkerhets-") or line.endswith("patient-") for line in raw)
    assert any(line.endswith("hälso-") for line in raw)  # the test covers both kinds of break
    text = " ".join(b.text for b in read(path).blocks)
    assert text.count("patientsäkerhetsarbetet") == 8 * 5 * 3
    assert text.count("hälso- och sjukvården") == 8 * 5 * 3


def test_join_lines_keeps_compound_hyphens():
    assert join_lines(["ökad patient-", "säkerhet"]) == "ökad patientsäkerhet"
    assert join_lines(["inom hälso-", "och sjukvård"]) == "inom hälso- och sjukvård"
    assert join_lines(["en IVO-", "anmälan"]) == "en IVO-anmälan"
    assert join_lines(["patient\u00ad", "säkerhet"]) == "patientsäkerhet"


def test_scanned_pdf_without_text_layer_is_refused_in_swedish(tmp_path):
    from PIL import Image

    path = tmp_path / "skannad.pdf"
    Image.new("RGB", (600, 800), "white").save(path)
    with pytest.raises(InputError) as error:
        read(path)
    assert "saknar textlager" in error.value.problem and "OCR" in error.value.problem


def test_broken_pdf_gets_a_clear_message(tmp_path):
    path = tmp_path / "trasig.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really a pdf")
    with pytest.raises(InputError, match="är inte en giltig PDF-fil"):
        read(path)


# -- ODT ------------------------------------------------------------------------------------------

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">
<office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Kommun_20_Rubrik"/>
  <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Contents_20_2"/>
  <style:style style:name="P3" style:family="paragraph" style:parent-style-name="Title"/>
</office:automatic-styles>
<office:body><office:text>
 <text:tracked-changes>
  <text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Eva</dc:creator></office:change-info>
   <text:p>borttagen mening om riskanalys</text:p></text:deletion></text:changed-region>
  <text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>Olle</dc:creator></office:change-info>
   </text:insertion></text:changed-region>
 </text:tracked-changes>
 <text:p text:style-name="P3">Patientsäkerhetsberättelse 2024</text:p>
 <text:table-of-content><text:index-body>
  <text:index-title><text:p text:style-name="Contents_20_Heading">Innehållsförteckning</text:p></text:index-title>
  <text:p text:style-name="Contents_20_1">1 Riskanalys<text:tab/>2</text:p>
  <text:p text:style-name="P2">1.1 Resultat<text:tab/>3</text:p>
 </text:index-body></text:table-of-content>
 <text:h text:outline-level="1">1 Riskanalys</text:h>
 <text:p>Vi har gjort<text:s text:c="2"/>fyra riskanalyser<text:change text:change-id="ct1"/> under året.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Enligt SOSFS 2011:9.</text:p></text:note-body></text:note><office:annotation><dc:creator>Anna</dc:creator><text:p>Stämmer siffran?</text:p></office:annotation></text:p>
 <text:p text:style-name="P1">Resultat</text:p>
 <text:p>Det kom in <text:change-start text:change-id="ct2"/>tolv<text:change-end text:change-id="ct2"/> synpunkter.</text:p>
 <text:list><text:list-item><text:p>Första punkten</text:p><text:list><text:list-item><text:p>Inre punkt</text:p></text:list-item></text:list></text:list-item></text:list>
 <table:table><table:table-header-rows><table:table-row>
   <table:table-cell><text:p>Antal avvikelser</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/>
   <table:table-cell><text:p>Antal klagomål</text:p></table:table-cell></table:table-row></table:table-header-rows>
  <table:table-row><table:table-cell><text:p>155</text:p></table:table-cell><table:covered-table-cell/><table:table-cell/>
   <table:table-cell><text:p>12</text:p></table:table-cell></table:table-row>
 </table:table>
</office:text></office:body></office:document-content>
"""
ODT_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:styles>
  <style:style style:name="Kommun_20_Rubrik" style:display-name="Kommun Rubrik" style:family="paragraph"
   style:default-outline-level="2"/>
  <style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph"/>
  <style:style style:name="Contents_20_2" style:display-name="Contents 2" style:family="paragraph"/>
  <style:style style:name="Title" style:family="paragraph"/>
</office:styles></office:document-styles>
"""


def write_odt(path: Path, content: str = ODT_CONTENT, styles: str = ODT_STYLES) -> Path:
    with zipfile.ZipFile(path, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        odt.writestr("content.xml", content)
        odt.writestr("styles.xml", styles)
    return path


def test_odt_structure_notes_comments_and_tracked_changes(tmp_path):
    document = read(write_odt(tmp_path / "rapport.odt"))
    assert document.format == "odt"
    kinds = [(b.kind, b.text, b.level, b.source) for b in document.blocks]
    assert kinds[:5] == [
        ("title", "Patientsäkerhetsberättelse 2024", None, None),
        ("heading", "1 Riskanalys", 1, "markup"),
        ("paragraph", "Vi har gjort fyra riskanalyser under året.", None, None),
        ("heading", "Resultat", 2, "style_outline"),  # automatic style P1 -> parent's outline level
        ("paragraph", "Det kom in tolv synpunkter.", None, None),
    ]
    items = [(b.kind, b.text) for b in document.blocks[5:7]]
    assert items == [("list_item", "Första punkten"), ("list_item", "Inre punkt")]
    cells = {b.table: b.text for b in document.blocks if b.kind == "table_cell"}
    assert cells == {(0, 0, 0): "Antal avvikelser", (0, 0, 3): "Antal klagomål", (0, 1, 0): "155", (0, 1, 3): "12"}
    note = document.blocks[-1]
    assert (note.kind, note.text, note.location) == ("footnote", "Enligt SOSFS 2011:9.", "fotnot 1")
    assert note.section == ("1 Riskanalys",)  # the section of the paragraph that refers to it
    assert [(e.text, e.page, e.level) for e in document.toc] == [("1 Riskanalys", "2", 1), ("1.1 Resultat", "3", 2)]
    assert all("borttagen" not in b.text and "Stämmer" not in b.text for b in document.blocks)
    marks = {(m.kind, m.text, m.block, m.author) for m in document.markup}
    assert marks == {("deletion", "borttagen mening om riskanalys", 3, "Eva"), ("comment", "Stämmer siffran?", 3, "Anna"),
                     ("insertion", "tolv", 5, "Olle")}
    assert document.blocks[2].location == "stycke 3" and document.blocks[2].section == ("1 Riskanalys",)
    result = check(tmp_path / "rapport.odt")
    assert facts(result) == {"avvikelser": 155, "klagomal_synpunkter": 12, "riskanalyser": 4}


def test_odt_without_styles_uses_bold_and_numbering(tmp_path):
    content = ODT_CONTENT.split("<office:body>")[0].replace(
        "</office:automatic-styles>",
        '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:automatic-styles>")
    body = "".join(
        f'<text:p><text:span text:style-name="B">{title}</text:span></text:p><text:p>{"Löptext om arbetet. " * 8}</text:p>'
        for title in ("Sammanfattning", "Riskanalys", "Egenkontroll", "Avvikelser"))
    document = read(write_odt(tmp_path / "fet.odt", content + f"<office:body><office:text>{body}</office:text></office:body>"
                              "</office:document-content>"))
    assert [(h.text, h.level, h.source) for h in document.headings] == [
        (t, 1, "bold") for t in ("Sammanfattning", "Riskanalys", "Egenkontroll", "Avvikelser")]
    assert any("fetstil" in w for w in document.warnings)


def test_broken_odt_gets_a_clear_message(tmp_path):
    path = tmp_path / "trasig.odt"
    with zipfile.ZipFile(path, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<office:document-content")
    with pytest.raises(InputError, match="är inte en giltig OpenDocument-fil"):
        read(path)


# -- Markdown and plain text ----------------------------------------------------------------------

MARKDOWN = """---
title: Kvalitetsberättelse 2025
---
Kvalitetsberättelse 2025
========================

Innehållsförteckning

- Riskanalys.....2

Riskanalys
----------

Vi har gjort *fyra* riskanalyser[^1] under
året.

1. Första
2. Andra

| Antal avvikelser | Antal klagomål |
|---|---|
| 155 | 12 |

[^1]: Enligt SOSFS 2011:9.
"""


def test_markdown_blocks_lines_and_tables(tmp_path):
    path = tmp_path / "rapport.txt"  # the name says text, the content says Markdown
    path.write_text(MARKDOWN, encoding="utf-8")
    document = read(path)
    assert document.format == "markdown" and document.core_title == "Kvalitetsberättelse 2025"
    got = [(b.kind, b.text, b.level, b.source, b.location) for b in document.blocks]
    assert got[:5] == [
        ("heading", "Kvalitetsberättelse 2025", 1, "markup", "rad 4"),
        ("heading", "Riskanalys", 2, "markup", "rad 11"),
        ("paragraph", "Vi har gjort fyra riskanalyser under året.", None, None, "rad 14"),
        ("list_item", "Första", None, None, "rad 17"),
        ("list_item", "Andra", None, None, "rad 18"),
    ]
    assert {b.table: b.text for b in document.blocks if b.kind == "table_cell"} == {
        (0, 0, 0): "Antal avvikelser", (0, 0, 1): "Antal klagomål", (0, 1, 0): "155", (0, 1, 1): "12"}
    note = document.blocks[-1]
    assert (note.kind, note.text, note.line, note.section) == (
        "footnote", "Enligt SOSFS 2011:9.", 24, ("Kvalitetsberättelse 2025", "Riskanalys"))
    assert [(e.text, e.page, e.level) for e in document.toc] == [("Riskanalys", "2", 1)]
    assert facts(check(path)) == {"avvikelser": 155, "klagomal_synpunkter": 12, "riskanalyser": 4}


def test_plain_text_headings_from_numbers_and_from_the_toc(tmp_path):
    numbered = read(FIXTURES / "text" / TEXTS["boras-2021"])
    assert {h.source for h in numbered.headings} == {"numbering"}
    sub = next(h for h in numbered.headings if h.text == "6.3 Avvikelser på individnivå")
    assert (sub.level, sub.section, sub.location, sub.line) == (2, ("6 Resultat och analys", sub.text), "rad 296", 296)
    from_toc = read(FIXTURES / "text" / TEXTS["boras-2018"])
    assert {h.source for h in from_toc.headings} == {"toc"}
    # "Risakanalys" in the text still matches the TOC's "Riskanalys"; the wrapped TOC entry
    # "Förvaltningens arbete med patientsäkerhet" + "och kvalitet" matches the heading whole.
    texts = [h.text for h in from_toc.headings]
    assert "Risakanalys" in texts and "Förvaltningens arbete med patientsäkerhet och kvalitet" in texts
    assert len(from_toc.toc) == 25 and not from_toc.warnings


def test_plain_text_without_headings_is_still_checked_with_a_warning(tmp_path):
    path = tmp_path / "utan-rubriker.txt"
    path.write_text("Patientsäkerhetsberättelse 2024\n\nUnder året rapporterades 155 avvikelser och tolv "
                    "synpunkter. Vi har arbetat med hälso-\noch sjukvård.\n\n- första punkten\n- andra\n  fortsätter\n",
                    encoding="cp1252")
    document = read(path)
    assert document.format == "text" and not document.headings
    assert document.warnings == [
        "Inga rubriker hittades: texten granskas ändå, men avsnitt kan inte knytas till rubriker."]
    assert document.blocks[1].text.endswith("hälso- och sjukvård.") and document.blocks[1].location == "rad 3"
    items = [(b.kind, b.text) for b in document.blocks[2:]]
    assert items == [("list_item", "första punkten"), ("list_item", "andra fortsätter")]
    assert facts(check(path)) == {"avvikelser": 155, "klagomal_synpunkter": 12}


def test_empty_text_file_is_an_input_error(tmp_path):
    path = tmp_path / "tom.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="innehåller ingen text"):
        read(path)


# -- choosing the reader ------------------------------------------------------------------------------


@needs_libreoffice
def test_format_is_told_by_content_not_by_name(converted, tmp_path):
    cases = {
        "odt-som.docx": (converted("boras-2021", "odt"), "odt"),
        "pdf-som.txt": (converted("boras-2021", "pdf"), "pdf"),
        "docx-som.pdf": (FIXTURES / "docx" / "boras-2021-headings.docx", "docx"),
        "markdown-som.txt": (FIXTURES / "seeds" / "boras-2021.md", "markdown"),
        "markdown-utan-namn": (FIXTURES / "seeds" / "boras-2021.md", "markdown"),
        "text-som.md": (FIXTURES / "text" / TEXTS["boras-2021"], "markdown"),  # .md: always Markdown
        "text-utan-namn": (FIXTURES / "text" / TEXTS["boras-2021"], "text"),
    }
    for name, (source, fmt) in cases.items():
        target = tmp_path / name
        target.write_bytes(source.read_bytes())
        assert sniff(target) == fmt, name
        assert read(target).format == fmt, name
    # Text under a Word name is a broken Word file, and is told so.
    (tmp_path / "trasig.docx").write_bytes(b"inte en zip")
    with pytest.raises(InputError, match="är inte en giltig Word-fil"):
        read(tmp_path / "trasig.docx")


def test_missing_file_and_directory_keep_their_messages(tmp_path):
    with pytest.raises(InputError, match="filen finns inte"):
        read(tmp_path / "saknas.pdf")
    with pytest.raises(InputError, match="är en mapp, inte en fil"):
        read(tmp_path)


def test_directories_are_searched_for_every_format(tmp_path):
    for name in ("a.docx", "b.odt", "c.pdf", "d.md", "e.txt", "f.png"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in discover([tmp_path]).files] == ["a.docx", "b.odt", "c.pdf", "d.md", "e.txt"]


def test_reading_docx_imports_no_pdf_or_markdown_library():
    code = ("import sys, sosfs_check; sosfs_check.check(sys.argv[1]); "
            "print(sorted(m for m in ('pdfplumber', 'pdfminer', 'markdown_it') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "docx" / "boras-2021-headings.docx")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
