"""Read an OpenDocument text (.odt) into a `Document`, walking content.xml once with lxml."""

from __future__ import annotations

import zipfile
import zlib
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from lxml import etree

from ..document import Document, Markup
from ..errors import InputError
from .common import STYLED_ENOUGH, Builder, TypedToc, collapse, heuristic_headings, int_or_none, short, toc_entry
from .odt_styles import Styles
from .safety import xml_problem

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}
_O, _T, _TB, _D = (f"{{{_NS[k]}}}" for k in ("office", "text", "table", "draw"))
P, H, SPAN, S, TAB, LINE_BREAK = (_T + t for t in ("p", "h", "span", "s", "tab", "line-break"))
LIST, LIST_ITEM, LIST_HEADER, SECTION = (_T + t for t in ("list", "list-item", "list-header", "section"))
NOTE, NOTE_BODY, NOTE_CLASS, NUMBER = _T + "note", _T + "note-body", _T + "note-class", _T + "number"
TOC, INDEX_BODY, INDEX_TITLE = _T + "table-of-content", _T + "index-body", _T + "index-title"
CHANGES, REGION, CHANGE, CHANGE_START, CHANGE_END = (
    _T + t for t in ("tracked-changes", "changed-region", "change", "change-start", "change-end"))
ANNOTATION, CHANGE_INFO, CREATOR = _O + "annotation", _O + "change-info", "{%s}creator" % _NS["dc"]
TABLE, ROW, CELL, COVERED = (_TB + t for t in ("table", "table-row", "table-cell", "covered-table-cell"))
ROW_GROUPS = {_TB + t for t in ("table-header-rows", "table-rows", "table-row-group")}
FRAME, TEXT_BOX = _D + "frame", _D + "text-box"
STYLE_NAME, OUTLINE_LEVEL = _T + "style-name", _T + "outline-level"
# Word's placeholder text as LibreOffice keeps it: a content control showing its placeholder, or text
# in Word's "Placeholder Text" character style (a block-level control becomes such a paragraph).
CONTENT_CONTROL, SHOWING_PLACEHOLDER = "{%s}content-control" % _NS["loext"], "{%s}showing-place-holder" % _NS["loext"]
SKIPPED_INLINE = {NUMBER, _O + "annotation-end", _T + "soft-page-break", _T + "bookmark", _T + "bookmark-start",
                  _T + "bookmark-end"}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
HEURISTIC_HEADINGS = (
    "Rubrikerna hittades bara genom fetstil/numrering: dokumentet använder inte rubrikformat, "
    "så avsnittsindelningen kan vara osäker."
)


def read_odt(path: Path, style_map: dict[str, int] | None = None, z: zipfile.ZipFile | None = None) -> Document:
    """Read an .odt file (from its zip `z` when open already); `style_map` maps localised or custom
    style names to heading levels."""
    try:
        with zipfile.ZipFile(path) if z is None else nullcontext(z) as odt:
            names = set(odt.namelist())
            content = etree.fromstring(odt.read("content.xml"), _PARSER)
            styles = etree.fromstring(odt.read("styles.xml"), _PARSER) if "styles.xml" in names else None
            meta = etree.fromstring(odt.read("meta.xml"), _PARSER) if "meta.xml" in names else None
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, EOFError, zlib.error) as exc:
        problem = xml_problem(exc) if isinstance(exc, etree.XMLSyntaxError) else str(exc) or type(exc).__name__
        raise InputError(path, f"är inte en giltig OpenDocument-fil (.odt): {problem}") from None
    except OSError as exc:
        raise InputError(path, f"kan inte läsas: {exc.strerror or exc}") from None
    title = meta.findtext(".//{%s}title" % _NS["dc"]) if meta is not None else None
    document = Document(path=path, format="odt", core_title=(title or "").strip())
    body = content.find(f"{_O}body/{_O}text")
    roots = [r for r in (styles, content) if r is not None]
    reader = _Reader(document, Styles(roots, style_map or {}), body)
    if body is not None:
        reader.walk(body)
    reader.finish()
    return document


class _Reader:
    """One pass over the body: blocks, TOC, comments, changes; then notes, heuristics, sections."""

    def __init__(self, document: Document, styles: Styles, body):
        self.doc = document
        self.out = Builder(document, "stycke")
        self.styles = styles
        self.typed_toc = TypedToc(document.toc)
        self.changes = _changes(body)
        self.open_changes: dict[str, int] = {}  # insertion id -> where its text starts in `parts`
        self.pending: list[Markup] = []  # markup of the paragraph being read
        self.notes: list = []  # note elements of the paragraph being read
        self.boxes: list = []  # text boxes of the paragraph being read
        self.read_notes: list[tuple] = []  # (note, block referring to it)
        self.looks: dict[int, object] = {}  # paragraph block index -> element, for heuristics
        self.styled = self.tables = 0

    def walk(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag in (P, H):
                self.paragraph(el)
            elif tag == LIST:
                self.list(el)
            elif tag == TABLE:
                self.table(el)
            elif tag == TOC:
                self.toc(el)
            elif tag == SECTION:
                self.walk(el)
            elif tag == FRAME:
                self.frames([el])
            # tracked changes (deleted text), other indexes, declarations: not the report's text

    def paragraph(self, p, in_list: bool = False) -> None:
        before = len(self.pending)
        raw = self.text(p)
        text = collapse(raw)
        shown = [m for m in self.pending[before:] if m.kind == "placeholder"]
        if shown and not text and p.tag != H:  # wholly a placeholder: guidance, as the Word reader reads it
            self.pending[before:] = [m for m in self.pending[before:] if m.kind != "placeholder"]
            index = self.emit("paragraph", collapse(" ".join(m.text for m in shown)))
            self.doc.blocks[index - 1].guidance = "placeholder"
            self.frames(self.take_boxes())
            return
        style = self.styles.get("paragraph", p.get(STYLE_NAME))
        kind, level, source = style.kind, style.level, style.source
        if p.tag == H:
            kind, level, source = "heading", int_or_none(p.get(OUTLINE_LEVEL)) or style.level or 1, "markup"
        elif in_list and kind == "paragraph":
            kind = "list_item"
        if kind in ("toc", "toc_heading"):
            if kind == "toc" and text:
                self.doc.toc.append(toc_entry(raw, level))
            self.attach(None)
        elif not text:
            self.attach(None)
        elif kind in ("paragraph", "list_item") and self.typed_toc.take(raw):
            self.attach(None)
        else:
            self.typed_toc.open = False  # a heading or title ends a typed TOC
            index = self.emit(kind, text, level, source)
            if kind == "heading":
                self.styled += 1
            elif kind == "paragraph" and not in_list:
                self.looks[index] = p
        self.frames(self.take_boxes())

    def list(self, lst) -> None:
        for item in lst:
            if item.tag not in (LIST_ITEM, LIST_HEADER):
                continue
            for child in item:
                if child.tag in (P, H):
                    self.paragraph(child, in_list=True)
                elif child.tag == LIST:
                    self.list(child)
                elif child.tag == TABLE:
                    self.table(child)

    def table(self, tbl) -> None:
        number, row, later = self.tables, 0, []
        self.tables += 1
        for tr in _rows(tbl):
            col = 0
            for cell in tr:
                if cell.tag == CELL:
                    texts = []
                    for el in _cell_paragraphs(cell, later):
                        texts.append(self.text(el))
                    text = collapse(" ".join(texts))
                    if text:
                        self.emit("table_cell", text, table=(number, row, col),
                                  location=f"tabell {number + 1}, rad {row + 1}, kolumn {col + 1}")
                    else:
                        self.attach(None)
                    self.frames(self.take_boxes())
                if cell.tag in (CELL, COVERED):
                    col += int_or_none(cell.get(_TB + "number-columns-repeated")) or 1
            row += int_or_none(tr.get(_TB + "number-rows-repeated")) or 1
        for nested in later:
            self.table(nested)

    def toc(self, index) -> None:
        """A generated table of contents: its entries go to `Document.toc`, never to the blocks."""
        body = index.find(INDEX_BODY)
        for p in body.iter(P) if body is not None else ():
            if p.getparent().tag == INDEX_TITLE:
                continue
            raw = self.text(p)
            style = self.styles.get("paragraph", p.get(STYLE_NAME))
            if collapse(raw):
                self.doc.toc.append(toc_entry(raw, style.level if style.kind == "toc" else None))
            self.attach(None)

    def frames(self, frames) -> None:
        for frame in frames:
            for box in frame.iter(TEXT_BOX):
                for p in box.iter(P, H):
                    text = collapse(self.text(p))
                    if text:
                        index = len(self.doc.blocks) + 1
                        self.emit("textbox", text, location=f"textruta, stycke {index}")
                    else:
                        self.attach(None)

    def take_boxes(self) -> list:
        boxes, self.boxes = self.boxes, []
        return boxes

    # -- paragraph text ----------------------------------------------------------------------

    def text(self, p) -> str:
        """Raw text of a paragraph (tabs and breaks kept); notes, comments and changes are noted."""
        parts: list[str] = []
        self._inline(p, parts)
        for change_id, start in self.open_changes.items():  # insertion not closed here: this part
            self._insertion(change_id, parts, start)
        self.open_changes = {}
        return "".join(parts)

    def _inline(self, el, parts: list[str]) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            tag = child.tag
            if tag == S:
                parts.append(" " * (int_or_none(child.get(_T + "c")) or 1))
            elif tag == TAB:
                parts.append("\t")
            elif tag == LINE_BREAK:
                parts.append("\n")
            elif tag == NOTE:
                self.notes.append(child)
            elif tag == ANNOTATION:
                text = " ".join("".join(p.itertext()) for p in child.iter(P))
                self.pending.append(Markup("comment", collapse(text), author=child.findtext(CREATOR) or ""))
            elif tag == CHANGE_START:
                self.open_changes[child.get(_T + "change-id")] = len(parts)
            elif tag == CHANGE_END:
                change_id = child.get(_T + "change-id")
                if change_id in self.open_changes:
                    self._insertion(change_id, parts, self.open_changes.pop(change_id))
            elif tag == CHANGE:
                kind, text, author = self.changes.get(child.get(_T + "change-id"), ("", "", ""))
                if kind == "deletion" and text:
                    self.pending.append(Markup("deletion", text, author=author))
            elif tag == FRAME:
                self.boxes.append(child)
            elif (tag == SPAN and self.styles.placeholder(child.get(STYLE_NAME))) or (
                    tag == CONTENT_CONTROL and child.get(SHOWING_PLACEHOLDER) == "true"):
                self.pending.append(Markup("placeholder", collapse("".join(child.itertext()))))
            elif tag not in SKIPPED_INLINE:
                self._inline(child, parts)
            if child.tail:
                parts.append(child.tail)

    def _insertion(self, change_id: str, parts: list[str], start: int) -> None:
        kind, _, author = self.changes.get(change_id, ("", "", ""))
        text = collapse("".join(parts[start:]))
        if kind == "insertion" and text:
            self.pending.append(Markup("insertion", text, author=author))

    def _looks(self, p) -> tuple[bool, float]:
        """(all text bold, largest font size in points) of a paragraph, for the bold heuristic."""
        style = self.styles.get("paragraph", p.get(STYLE_NAME))
        seen: list[tuple[bool, float]] = []

        def visit(el, bold, size):
            if (el.text or "").strip():
                seen.append((bool(bold), size))
            for child in el:
                if child.tag == SPAN:
                    span = self.styles.get("text", child.get(STYLE_NAME))
                    visit(child, bold if span.bold is None else span.bold, span.size or size)
                elif child.tag not in (NOTE, ANNOTATION):
                    visit(child, bold, size)
                if (child.tail or "").strip():
                    seen.append((bool(bold), size))

        visit(p, style.bold, style.size or self.styles.default_size)
        return all(b for b, _ in seen), max((s for _, s in seen), default=0.0)

    # -- blocks --------------------------------------------------------------------------------

    def emit(self, kind, text, level=None, source=None, table=None, location=None) -> int:
        index = self.out.add(kind, text, level=level, source=source, table=table, location=location).index
        self.attach(index)
        return index

    def attach(self, index: int | None) -> None:
        """Give the markup and notes read since the last block to block `index`."""
        for markup in self.pending:
            markup.block = index
        self.doc.markup.extend(self.pending)
        self.read_notes.extend((note, index) for note in self.notes)
        self.pending, self.notes = [], []

    def finish(self) -> None:
        numbers = Counter()
        for note, ref in self.read_notes:
            kind = "slutnot" if note.get(NOTE_CLASS) == "endnote" else "fotnot"
            numbers[kind] += 1
            body = note.find(NOTE_BODY)
            text = collapse(" ".join(self.text(p) for p in body.iter(P, H))) if body is not None else ""
            if text:
                index = self.emit("footnote", text, location=f"{kind} {numbers[kind]}")
                self.out.note_refs[index] = ref
            else:
                self.attach(None)
        self._heuristics()
        self.out.finish()
        if self.doc.headings and {b.source for b in self.doc.headings} <= {"numbering", "bold"}:
            self.doc.warnings.append(HEURISTIC_HEADINGS)

    def _heuristics(self) -> None:
        """Typed numbers, then bold/large text, only when styles gave (almost) no headings."""
        blocks = self.doc.blocks
        paragraphs = {i: p for i, p in self.looks.items() if blocks[i - 1].kind == "paragraph"}
        if self.styled >= STYLED_ENOUGH or not paragraphs:
            return
        sizes = Counter(self._looks(p)[1] for i, p in paragraphs.items() if not short(blocks[i - 1].text))
        looks = {i: self._looks(p) for i, p in paragraphs.items() if short(blocks[i - 1].text)}
        body = (sizes or Counter(size for _, size in looks.values())).most_common(1)[0][0]
        heuristic_headings(blocks, looks, body)


def _changes(body) -> dict[str, tuple[str, str, str]]:
    """Tracked changes by id: (insertion | deletion | format-change, deleted text, author)."""
    found = {}
    tracked = body.find(CHANGES) if body is not None else None
    for region in tracked.iter(REGION) if tracked is not None else ():
        for change in region:
            kind = etree.QName(change).localname
            text = " ".join("".join(p.itertext()) for p in change.iter(P, H)) if kind == "deletion" else ""
            author = change.findtext(f"{CHANGE_INFO}/{CREATOR}") or ""
            region_id = region.get(_T + "id") or region.get("{http://www.w3.org/XML/1998/namespace}id")
            found[region_id] = (kind, collapse(text), author)
    return found


def _rows(table):
    for el in table:
        if el.tag == ROW:
            yield el
        elif el.tag in ROW_GROUPS:
            yield from _rows(el)


def _cell_paragraphs(el, later: list):
    """Paragraphs of a cell in order; nested tables go to `later`."""
    for child in el:
        if child.tag in (P, H):
            yield child
        elif child.tag == TABLE:
            later.append(child)
        elif child.tag in (LIST, LIST_ITEM, LIST_HEADER, SECTION):
            yield from _cell_paragraphs(child, later)
