"""The Word reader on real .docx files built with python-docx (raw XML where it has no API)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from sosfs_check.errors import InputError
from sosfs_check.readers.common import NO_HEADINGS
from sosfs_check.readers.docx import HEURISTIC_HEADINGS, read_docx

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
BODY = "Verksamheten har arbetat systematiskt med patientsäkerhet under året."


def add_xml(document, xml: str) -> None:
    """Append a raw body element (w:p, w:sdt) written without namespace declarations."""
    document.element.body.sectPr.addprevious(parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {NS}", xml, count=1)))


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def set_outline(style, level: int | None) -> None:
    """Give a style w:outlineLvl (None removes it)."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    if level is not None:
        ppr.append(parse_xml(f'<w:outlineLvl {NS} w:val="{level}"/>'))


def save(document, tmp_path: Path, name: str = "rapport.docx") -> Path:
    path = tmp_path / name
    document.save(path)
    return path


def headings(doc) -> list[tuple[str, int, str]]:
    return [(b.text, b.level, b.source) for b in doc.headings]


def test_heading_ladder_styles_and_sections(tmp_path):
    d = docx.Document()
    d.core_properties.title = "PSB 2023"
    d.add_paragraph("Patientsäkerhetsberättelse 2023", style="Title")
    # Swedish Word: styleId "Rubrik1", but the name stays the English built-in "heading 1".
    h1 = d.styles["Heading 1"]
    h1.element.set(qn("w:styleId"), "Rubrik1")
    set_outline(h1, None)
    kommun = d.styles.add_style("Kommun Rubrik 1", WD_STYLE_TYPE.PARAGRAPH)
    kommun.base_style = d.styles["Normal"]
    set_outline(kommun, 0)
    d.styles.add_style("Rubrik 2", WD_STYLE_TYPE.PARAGRAPH)
    d.styles.add_style("Avsnittsrubrik", WD_STYLE_TYPE.PARAGRAPH)

    d.add_paragraph("Inledning", style="Heading 1")
    d.add_paragraph(BODY)
    d.add_paragraph("Struktur", style="Heading 2")  # template style carries outlineLvl 1
    d.add_paragraph(BODY)
    add_xml(d, f'<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr>{run("Ledningssystem")}</w:p>')
    d.add_paragraph(BODY)
    d.add_paragraph("Process", style="Kommun Rubrik 1")
    d.add_paragraph("Samverkan", style="Rubrik 2")
    d.add_paragraph(BODY)
    d.add_paragraph("Resultat", style="Avsnittsrubrik")
    d.add_paragraph("Punkt", style="List Bullet")
    add_xml(d, f'<w:p><w:pPr><w:outlineLvl w:val="9"/></w:pPr>{run("Brödtext med nivå 9")}</w:p>')

    doc = read_docx(save(d, tmp_path), style_map={"avsnittsrubrik": 1})

    assert headings(doc) == [
        ("Inledning", 1, "builtin_style"),
        ("Struktur", 2, "style_outline"),
        ("Ledningssystem", 3, "outline_level"),
        ("Process", 1, "style_outline"),
        ("Samverkan", 2, "style_map"),
        ("Resultat", 1, "style_map"),
    ]
    assert doc.blocks[0].kind == "title" and doc.title == "Patientsäkerhetsberättelse 2023"
    assert doc.core_title == "PSB 2023"
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Ledningssystem"].section == ("Inledning", "Struktur", "Ledningssystem")
    assert by_text["Samverkan"].section == ("Process", "Samverkan")
    assert by_text["Punkt"].kind == "list_item" and by_text["Punkt"].section == ("Resultat",)
    assert by_text["Brödtext med nivå 9"].kind == "paragraph"
    assert [b.index for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))
    assert doc.blocks[3].line == 4 and doc.blocks[3].location == "stycke 4"
    assert doc.warnings == []


def test_typed_numbers_and_bold_subheadings_without_styles(tmp_path):
    d = docx.Document()
    for text in ("1 Inledning", "Försörjningsenheten", "1.1 Syfte", "14 kap. 3 § SoL", "2 Riskanalys",
                 "1. Hur lätt eller svårt är det att få kontakt?", "2. Hur nöjd är du med bemötandet?"):
        paragraph = d.add_paragraph(text)
        if text[0].isdigit() and not text.endswith("?") and "kap." not in text:
            bold(paragraph, 14)
        elif text == "Försörjningsenheten":
            bold(paragraph)
        d.add_paragraph(BODY)
    for text in ("1. Ja", "2. Nej", BODY):  # adjacent numbers at one depth: a list
        d.add_paragraph(text)
    doc = read_docx(save(d, tmp_path))
    assert headings(doc) == [
        ("1 Inledning", 1, "numbering"),
        ("Försörjningsenheten", 2, "bold"),  # smaller than the enclosing numbered heading
        ("1.1 Syfte", 2, "numbering"),
        ("2 Riskanalys", 1, "numbering"),
    ]
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["2. Nej"].kind == "paragraph" and by_text["2. Nej"].section == ("2 Riskanalys",)
    assert by_text["14 kap. 3 § SoL"].kind == "paragraph"  # numbers only move on
    assert doc.warnings == [HEURISTIC_HEADINGS]


def bold(paragraph, size: int | None = None):
    for r in paragraph.runs:
        r.bold = True
        if size:
            r.font.size = Pt(size)
    return paragraph


def test_bold_and_large_paragraphs_become_headings_only_without_styles(tmp_path):
    d = docx.Document()
    bold(d.add_paragraph("Patientsäkerhetsberättelse 2023"), 20)
    d.add_paragraph("Socialnämnden")
    bold(d.add_paragraph("Sammanfattning"), 16)
    d.add_paragraph(BODY)
    bold(d.add_paragraph("Bakgrund"))
    d.add_paragraph(BODY)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Antal").bold = True
    table.cell(0, 1).text = "12"
    bold(d.add_paragraph("Detta är en mening."))
    d.add_paragraph(BODY)
    doc = read_docx(save(d, tmp_path))
    assert headings(doc) == [("Sammanfattning", 1, "bold"), ("Bakgrund", 2, "bold")]
    assert doc.blocks[0].kind == "title"  # first line, larger than every heading
    assert doc.warnings == [HEURISTIC_HEADINGS]

    styled = docx.Document()
    for title in ("Inledning", "Struktur", "Process"):
        styled.add_heading(title, 1)
        styled.add_paragraph(BODY)
    bold(styled.add_paragraph("Viktigt"))
    styled.add_paragraph(BODY)
    doc = read_docx(save(styled, tmp_path, "styled.docx"))
    assert [b.text for b in doc.headings] == ["Inledning", "Struktur", "Process"]


def test_no_headings_warns(tmp_path):
    d = docx.Document()
    d.add_paragraph(BODY)
    d.add_paragraph("")
    d.add_paragraph(BODY + " Mer text.")
    doc = read_docx(save(d, tmp_path))
    assert doc.headings == [] and len(doc.blocks) == 2  # the empty paragraph is dropped
    assert doc.warnings == [NO_HEADINGS]


def toc_field_sdt(entries: list[tuple[str, str, int]]) -> str:
    """A Word TOC: a content control holding a TOC heading and a TOC field over the entries."""
    paragraphs = []
    for n, (text, page, level) in enumerate(entries):
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            if n == 0 else ""
        )
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="Innehll{level}"/></w:pPr>{begin}'
            f'<w:hyperlink w:anchor="_Toc{n}">{run(text)}<w:r><w:tab/></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{n} \\h </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(page)}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
        )
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        '</w:docPartObj></w:sdtPr><w:sdtContent>'
        f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>{run("Innehåll")}</w:p>'
        + "".join(paragraphs)
        + '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>'
    )


def test_toc_content_control_is_collected_not_read_as_sections(tmp_path):
    d = docx.Document()
    for level in (1, 2):  # Swedish Word: styleId "Innehll1", built-in name "toc 1"
        style = d.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), f"Innehll{level}")
    add_xml(d, toc_field_sdt([("1 Inledning", "3", 1), ("1.1 Riskanalys", "7", 2)]))
    d.add_heading("1 Inledning", 1)
    d.add_paragraph(BODY)
    d.add_heading("1.1 Riskanalys", 2)
    d.add_paragraph(BODY)
    doc = read_docx(save(d, tmp_path))
    assert [(e.text, e.page, e.level) for e in doc.toc] == [("1 Inledning", "3", 1), ("1.1 Riskanalys", "7", 2)]
    assert [b.text for b in doc.blocks] == ["1 Inledning", BODY, "1.1 Riskanalys", BODY]
    assert doc.blocks[0].index == 1


def test_toc_field_without_content_control(tmp_path):
    d = docx.Document()
    sdt = toc_field_sdt([("Inledning", "2", 1), ("Avvikelser", "4", 1)])
    content = parse_xml(sdt.replace("<w:sdt>", f"<w:sdt {NS}>", 1)).find(qn("w:sdtContent"))
    for p in list(content)[1:]:  # only the field's paragraphs, in the Normal style
        for ppr in p.findall(qn("w:pPr")):
            p.remove(ppr)
        d.element.body.sectPr.addprevious(p)
    d.add_heading("Inledning", 1)
    d.add_paragraph(BODY)
    doc = read_docx(save(d, tmp_path))
    assert [(e.text, e.page) for e in doc.toc] == [("Inledning", "2"), ("Avvikelser", "4")]
    assert [b.text for b in doc.blocks] == ["Inledning", BODY]


def test_toc_title_typed_inside_the_toc_is_no_entry(tmp_path):
    """A TOC's title in an ordinary style, inside the TOC's content control, is no entry of it."""
    d = docx.Document()
    add_xml(d, toc_field_sdt([("Inledning", "2", 1)]).replace('<w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>', "", 1))
    d.add_heading("Inledning", 1)
    d.add_paragraph(BODY)
    doc = read_docx(save(d, tmp_path))
    assert [(e.text, e.page) for e in doc.toc] == [("Inledning", "2")]
    assert [b.text for b in doc.blocks] == ["Inledning", BODY]


def test_typed_toc_with_dot_leaders_and_tabs(tmp_path):
    d = docx.Document()
    d.add_paragraph("Patientsäkerhetsberättelse 2023")
    d.add_paragraph("Innehållsförteckning")
    for line in ("1 Inledning\t3", "4.2 Riskanalys.....7", "Bilaga 1\t12"):
        d.add_paragraph(line)
    d.add_paragraph("")
    d.add_heading("1 Inledning", 1)
    d.add_paragraph(BODY + "\t12")
    d.add_heading("4.2 Riskanalys", 2)
    d.add_paragraph("Riskanalys.....7")  # dot leaders and page: a TOC line wherever it stands
    d.add_heading("Bilaga 1", 1)
    doc = read_docx(save(d, tmp_path))
    assert [(e.text, e.page, e.level) for e in doc.toc] == [
        ("1 Inledning", "3", 1), ("4.2 Riskanalys", "7", 2), ("Bilaga 1", "12", None), ("Riskanalys", "7", None)]
    assert [b.text for b in doc.blocks] == [
        "Patientsäkerhetsberättelse 2023", "1 Inledning", BODY + " 12", "4.2 Riskanalys", "Bilaga 1"]
    assert [b.source for b in doc.headings] == ["style_outline"] * 3


def test_tracked_changes_content_controls_and_fields(tmp_path):
    d = docx.Document()
    d.add_heading("Avvikelser", 1)
    add_xml(d, (
        "<w:p>" + run("Antalet avvikelser var ")
        + '<w:del w:id="1" w:author="Anna"><w:r><w:delText>tolv</w:delText></w:r></w:del>'
        + f'<w:ins w:id="2" w:author="Bo">{run("fjorton")}</w:ins>'
        + '<w:sdt><w:sdtPr><w:alias w:val="År"/></w:sdtPr><w:sdtContent>' + run(" under 2023") + "</w:sdtContent></w:sdt>"
        + '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + run("Klicka här för att ange text.")
        + "</w:sdtContent></w:sdt>"
        + '<w:fldSimple w:instr=" DOCPROPERTY Enhet ">' + run(" i hemtjänsten") + "</w:fldSimple>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(".") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + "</w:p>"
    ))
    add_xml(d, '<w:sdt><w:sdtContent><w:p>' + run("Text i blockkontroll.") + "</w:p></w:sdtContent></w:sdt>")
    doc = read_docx(save(d, tmp_path))
    texts = [b.text for b in doc.blocks]
    assert texts == ["Avvikelser", "Antalet avvikelser var fjorton under 2023 i hemtjänsten.", "Text i blockkontroll."]
    assert [(m.kind, m.text, m.author, m.block) for m in doc.markup] == [
        ("deletion", "tolv", "Anna", 2), ("insertion", "fjorton", "Bo", 2),
        ("placeholder", "Klicka här för att ange text.", "", 2)]


def text_box(text: str) -> str:
    """A text box as Word writes it: DrawingML in mc:Choice, the same box as VML in mc:Fallback."""
    content = f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_text_box_read_once(tmp_path):
    d = docx.Document()
    d.add_heading("Mål", 1)
    add_xml(d, "<w:p>" + run("Årets mål:") + text_box("Ingen ska skadas i vården.") + "</w:p>")
    d.add_paragraph(BODY)
    doc = read_docx(save(d, tmp_path))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Mål"), ("paragraph", "Årets mål:"), ("textbox", "Ingen ska skadas i vården."), ("paragraph", BODY)]
    assert doc.blocks[2].section == ("Mål",) and doc.blocks[2].location == "textruta, stycke 3"


def test_table_cells_with_coordinates_and_nested_tables(tmp_path):
    d = docx.Document()
    d.add_heading("Resultat", 1)
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Område"
    table.cell(0, 2).text = "Antal"
    table.cell(1, 0).text = "Fall"
    table.cell(1, 2).text = "12"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Inre cell"
    doc = read_docx(save(d, tmp_path))
    cells = [(b.text, b.table, b.location) for b in doc.blocks if b.kind == "table_cell"]
    assert cells == [
        ("Område", (0, 0, 0), "tabell 1, rad 1, kolumn 1"),
        ("Antal", (0, 0, 2), "tabell 1, rad 1, kolumn 3"),
        ("Fall", (0, 1, 0), "tabell 1, rad 2, kolumn 1"),
        ("Inre cell", (1, 0, 0), "tabell 2, rad 1, kolumn 1"),
        ("12", (0, 1, 2), "tabell 1, rad 2, kolumn 3"),
    ]
    assert all(b.section == ("Resultat",) for b in doc.blocks[1:])


FOOTNOTES = f"""<w:footnotes {NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{run(" Enligt SOSFS 2011:9.")}</w:p></w:footnote>
</w:footnotes>"""


def test_footnotes_come_last_with_the_section_of_their_reference(tmp_path):
    d = docx.Document()
    d.add_heading("Inledning", 1)
    d.add_heading("Ledningssystem", 1)
    add_xml(d, "<w:p>" + run("Ledningssystemet") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + "</w:p>")
    d.add_heading("Resultat", 1)
    d.add_paragraph(BODY)
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES.encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    doc = read_docx(save(d, tmp_path))
    note = doc.blocks[-1]
    assert (note.kind, note.text, note.location) == ("footnote", "Enligt SOSFS 2011:9.", "fotnot 1")
    assert note.section == ("Ledningssystem",)
    assert sum(b.kind == "footnote" for b in doc.blocks) == 1


def test_comments_and_highlights_are_markup(tmp_path):
    d = docx.Document()
    d.add_heading("Riskanalys", 1)
    p = d.add_paragraph("Riskanalys gjordes ")
    marked = p.add_run("XX gånger")
    marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
    also = p.add_run(" i år")
    also.font.highlight_color = WD_COLOR_INDEX.YELLOW
    p.add_run(".")
    d.add_comment(p.runs[0], text="Kontrollera siffran", author="Granskare")
    doc = read_docx(save(d, tmp_path))
    assert doc.blocks[1].text == "Riskanalys gjordes XX gånger i år."
    assert [(m.kind, m.text, m.block, m.author) for m in doc.markup] == [
        ("highlight", "XX gånger i år", 2, ""), ("comment", "Kontrollera siffran", 2, "Granskare")]


def test_embedded_object_warns(tmp_path):
    d = docx.Document()
    d.add_heading("Statistik", 1)
    add_xml(d, '<w:p><w:r><w:object><v:shape id="o1"/></w:object></w:r></w:p>')
    doc = read_docx(save(d, tmp_path))
    assert any("inbäddade objekt som inte kan läsas" in w for w in doc.warnings)


def test_pretty_printed_xml_adds_no_spaces_inside_words(tmp_path):
    d = docx.Document()
    d.add_heading("Avvikelser", 1)
    p = d.add_paragraph("Avvikelse")
    p.add_run("hantering")  # one word over two runs, as Word splits words at edits
    source = save(d, tmp_path)
    pretty = tmp_path / "pretty.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(pretty, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = etree.tostring(etree.fromstring(data), pretty_print=True, xml_declaration=True,
                                      encoding="UTF-8", standalone=True)
            dst.writestr(item, data)
    assert [b.text for b in read_docx(pretty).blocks] == ["Avvikelser", "Avvikelsehantering"]


def test_unreadable_files_raise_input_error(tmp_path):
    not_zip = tmp_path / "text.docx"
    not_zip.write_text("inte en zip")
    broken = tmp_path / "broken.docx"
    good = save(docx.Document(), tmp_path, "good.docx")
    broken.write_bytes(good.read_bytes()[:2000])
    no_body = tmp_path / "nobody.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(no_body, "w") as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item))
    bad_xml = tmp_path / "badxml.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad_xml, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    for path in (not_zip, broken, no_body, bad_xml):
        with pytest.raises(InputError) as err:
            read_docx(path)
        assert "Word-fil" in err.value.problem


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_resave_keeps_headings(tmp_path):
    d = docx.Document()
    d.add_paragraph("Patientsäkerhetsberättelse 2023", style="Title")
    for level, title in ((1, "Inledning"), (2, "Syfte"), (1, "Riskanalys"), (2, "Metod"), (3, "Urval")):
        d.add_heading(title, level)
        d.add_paragraph(BODY)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Avvikelser", "12"
    (tmp_path / "in").mkdir()
    source, out = save(d, tmp_path / "in"), tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    original, resaved = read_docx(source), read_docx(out / source.name)
    assert [(b.text, b.level) for b in resaved.headings] == [(b.text, b.level) for b in original.headings]
    assert resaved.title == "Patientsäkerhetsberättelse 2023"
    assert ("Avvikelser", (0, 0, 0)) in [(b.text, b.table) for b in resaved.blocks]


def test_placeholders_hidden_text_instruction_styles_and_captions(tmp_path):
    """Template guidance is read with its location and marked, never dropped and never body text."""
    d = docx.Document()
    d.add_heading("Riskanalys", 1)
    add_xml(d, '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p>'
               + run("Klicka eller tryck här för att ange text.") + "</w:p></w:sdtContent></w:sdt>")
    add_xml(d, '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Beskriv hur riskanalyser görs.</w:t></w:r></w:p>')
    add_xml(d, "<w:p>" + run("Två riskanalyser gjordes.")
               + '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> Ange antal.</w:t></w:r></w:p>')
    help_style = d.styles.add_style("Hjälptext", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Redogör för resultatet av riskanalyserna.", style=help_style)
    d.add_paragraph("Figur 1. Riskmatris", style="Caption")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Antal riskanalyser"
    table.cell(0, 1)._tc.clear_content()
    table.cell(0, 1)._tc.append(parse_xml(
        f'<w:sdt {NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p>{run("[Antal]")}</w:p></w:sdtContent></w:sdt>'))
    doc = read_docx(save(d, tmp_path))
    assert [(b.kind, b.text, b.guidance, b.style, b.is_body) for b in doc.blocks] == [
        ("heading", "Riskanalys", "", "heading 1", False),
        ("paragraph", "Klicka eller tryck här för att ange text.", "placeholder", "Normal", False),
        ("paragraph", "Beskriv hur riskanalyser görs.", "hidden", "Normal", False),
        ("paragraph", "Två riskanalyser gjordes.", "", "Normal", True),
        ("paragraph", "Redogör för resultatet av riskanalyserna.", "", "Hjälptext", True),
        ("caption", "Figur 1. Riskmatris", "", "caption", False),
        ("table_cell", "Antal riskanalyser", "", "Normal", True),
        ("table_cell", "[Antal]", "placeholder", "Normal", False),
    ]
    assert [(m.kind, m.text, m.block) for m in doc.markup] == [("hidden", "Ange antal.", 4)]


def test_numbering_of_paragraphs_and_styles(tmp_path):
    """w:numPr numbers a paragraph unless its (first) w:numId is 0; a paragraph's own numPr wins over
    its style's, and a style's over the style it is based on."""
    d = docx.Document()
    d.add_heading("Avvikelser", 1)
    for style_id, based, num_id in (("Numrerad", None, "3"), ("Onumrerad", "Numrerad", "0")):
        style = d.styles.add_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        if based:
            style.base_style = d.styles[based]
        style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:numId w:val="{num_id}"/></w:numPr>'))
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/><w:numId w:val="{}"/></w:numPr>'
    for name, props in (("egen", numbered.format(3, 0)), ("noll", numbered.format(0, 3)),
                        ("utan id", "<w:numPr/>"), ("format", '<w:pStyle w:val="Numrerad"/>'),
                        ("ärvt noll", '<w:pStyle w:val="Onumrerad"/>'),
                        ("egen över format", '<w:pStyle w:val="Onumrerad"/>' + numbered.format(4, 4)),
                        ("två numPr", numbered.format(0, 0) + numbered.format(5, 5))):
        add_xml(d, f"<w:p><w:pPr>{props}</w:pPr>{run(name)}</w:p>")
    doc = read_docx(save(d, tmp_path))
    assert [(b.text, b.kind) for b in doc.blocks[1:]] == [
        ("egen", "list_item"), ("noll", "paragraph"), ("utan id", "list_item"), ("format", "list_item"),
        ("ärvt noll", "paragraph"), ("egen över format", "list_item"), ("två numPr", "paragraph")]
