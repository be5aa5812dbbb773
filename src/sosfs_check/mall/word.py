"""Writing the template: Word (python-docx) with placeholders, comments and a TOC field; ODT
through LibreOffice; Markdown with the guidance in comments."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..choices import TEMPLATE_FORMATS as FORMATS
from ..errors import UserError
from .outline import WORDS, Part, basis

if TYPE_CHECKING:
    from . import Template

TAG = "sosfs-check:"  # w:tag of every content control the template writes, followed by what it holds
AUTHOR, INITIALS = "sosfs-check", "SC"


def render(template: Template, format: str = "docx") -> bytes:
    """A `Template` as the bytes of a file in `format`."""
    if format not in FORMATS:
        raise UserError(f"okänt format {format!r}; välj bland: {', '.join(FORMATS)}")
    if format == "md":
        return _markdown(template).encode("utf-8")
    data = _Writer(template.lang).write(template)
    return data if format == "docx" else _convert(data, format)


def _convert(data: bytes, fmt: str) -> bytes:
    from ..libreoffice import libreoffice_convert

    with tempfile.TemporaryDirectory(prefix="sosfs-mall-") as tmp:
        path = Path(tmp) / "mall.docx"
        path.write_bytes(data)
        return libreoffice_convert(path, fmt, Path(tmp) / "out").read_bytes()


def _markdown(template: Template) -> str:
    """The same outline in Markdown: guidance in HTML comments, so every section starts empty."""
    lang, words = template.lang, WORDS[template.lang]
    lines = [f"% {template.title}", "", template.organisation or f"<!-- {words['organisation']} -->", "",
             words["period"].format(year=template.year), "",
             f"{words['prepared']} <!-- {words['date']}, {words['by']} {words['who']} -->", "",
             f"{words['adopted']} <!-- {words['date']}, {words['by']} {words['body']} -->", ""]
    for part in template.parts:
        lines += ["#" * part.level + " " + part.heading, ""]
        if part.rules:
            lines += [f"<!-- {basis(part.rules, lang)} -->", ""]
        for text in [*part.guidance, *(t for p in part.placeholders for t in p)]:
            lines += [f"<!-- {text.replace('--', '–')} -->", ""]
    return "\n".join(lines)


class _Writer:
    """Writes the template with python-docx: title page, TOC field, headings, placeholders, comments."""

    def __init__(self, lang: str):
        import docx

        self.lang = lang
        self.words = WORDS[lang]
        self.doc = docx.Document()
        self.ids = iter(range(1, 10**6))
        self._placeholder_style()

    def write(self, template: Template) -> bytes:
        from docx.enum.text import WD_BREAK

        doc, title, organisation, year = self.doc, template.title, template.organisation, template.year
        parts = template.parts
        doc.core_properties.title = title
        doc.core_properties.author = AUTHOR
        doc.add_paragraph(title, style="Title")
        if organisation:
            doc.add_paragraph(organisation)
        else:
            self._inline_placeholder(doc.add_paragraph(), "organisation", self.words["organisation"])
        doc.add_paragraph(self.words["period"].format(year=year))
        for label, who in (("prepared", "who"), ("adopted", "body")):
            p = doc.add_paragraph(self.words[label] + " ")
            self._inline_placeholder(p, f"{label}-date", self.words["date"], date_picker=True)
            p.add_run(f" {self.words['by']} ")
            self._inline_placeholder(p, f"{label}-by", self.words[who])
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._toc(parts)
        for part in parts:
            heading = doc.add_paragraph(part.heading, style=f"Heading {min(part.level, 9)}")
            if part.rules:
                doc.add_comment(heading.runs, text=basis(part.rules, self.lang), author=AUTHOR, initials=INITIALS)
            if part.guidance:
                self._block_placeholder(part, part.guidance, part.section.id)
            for n, texts in enumerate(part.placeholders, 1):
                self._block_placeholder(part, texts, f"{part.section.id}:{n}")
        self._update_fields_on_open()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def _placeholder_style(self) -> None:
        """Word's built-in character style for placeholder text (grey)."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import RGBColor

        if "Placeholder Text" not in [s.name for s in self.doc.styles]:
            style = self.doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER, builtin=True)
            style.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        self.placeholder_style = self.doc.styles["Placeholder Text"].style_id

    def _run(self, text: str) -> str:
        from xml.sax.saxutils import escape

        return (f'<w:r><w:rPr><w:rStyle w:val="{self.placeholder_style}"/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')

    def _sdt_pr(self, alias: str, tag: str, extra: str = "") -> str:
        from xml.sax.saxutils import quoteattr

        return (f"<w:sdtPr><w:alias w:val={quoteattr(alias)}/><w:tag w:val={quoteattr(TAG + tag)}/>"
                f'<w:id w:val="{next(self.ids)}"/><w:showingPlcHdr/>{extra}</w:sdtPr>')

    def _inline_placeholder(self, paragraph, tag: str, text: str, date_picker: bool = False) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        extra = ('<w:date><w:dateFormat w:val="yyyy-MM-dd"/><w:lid w:val="sv-SE"/>'
                 '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
                 if date_picker else "")
        paragraph._p.append(parse_xml(
            f'<w:sdt {nsdecls("w")}>{self._sdt_pr(text, tag, extra)}<w:sdtContent>{self._run(text)}</w:sdtContent></w:sdt>'))

    def _block_placeholder(self, part: Part, texts: list[str], tag: str) -> None:
        """A rich-text content control after the heading, showing its placeholder (the guidance)."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        paragraphs = "".join(f"<w:p>{self._run(t)}</w:p>" for t in texts)
        sdt = parse_xml(f'<w:sdt {nsdecls("w")}>{self._sdt_pr(part.heading, tag)}<w:sdtContent>{paragraphs}</w:sdtContent></w:sdt>')
        body = self.doc.element.body
        body.sectPr.addprevious(sdt) if body.sectPr is not None else body.append(sdt)

    def _toc(self, parts: list[Part]) -> None:
        """A TOC field (headings 1-3) inside Word's TOC content control; its result lists the
        headings already, and Word is asked to update fields (page numbers) when it opens the file."""
        from docx.enum.text import WD_BREAK
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        from xml.sax.saxutils import escape

        styles = {s.name: s.style_id for s in self.doc.styles}
        heading_style = styles.get("TOC Heading")
        entries = [p for p in parts if p.level <= 3]
        style = f'<w:pPr><w:pStyle w:val="{heading_style}"/></w:pPr>' if heading_style else ""
        paragraphs = [f'<w:p>{style}<w:r><w:t>{escape(self.words["toc"])}</w:t></w:r></w:p>']
        begin = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                 '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        for n, part in enumerate(entries):
            style = self._toc_style(part.level)
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if n == len(entries) - 1 else ""
            paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{begin if n == 0 else ""}'
                              f"<w:r><w:t>{escape(part.heading)}</w:t></w:r>{end}</w:p>")
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{"".join(paragraphs)}</w:sdtContent></w:sdt>')
        body = self.doc.element.body
        body.sectPr.addprevious(sdt)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _toc_style(self, level: int) -> str:
        """Word's built-in "toc N" paragraph style (styleId TOCN), created when missing."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm

        name = f"toc {level}"
        if name not in [s.name for s in self.doc.styles]:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
            style.style_id = f"TOC{level}"
            style.base_style = self.doc.styles["Normal"]
            style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
            style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        return self.doc.styles[name].style_id

    def _update_fields_on_open(self) -> None:
        """Word asks to update the fields (the TOC's page numbers) when it opens the file."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        settings = self.doc.settings.element
        element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
        later = [qn(f"w:{tag}") for tag in _AFTER_UPDATE_FIELDS]
        successor = next((child for child in settings if child.tag in later), None)
        settings.append(element) if successor is None else successor.addprevious(element)


# CT_Settings elements that come after w:updateFields (the schema fixes the order; Word checks it)
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
