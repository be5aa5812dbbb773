"""Build real Word test documents from a small Markdown subset, in the shapes real reports take.

The subset (one block per line group, blank lines separate blocks):

    %% Report title                      title
    # Heading .. #### Heading            headings, level 1-4
    - item / "  - nested"                bullets, two spaces per level
    1. item                              numbered item
    <!-- toc --> ... <!-- /toc -->       table of contents: "- Riskanalys.....7" entries,
                                         nesting gives the level, any other line is its title
    text[^1] ... [^1]: note text         footnote reference and definition
    | a | b | + |---|---|                table
    plain text                           paragraph
    [[Klicka här för att ange text.]]    Word placeholder content control (w:showingPlcHdr): a whole
                                         line is a block-level control, inside text an inline one
    ?? Beskriv här ...                   paragraph in the instruction style "Hjälptext"
    ^^ Ange antal ...                    hidden paragraph (w:vanish)

A plain line directly under a paragraph, list item or footnote continues it after a line break.
Other one-line HTML comments (`<!-- note -->`) are ignored.

`build_docx` writes one of three forms: "headings" (Word built-in heading styles and a real TOC
content control), "template" (custom municipal styles with outline levels, typed TOC), "bold"
(no styles at all: bold runs, typed TOC). `libreoffice_resave` and `libreoffice_convert` pass a
document through LibreOffice to get its way of writing the same content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from .docxpackage import blank_document, package_bytes
from .libreoffice import LibreOfficeError, libreoffice_convert, libreoffice_resave, soffice_path

__all__ = [
    "STYLES", "Item", "LibreOfficeError", "build_docx", "libreoffice_convert", "libreoffice_resave", "parse_spec",
    "soffice_path",
]

STYLES = ("headings", "template", "bold")
TOC_TITLE = "Innehållsförteckning"
TEMPLATE_PREFIX = "Borås"  # custom style names: "Borås Rubrik 1", "Borås Innehåll"
HEADING_SIZES = {1: 16, 2: 13}  # pt for "template" and "bold"; deeper levels 11 pt

_TOC_ENTRY = re.compile(r"^(?P<indent> *)- (?P<text>.*?)\.{2,}(?P<page>\d+)\s*$")
_HEADING = re.compile(r"^(#{1,6}) +(.*)$")
_BULLET = re.compile(r"^( *)[-*] +(.*)$")
_NUMBER = re.compile(r"^ *(\d+)[.)] +(.*)$")
_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]: *(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")
_PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]")
GUIDANCE_STYLE = "Hjälptext"
_TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")


@dataclass
class Item:
    """One block of a spec: title, heading, paragraph, bullet, number, toc, toc_entry, footnote, table."""

    kind: str
    text: str = ""
    level: int = 0  # heading, bullet and TOC entry level, 1 = top
    rows: list[list[str]] = field(default_factory=list)  # table cells
    label: str = ""  # footnote label, TOC page number or typed list number


def parse_spec(markdown_text: str) -> list[Item]:
    """Parse the Markdown subset described in the module docstring."""
    items: list[Item] = []
    lines = markdown_text.splitlines()
    i = 0
    previous_blank = True
    while i < len(lines):
        line = lines[i].rstrip()
        s = line.strip()
        i += 1
        if not s or (s.startswith("<!--") and s.endswith("-->") and s != "<!-- toc -->"):
            previous_blank = True
            continue
        if s == "<!-- toc -->":
            toc = Item("toc", TOC_TITLE)
            items.append(toc)
            while i < len(lines) and lines[i].strip() != "<!-- /toc -->":
                entry = _TOC_ENTRY.match(lines[i])
                if entry:
                    level = len(entry["indent"]) // 2 + 1
                    items.append(Item("toc_entry", entry["text"].strip(), level, label=entry["page"]))
                elif lines[i].strip():
                    toc.text = lines[i].strip()
                i += 1
            i += 1
        elif s.startswith("|"):
            rows = [_cells(s)]
            while i < len(lines) and lines[i].strip().startswith("|"):
                if not _TABLE_RULE.match(lines[i].strip()):
                    rows.append(_cells(lines[i].strip()))
                i += 1
            items.append(Item("table", rows=rows))
        elif line.startswith("%% "):
            items.append(Item("title", line[3:].strip()))
        elif m := _HEADING.match(line):
            items.append(Item("heading", m[2].strip(), len(m[1])))
        elif m := _FOOTNOTE.match(line):
            items.append(Item("footnote", m[2], label=m[1]))
        elif m := _BULLET.match(line):
            items.append(Item("bullet", m[2], len(m[1]) // 2 + 1))
        elif m := _NUMBER.match(line):
            items.append(Item("number", m[2], 1, label=m[1]))
        elif _PLACEHOLDER.fullmatch(s):
            items.append(Item("placeholder", s[2:-2]))
        elif s.startswith(("?? ", "^^ ")):
            items.append(Item("instruction" if s[0] == "?" else "hidden", s[3:].strip()))
        elif not previous_blank and items and items[-1].kind in ("paragraph", "bullet", "number", "footnote"):
            items[-1].text += "\n" + s
        else:
            items.append(Item("paragraph", s))
        previous_blank = False
    return items


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def build_docx(spec: str | list[Item], path: str | Path | None = None, style: str = "headings", toc: bool = True):
    """Write `spec` (Markdown text or parsed items) as a DOCX: returns the bytes, or `path` when given.

    The zip is written with fixed timestamps, so the same spec always gives the same bytes.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    items = parse_spec(spec) if isinstance(spec, str) else spec
    writer = _Writer(style, {it.label: it.text for it in items if it.kind == "footnote"})
    for item in items:
        if toc or item.kind not in ("toc", "toc_entry"):
            writer.add(item)
    writer.close_toc()
    data = package_bytes(writer.doc)
    if path is None:
        return data
    Path(path).write_bytes(data)
    return Path(path)


class _Writer:
    """Appends items to a python-docx Document in one of the three forms."""

    def __init__(self, style: str, footnotes: dict[str, str]):
        self.doc = blank_document()
        self.style = style
        self.footnotes = footnotes
        self.footnote_ids: dict[str, int] = {}
        self.footnotes_xml = None
        self.toc_paragraphs: list[Paragraph] = []
        self.style_ids: dict[str, str | None] = {}  # paragraph style name -> id, looked up once

    def _add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """`doc.add_paragraph(text, style)`, the same XML; python-docx would look the style up each time."""
        paragraph = self.doc.add_paragraph(text)
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def add(self, item: Item) -> None:
        if item.kind != "toc_entry":
            self.close_toc()
        if item.kind != "footnote":  # definitions go into the footnotes part when referenced
            getattr(self, "_" + item.kind)(item)

    # --- headings and title
    def _title(self, item: Item) -> None:
        if self.style == "headings":
            self._add_paragraph(item.text, style="Title")
        elif self.style == "template":
            self._add_paragraph(item.text, style=self._template_style("Titel", None, 24))
        else:
            self._bold_paragraph(item.text, 20)

    def _heading(self, item: Item) -> None:
        level = min(item.level, 4)
        size = HEADING_SIZES.get(level, 11)
        if self.style == "headings":
            self._add_paragraph(item.text, style=f"Heading {level}")
        elif self.style == "template":
            self._add_paragraph(item.text, style=self._template_style(f"Rubrik {level}", level - 1, size))
        else:
            self._bold_paragraph(item.text, size)

    def _template_style(self, name: str, outline_level: int | None, size: int) -> str:
        """The name of a custom paragraph style based on Normal, bold, with an optional w:outlineLvl."""
        name = f"{TEMPLATE_PREFIX} {name}"
        if name in self.style_ids or name in self.doc.styles:
            return name
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.keep_with_next = True
        if outline_level is not None:
            style.element.get_or_add_pPr().get_or_add_outlineLvl().val = outline_level
        return name

    def _bold_paragraph(self, text: str, size: int) -> None:
        run = self._add_paragraph().add_run(text)
        run.bold = True
        run.font.size = Pt(size)

    # --- body text
    def _paragraph(self, item: Item) -> None:
        self._text(self._add_paragraph(), item.text)

    # --- template guidance
    def _placeholder(self, item: Item) -> None:
        """A paragraph wrapped in a content control that shows its placeholder text, as Word does."""
        p = self._add_paragraph()
        p._p.append(self._placeholder_run(item.text))
        sdt = self._content_control()
        p._p.addprevious(sdt)
        sdt[1].append(p._p)

    def _content_control(self):
        """A rich-text content control showing its placeholder, written as Word writes one."""
        self.controls = getattr(self, "controls", 0) + 1
        return parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:id w:val="{-1854013440 + self.controls}"/>'
            '<w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder>'
            "<w:showingPlcHdr/></w:sdtPr><w:sdtContent/></w:sdt>")

    def _placeholder_run(self, text: str):
        """A run in Word's character style "Placeholder Text" (grey), as placeholders are shown."""
        if "Placeholder Text" not in self.doc.styles:
            style = self.doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
            style.style_id = "PlaceholderText"
            style.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
                        '<w:t xml:space="preserve"/></w:r>')
        run[1].text = text
        return run

    def _instruction(self, item: Item) -> None:
        if GUIDANCE_STYLE not in self.doc.styles:
            style = self.doc.styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            style.font.italic = True
        self._text(self._add_paragraph(style=GUIDANCE_STYLE), item.text)

    def _hidden(self, item: Item) -> None:
        self._add_paragraph().add_run(item.text).font.hidden = True

    def _bullet(self, item: Item) -> None:
        if self.style == "bold":
            p = self._add_paragraph()
            p.paragraph_format.left_indent = Cm(0.6 * item.level)
            self._text(p, ("• " if item.level == 1 else "- ") + item.text)
        else:
            self._text(self._add_paragraph(style=_list_style("List Bullet", item.level)), item.text)

    def _number(self, item: Item) -> None:
        if self.style == "bold":
            self._text(self._add_paragraph(), f"{item.label}. {item.text}")
        else:
            self._text(self._add_paragraph(style="List Number"), item.text)

    def _table(self, item: Item) -> None:
        width = max(len(row) for row in item.rows)
        table = self.doc.add_table(rows=len(item.rows), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, item.rows):
            for cell, text in zip(row.cells, cells):
                cell.text = text

    def _text(self, paragraph: Paragraph, text: str) -> None:
        """Add text to a paragraph, turning [^label] into real footnote references and [[text]]
        into inline placeholder content controls."""
        parts = _FOOTNOTE_REF.split(text)
        for n, part in enumerate(parts):
            if n % 2 == 0:
                for k, piece in enumerate(_PLACEHOLDER.split(part)):
                    if k % 2:
                        sdt = self._content_control()
                        sdt[1].append(self._placeholder_run(piece))
                        paragraph._p.append(sdt)
                    elif piece:
                        paragraph.add_run(piece)
            else:
                paragraph._p.append(parse_xml(
                    f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:footnoteReference w:id="{self._footnote_id(part)}"/></w:r>'))

    # --- footnotes (python-docx has no API: add the footnotes part by hand)
    def _footnote_id(self, label: str) -> int:
        if label in self.footnote_ids:
            return self.footnote_ids[label]
        if self.footnotes_xml is None:
            self.footnotes_xml = parse_xml(
                f'<w:footnotes {nsdecls("w")}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                "</w:r></w:p></w:footnote></w:footnotes>")
            part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.footnotes_xml, self.doc.part.package)
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        note_id = len(self.footnote_ids) + 1
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            "</w:rPr><w:footnoteRef/></w:r></w:p></w:footnote>")
        Paragraph(note[0], None).add_run(" " + self.footnotes.get(label, ""))
        self.footnotes_xml.append(note)
        self.footnote_ids[label] = note_id
        return note_id

    # --- table of contents
    def _toc(self, item: Item) -> None:
        if self.style == "headings":
            title_style = "TOC Heading" if "TOC Heading" in self.doc.styles else None
            self.toc_paragraphs.append(self._add_paragraph(item.text, style=title_style))
        elif self.style == "template":
            self._add_paragraph(style=self._toc_style(TEMPLATE_PREFIX + " Innehåll")).add_run(item.text).bold = True
        else:
            self._add_paragraph(item.text)

    def _toc_entry(self, item: Item) -> None:
        if self.style == "headings":
            p = self._add_paragraph(style=self._toc_style(f"toc {item.level}", item.level))
            if len(self.toc_paragraphs) == 1:  # first entry opens the TOC field, as Word writes it
                p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
                p._p.append(parse_xml(
                    f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve">'
                    ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'))
                p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
            p.add_run(f"{item.text}\t{item.label}")
            self.toc_paragraphs.append(p)
        elif self.style == "template":
            style = self._toc_style(TEMPLATE_PREFIX + " Innehåll")
            p = self._add_paragraph(f"{item.text}.....{item.label}", style=style)
            p.paragraph_format.left_indent = Cm(0.5 * (item.level - 1))
        else:
            self._add_paragraph(f"{item.text}\t{item.label}")

    def _toc_style(self, name: str, level: int = 1) -> str:
        """The name of a TOC paragraph style with a right tab and dot leader, created when missing.

        "toc N" is made the way Word stores it: built-in (no w:customStyle), styleId "TOCN".
        """
        if name in self.style_ids or name in self.doc.styles:
            return name
        builtin = name.startswith("toc ")
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=builtin)
        if builtin:
            style.style_id = f"TOC{level}"
        style.base_style = self.doc.styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        return name

    def close_toc(self) -> None:
        """Move the collected TOC paragraphs into a Word TOC content control (w:sdt)."""
        if not self.toc_paragraphs:
            return
        paragraphs, self.toc_paragraphs = self.toc_paragraphs, []
        if len(paragraphs) > 1:
            paragraphs[-1]._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>")
        paragraphs[0]._p.addprevious(sdt)
        for p in paragraphs:
            sdt[1].append(p._p)


def _list_style(base: str, level: int) -> str:
    return base if level == 1 else f"{base} {min(level, 3)}"
