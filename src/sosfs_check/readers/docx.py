"""Read a Word document (.docx) into a `Document`, walking the body XML once with lxml.

The blocks, contents and sections are read here; a paragraph's own text by `docx_text`, the style
table by `wordml`."""

from __future__ import annotations

import zlib
from collections import Counter
from pathlib import Path
from zipfile import BadZipFile, ZipFile

from lxml.etree import XMLSyntaxError

from ..document import Document, Markup
from ..errors import InputError
from .common import STYLED_ENOUGH, TOC_TITLE, Builder, TypedToc, collapse, heuristic_headings, int_or_none, short, toc_entry
from .docx_text import ParagraphText
from .ooxml import COMMENTS, ENDNOTES, FOOTNOTES, open_package
from .safety import xml_problem
from .wordml import (
    AUTHOR, ID, P, SDT, SDTCONTENT, SDTPR, T, TBL, TC, TR, TYPE, UNREADABLE, VAL, WRAPPERS, _W,
    Styles,
)

HEURISTIC_HEADINGS = (
    "Rubrikerna hittades bara genom fetstil/numrering: dokumentet använder inte Words rubrikformat, "
    "så avsnittsindelningen kan vara osäker."
)
UNREADABLE_WARNING = "Dokumentet innehåller inbäddade objekt som inte kan läsas ({n} st); text i dem granskas inte."
INVALID = "är inte en giltig Word-fil (.docx)"
MACROS = "Dokumentet innehåller makron (.docm): bara texten granskas, makrona körs aldrig."
UNENDED_TOC = "Innehållsförteckningens fält tar aldrig slut: text efter den kan ha lästs som innehållsförteckning."


def read_docx(path: Path, style_map: dict[str, int] | None = None, z: ZipFile | None = None) -> Document:
    """Read a .docx file (from its zip `z` when open already); `style_map` maps localised or custom
    style names to heading levels."""
    try:
        package = open_package(path, z)
    except XMLSyntaxError as exc:
        raise InputError(path, f"{INVALID}: {xml_problem(exc)}") from exc
    except KeyError as exc:
        raise InputError(path, f"{INVALID}: en del saknas i zip-paketet ({exc.args[0] if exc.args else exc})") from exc
    except (BadZipFile, EOFError, zlib.error) as exc:
        raise InputError(path, f"{INVALID}: filen är skadad eller inget zip-paket, som en Word-fil ska vara (kanske en annan sorts fil med ändelsen .docx)") from exc
    except ValueError as exc:
        raise InputError(path, f"{INVALID}: {exc}") from exc
    except OSError as exc:
        raise InputError(path, f"kan inte läsas: {exc.strerror or exc}") from exc
    document = Document(path=path, format="docx", core_title=package.title)
    if package.macros:
        document.warnings.append(MACROS)
    _Reader(package.styles, document, style_map or {}).read(package.body, package.parts)
    return document



class _Reader(ParagraphText):
    """One pass over the body: blocks, TOC, markup; then heuristics, sections and warnings."""

    def __init__(self, styles, document: Document, style_map: dict[str, int]):
        self.doc = document
        self.out = Builder(document, "stycke")
        self.styles = Styles(styles, style_map)
        self.fields: list[list] = []  # open complex fields: [instruction, separated]
        self.hidden = self.in_toc_field = False
        self.typed_toc = TypedToc(document.toc)
        self.tables = self.unreadable = 0
        self.pending: list[Markup] = []  # markup of the block being read
        self.refs: list[tuple[str, str]] = []  # ("comment"|"footnote"|"endnote", id) in that block
        self.anchors: dict[tuple[str, str], int] = {}  # reference -> block it sits in
        self.looks: dict[int, object] = {}  # block index -> its body paragraph, for heuristics
        self.styled = 0  # headings found by rungs 1-4
        self.special: set = set()  # paragraphs that need the full walk
        self.placeholder_paras: set = set()  # paragraphs inside a content control showing its placeholder
        self.placeholder_text: list[str] = []  # text of the paragraph being read that is a placeholder
        self.hidden_text: list[str] = []  # text of the paragraph being read that is hidden (w:vanish)

    # -- main pass -------------------------------------------------------------------------

    def read(self, body, parts: dict) -> None:
        self.order = {p: i for i, p in enumerate(body.iter(P))}  # paragraph -> Block.anchor
        self._mark_special(body)
        self._walk(body, "body")
        if self.in_toc_field:
            self.doc.warnings.append(UNENDED_TOC)
        for reltype, kind, label in ((FOOTNOTES, "footnote", "fotnot"), (ENDNOTES, "endnote", "slutnot")):
            if parts[reltype] is not None:
                self._mark_special(parts[reltype])
                self._notes(parts[reltype], kind, label)
        if parts[COMMENTS] is not None:
            self._comments(parts[COMMENTS])
        self._heuristics()
        self.out.finish()
        self._warnings()

    def _flat(self, parent, tags):
        """Children with the given tags (rows, cells, paragraphs), looking through sdt/customXml wrappers."""
        for el in parent:
            tag = el.tag
            if tag in tags:
                yield el
            elif tag in WRAPPERS:
                content = self._sdt(el)[0] if tag == SDT else el
                if content is not None:
                    yield from self._flat(content, tags)
            elif tag in UNREADABLE:
                self.unreadable += 1

    def _sdt(self, sdt):
        """(content, is a TOC) of a content control."""
        pr = sdt.find(SDTPR)
        gallery = pr.find(f"{_W}docPartObj/{_W}docPartGallery") if pr is not None else None
        return sdt.find(SDTCONTENT), gallery is not None and gallery.get(VAL) == "Table of Contents"

    def _walk(self, parent, where: str, toc: bool = False) -> None:
        for el in parent:
            tag = el.tag
            if tag == P:
                if where == "body":
                    self._paragraph(el, toc)
                else:
                    self._box_paragraph(el)
            elif tag == TBL:
                self._table(el)
            elif tag in WRAPPERS:
                content, in_toc = self._sdt(el) if tag == SDT else (el, False)
                if content is not None:
                    self._walk(content, where, toc or in_toc)
            elif tag in UNREADABLE:
                self.unreadable += 1

    def _paragraph(self, p, toc: bool) -> None:
        raw, guidance = self._guidance(self._read_para(p))
        boxes, style = self.boxes, self.pstyle
        text = collapse(raw)
        if toc or self.toc_text or style.kind in ("toc", "toc_heading"):
            if style.kind == "toc_heading" or (len(text) < 30 and TOC_TITLE.fullmatch(text)):
                self.typed_toc.open = True  # typed entries may follow
            elif text:
                self.doc.toc.append(toc_entry(raw, style.level if style.kind == "toc" else None))
            self._attach(None)
        elif not text:
            self._attach(None)
        elif self.typed_toc.take(raw, body=style.kind in ("paragraph", "list_item") and not 0 <= (self.outline or 9) <= 8,
                                 text=text):  # a typed TOC title, or a line of the TOC it opened
            self._attach(None)
        else:
            self.typed_toc.open = False
            kind, level, source = style.kind, style.level, style.source
            if guidance:
                kind, level, source = "paragraph", None, None  # a placeholder heading is no section
            elif self.outline is not None and 0 <= self.outline <= 8:
                kind, level, source = "heading", self.outline + 1, "outline_level"
            elif kind == "paragraph" and self.numbered:
                kind = "list_item"
            index = self._emit(kind, text, level, source, el=p, guidance=guidance)
            if kind == "heading":
                self.styled += 1
            elif kind == "paragraph" and self.styled < STYLED_ENOUGH and not guidance:
                self.looks[index] = p
        for box in boxes:
            self._walk(box, "textbox")

    def _box_paragraph(self, p) -> None:
        raw, guidance = self._guidance(self._read_para(p))
        boxes, text = self.boxes, collapse(raw)
        if text:
            index = len(self.doc.blocks) + 1
            self._emit("textbox", text, location=f"textruta, stycke {index}", el=p, guidance=guidance)
        else:
            self._attach(None)
        for box in boxes:
            self._walk(box, "textbox")

    def _table(self, tbl) -> None:
        number = self.tables
        self.tables += 1
        for row, tr in enumerate(self._flat(tbl, (TR,))):
            col = 0
            for tc in self._flat(tr, (TC,)):
                self._cell(tc, (number, row, col))
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                col += (int_or_none(span.get(VAL)) or 1) if span is not None else 1

    def _cell(self, tc, coords: tuple[int, int, int]) -> None:
        texts, kinds, later = [], set(), []
        for el in self._flat(tc, (P, TBL)):
            if el.tag == TBL:
                later.append(el)
            else:
                raw, guidance = self._guidance(self._read_para(el))
                texts.append(raw)
                if collapse(raw):
                    kinds.add(guidance)
                later.extend(self.boxes)
        text = collapse(" ".join(texts))
        if text:
            table, row, col = coords
            where = f"tabell {table + 1}, rad {row + 1}, kolumn {col + 1}"
            guidance = next(iter(kinds)) if len(kinds) == 1 else ""  # a cell is guidance when all of it is
            self._emit("table_cell", text, table=coords, location=where, el=next(tc.iter(P), None), guidance=guidance)
        else:
            self._attach(None)
        for el in later:
            if el.tag == TBL:
                self._table(el)
            else:
                self._walk(el, "textbox")

    def _notes(self, root, kind: str, label: str) -> None:
        number = 0
        for note in root.iterchildren(_W + kind):
            if note.get(TYPE) not in (None, "normal"):
                continue  # separator, continuationSeparator ...
            number += 1
            text = collapse(" ".join(self._read_para(p) for p in self._flat(note, (P,))))
            if text:
                index = self._emit("footnote", text, location=f"{label} {number}")
                ref = self.out.note_refs[index] = self.anchors.get((kind, note.get(ID)))
                self.doc.blocks[index - 1].anchor = self.doc.blocks[ref - 1].anchor if ref else None
            else:
                self._attach(None)

    def _comments(self, root) -> None:
        for comment in root.iterchildren(_W + "comment"):
            text = " ".join("".join(t.text or "" for t in p.iter(T)) for p in comment.iter(P))
            block = self.anchors.get(("comment", comment.get(ID)))
            self.doc.markup.append(Markup("comment", collapse(text), block, comment.get(AUTHOR, "")))


    def _emit(self, kind, text, level=None, source=None, table=None, location=None, el=None, guidance="") -> int:
        index = self.out.add(kind, text, level=level, source=source, table=table, location=location,
                             anchor=self.order.get(el), style=self.pstyle.name, guidance=guidance).index
        if self.pending or self.refs:
            self._attach(index)
        return index

    def _attach(self, index: int | None) -> None:
        """Give the markup and references read since the last block to block `index`."""
        for markup in self.pending:
            markup.block = index
            if markup.kind == "highlight":
                markup.text = collapse(markup.text)
        self.doc.markup.extend(self.pending)
        if index is not None:
            self.anchors.update((ref, index) for ref in self.refs)
        self.pending, self.refs = [], []

    # -- after the pass ------------------------------------------------------------------------

    def _heuristics(self) -> None:
        """Rungs 5-6 (typed numbers, bold/large text), only when styles gave (almost) no headings."""
        blocks = self.doc.blocks
        if self.styled >= STYLED_ENOUGH:
            return
        paragraphs = {i: p for i, p in self.looks.items() if blocks[i - 1].kind == "paragraph"}
        looks = {i: self._looks(p) for i, p in sorted(paragraphs.items()) if short(blocks[i - 1].text)}
        long = [p for i, p in paragraphs.items() if i not in looks]  # body text: its size, from a sample
        sizes = [self._looks(p)[1] for p in long[:: len(long) // 50 + 1]] or [size for _, size in looks.values()]
        if not sizes:
            return
        heuristic_headings(blocks, looks, Counter(sizes).most_common(1)[0][0])

    def _warnings(self) -> None:
        """Besides `Builder.finish`'s: headings found by the heuristics only, and unreadable objects."""
        sources = {b.source for b in self.doc.headings}
        if sources and sources <= {"numbering", "bold"}:
            self.doc.warnings.append(HEURISTIC_HEADINGS)
        if self.unreadable:
            self.doc.warnings.append(UNREADABLE_WARNING.format(n=self.unreadable))
