"""Read a Word document (.docx) into a `Document`, walking the body XML once with lxml."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from zipfile import BadZipFile, ZipFile

from lxml.etree import XMLSyntaxError, tostring

from ..document import Block, Document, Markup
from ..errors import InputError
from .common import (
    NO_HEADINGS,
    STYLED_ENOUGH,
    TOC_TITLE,
    TypedToc,
    assign_sections,
    collapse,
    heuristic_headings,
    int_or_none,
    short,
    toc_entry,
)
from .ooxml import COMMENTS, ENDNOTES, FOOTNOTES, open_package
from .safety import xml_problem

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, R, T, TAB, BR, CR = (_W + t for t in ("p", "tbl", "tr", "tc", "r", "t", "tab", "br", "cr"))
PPR, RPR, PSTYLE, RSTYLE, VAL = (_W + t for t in ("pPr", "rPr", "pStyle", "rStyle", "val"))
SDT, SDTPR, SDTCONTENT, CUSTOMXML = (_W + t for t in ("sdt", "sdtPr", "sdtContent", "customXml"))
INS, DEL, MOVETO, MOVEFROM, DELTEXT = (_W + t for t in ("ins", "del", "moveTo", "moveFrom", "delText"))
FLDCHAR, INSTRTEXT, FLDTYPE = _W + "fldChar", _W + "instrText", _W + "fldCharType"
DRAWING, PICT, OBJECT, TXBX = _W + "drawing", _W + "pict", _W + "object", _W + "txbxContent"
ALTERNATE, CHOICE, FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
OUTLINE, NUMPR, NUMID = _W + "outlineLvl", _W + "numPr", _W + "numId"
B, SZ, HIGHLIGHT, NOBREAK_HYPHEN = _W + "b", _W + "sz", _W + "highlight", _W + "noBreakHyphen"
VANISH, PLACEHOLDER = _W + "vanish", _W + "showingPlcHdr"
COMMENT_START, COMMENT_REF = _W + "commentRangeStart", _W + "commentReference"
FOOTNOTE_REF, ENDNOTE_REF = _W + "footnoteReference", _W + "endnoteReference"
ID, AUTHOR, TYPE = _W + "id", _W + "author", _W + "type"
LEAF_TEXT = {TAB: "\t", BR: "\n", CR: "\n", NOBREAK_HYPHEN: "-"}  # run content besides w:t
WRAPPERS = (SDT, CUSTOMXML)  # block/row/cell level wrappers around the real elements
UNREADABLE = (OBJECT, _W + "altChunk")
# A paragraph holding any of these is read by the full walk; others as one string (lxml text serializer).
SPECIAL = (INS, DEL, MOVETO, MOVEFROM, SDT, ALTERNATE, DRAWING, PICT, OBJECT, FLDCHAR, HIGHLIGHT,
           COMMENT_START, COMMENT_REF, FOOTNOTE_REF, ENDNOTE_REF, VANISH, RSTYLE, *LEAF_TEXT)

STYLE_HEADING = re.compile(r"(?:rubrik|heading|överskrift)\s*([1-9])", re.I)
BUILTIN_HEADING = re.compile(r"heading ([1-9])", re.I)
TOC_STYLE = re.compile(r"toc ([1-9])", re.I)

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
        raise InputError(path, f"{INVALID}: filen är skadad eller inget zip-paket ({exc or type(exc).__name__})") from exc
    except ValueError as exc:
        raise InputError(path, f"{INVALID}: {exc}") from exc
    except OSError as exc:
        raise InputError(path, f"kan inte läsas: {exc.strerror or exc}") from exc
    document = Document(path=path, format="docx", core_title=package.title)
    if package.macros:
        document.warnings.append(MACROS)
    _Reader(package.styles, document, style_map or {}).read(package.body, package.parts)
    return document


def _on(element) -> bool:
    """A toggle property such as <w:b/>, <w:b w:val="0"/>."""
    return element.get(VAL) not in ("0", "false", "off")


def _numbered(ppr) -> bool | None:
    """True/False when the properties say whether the paragraph is numbered, None when silent."""
    numpr = ppr.find(NUMPR) if ppr is not None else None
    if numpr is None:
        return None
    num_id = numpr.find(NUMID)
    return num_id is None or num_id.get(VAL) != "0"


@dataclass(slots=True)
class _Style:
    kind: str = "paragraph"  # paragraph | heading | title | list_item | toc | toc_heading
    level: int | None = None
    source: str | None = None
    outline: int | None = None
    bold: bool | None = None
    size: int | None = None  # half-points
    numbered: bool = False
    vanish: bool = False  # hidden text (w:vanish)
    name: str = ""  # the style's name as written in the file


class _Styles:
    """Style table built once from the styles part: styleId -> resolved `_Style`."""

    def __init__(self, root, style_map: dict[str, int]):
        self.raw = {s.get(_W + "styleId"): s for s in root.iterchildren(_W + "style")}
        self.style_map = {k.casefold(): v for k, v in style_map.items()}
        size = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{SZ}")
        self.default_size = (int_or_none(size.get(VAL)) if size is not None else None) or 20
        self.base = _Style()
        default = root.find(f"{_W}style[@{TYPE}='paragraph'][@{_W}default='1']")
        self.default_id = default.get(_W + "styleId") if default is not None else None
        self.cache: dict[str | None, _Style] = {}

    def get(self, style_id: str | None) -> _Style:
        """The resolved style; its basedOn chain is walked in a loop (chains can be thousands long)."""
        chain = []
        while style_id not in self.cache:
            self.cache[style_id] = self.base  # guards against basedOn cycles
            chain.append(style_id)
            el = self.raw.get(style_id)
            based = el.find(_W + "basedOn") if el is not None else None
            style_id = based.get(VAL) if based is not None else None
        for ancestor in reversed(chain):  # parents first, so _resolve finds them in the cache
            self.cache[ancestor] = self._resolve(self.raw.get(ancestor))
        return self.cache[chain[0] if chain else style_id]

    def _resolve(self, el) -> _Style:
        if el is None:
            return self.base
        based = el.find(_W + "basedOn")
        parent = self.get(based.get(VAL)) if based is not None else self.base
        ppr, rpr = el.find(PPR), el.find(RPR)
        outline = ppr.find(OUTLINE) if ppr is not None else None
        bold = rpr.find(B) if rpr is not None else None
        size = rpr.find(SZ) if rpr is not None else None
        vanish = rpr.find(VANISH) if rpr is not None else None
        numbered = _numbered(ppr)
        style = _Style(
            outline=int_or_none(outline.get(VAL)) if outline is not None else parent.outline,
            bold=_on(bold) if bold is not None else parent.bold,
            size=(int_or_none(size.get(VAL)) if size is not None else None) or parent.size,
            numbered=parent.numbered if numbered is None else numbered,
            vanish=_on(vanish) if vanish is not None else parent.vanish,
        )
        name_el = el.find(_W + "name")
        style.name = ((name_el.get(VAL) or "") if name_el is not None else "").strip()
        style.kind, style.level, style.source = self._kind(style.name.casefold(), style)
        return style

    def _kind(self, name: str, style: _Style) -> tuple[str, int | None, str | None]:
        """Heading ladder rungs 2-4 plus the other kinds a style name tells."""
        if m := TOC_STYLE.fullmatch(name):
            return "toc", int(m[1]), None
        if name == "toc heading":
            return "toc_heading", None, None
        if style.outline is not None and 0 <= style.outline <= 8:
            return "heading", style.outline + 1, "style_outline"
        if m := BUILTIN_HEADING.fullmatch(name):
            return "heading", int(m[1]), "builtin_style"
        if name == "title":
            return "title", None, None
        if name == "caption":
            return "caption", None, None
        if name in self.style_map:
            return "heading", self.style_map[name], "style_map"
        if m := STYLE_HEADING.fullmatch(name):
            return "heading", int(m[1]), "style_map"
        if style.numbered or "list" in name:
            return "list_item", None, None
        return "paragraph", None, None


class _Reader:
    """One pass over the body: blocks, TOC, markup; then heuristics, sections and warnings."""

    def __init__(self, styles, document: Document, style_map: dict[str, int]):
        self.doc = document
        self.styles = _Styles(styles, style_map)
        self.fields: list[list] = []  # open complex fields: [instruction, separated]
        self.hidden = self.in_toc_field = False
        self.typed_toc = TypedToc(document.toc)
        self.tables = self.unreadable = 0
        self.pending: list[Markup] = []  # markup of the block being read
        self.refs: list[tuple[str, str]] = []  # ("comment"|"footnote"|"endnote", id) in that block
        self.anchors: dict[tuple[str, str], int] = {}  # reference -> block it sits in
        self.note_refs: dict[int, int | None] = {}  # footnote block -> block that refers to it
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
        assign_sections(self.doc.blocks, self.note_refs)
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
        toc_title = style.kind == "toc_heading" or (len(text) < 30 and TOC_TITLE.fullmatch(text))
        if toc or self.toc_text or style.kind == "toc" or toc_title:
            if toc_title:
                self.typed_toc.open = True  # typed entries may follow
            elif text:
                self.doc.toc.append(toc_entry(raw, style.level if style.kind == "toc" else None))
            self._attach(None)
        elif not text:
            self._attach(None)
        elif self.typed_toc.take(raw, body=style.kind in ("paragraph", "list_item") and not 0 <= (self.outline or 9) <= 8):
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
                ref = self.note_refs[index] = self.anchors.get((kind, note.get(ID)))
                self.doc.blocks[index - 1].anchor = self.doc.blocks[ref - 1].anchor if ref else None
            else:
                self._attach(None)

    def _comments(self, root) -> None:
        for comment in root.iterchildren(_W + "comment"):
            text = " ".join("".join(t.text or "" for t in p.iter(T)) for p in comment.iter(P))
            block = self.anchors.get(("comment", comment.get(ID)))
            self.doc.markup.append(Markup("comment", collapse(text), block, comment.get(AUTHOR, "")))

    # -- paragraph text ----------------------------------------------------------------------

    def _read_para(self, p) -> str:
        """Raw text of a paragraph (tabs and breaks kept); sets the paragraph's facts on self."""
        self.boxes: list | tuple = ()  # text boxes are collected by the full walk only
        self.pstyle, self.outline, self.numbered = self._para_props(p)
        self.placeholder_text, self.hidden_text = [], []
        if self.fields and not all(separated for _, separated in self.fields):
            self.fields = [f for f in self.fields if f[1]]  # field codes never span paragraphs
            self._field_state()
        raw = None
        if p not in self.special:  # plain runs: their w:t are the only text nodes
            raw = tostring(p, method="text", encoding=str, with_tail=False)
            if "\n" in raw:  # pretty-printed XML: whitespace between elements
                raw = None
            else:
                self.toc_text = self.in_toc_field and not raw.isspace()
        if raw is None:
            self.parts: list[str] = []
            self.boxes, self.toc_text, self.last_highlight = [], False, None
            self._inline(p)
            raw = "".join(self.parts)
        if self.pstyle.vanish:
            self.hidden_text.append(raw)
            return ""
        if p in self.placeholder_paras:
            self.placeholder_text.append(raw)
            return ""
        return raw

    def _guidance(self, raw: str) -> tuple[str, str]:
        """(text, Block.guidance) of the paragraph just read: a paragraph holding nothing but a
        placeholder or hidden text is that guidance; guidance beside visible text becomes markup."""
        if self.placeholder_text or self.hidden_text:
            placeholder, hidden = collapse("".join(self.placeholder_text)), collapse("".join(self.hidden_text))
            if not collapse(raw):
                return (placeholder, "placeholder") if placeholder else (hidden, "hidden")
            self.pending.extend(Markup(kind, text) for kind, text in (("placeholder", placeholder), ("hidden", hidden)) if text)
        return raw, ""

    def _para_props(self, p) -> tuple[_Style, int | None, bool | None]:
        """Style, own outline level and own numbering of a paragraph."""
        ppr = p[0] if len(p) else None  # pPr comes first when present
        style_id, outline, numbered = self.styles.default_id, None, None
        if ppr is not None and ppr.tag == PPR:
            for el in ppr:
                tag = el.tag
                if tag == PSTYLE:
                    style_id = el.get(VAL)
                elif tag == OUTLINE:
                    outline = int_or_none(el.get(VAL))
                elif tag == NUMPR:
                    numbered = _numbered(ppr)
        return self.styles.get(style_id), outline, numbered

    def _mark_special(self, root) -> None:
        """Remember paragraphs that need the full walk (revisions, fields, drawings, notes ...),
        and the paragraphs that are wholly inside a content control showing its placeholder."""
        for el in root.iter(*SPECIAL):
            self.special.update(el.iterancestors(P))
        for mark in root.iter(PLACEHOLDER):
            sdt = mark.getparent().getparent()
            if sdt is not None and next(sdt.iterancestors(P), None) is None:
                self.placeholder_paras.update(sdt.iter(P))

    def _inline(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag == R:
                self._run(el)
            elif tag == INS or tag == MOVETO:
                start = len(self.parts)
                self._inline(el)
                text = collapse("".join(self.parts[start:]))
                if text:
                    self.pending.append(Markup("insertion", text, author=el.get(AUTHOR, "")))
            elif tag == DEL or tag == MOVEFROM:
                text = collapse("".join(t.text or "" for t in el.iter(DELTEXT, T)))
                if text:
                    self.pending.append(Markup("deletion", text, author=el.get(AUTHOR, "")))
            elif tag == SDT:
                content, _ = self._sdt(el)
                if content is not None:
                    start = len(self.parts)
                    self._inline(content)
                    pr = el.find(SDTPR)
                    if pr is not None and pr.find(PLACEHOLDER) is not None:
                        self.placeholder_text.append("".join(self.parts[start:]))
                        del self.parts[start:]
            elif tag == ALTERNATE:
                branch = el.find(CHOICE)  # one branch only: the same content is in both
                if branch is None:
                    branch = el.find(FALLBACK)
                if branch is not None:
                    self._inline(branch)
            elif tag == DRAWING or tag == PICT:
                self.boxes.extend(_outer_boxes(el))
            elif tag in UNREADABLE:
                self.unreadable += 1
            elif tag == COMMENT_START:
                self.refs.append(("comment", el.get(ID)))
            elif tag != PPR:  # hyperlink, smartTag, fldSimple, customXml ...: ordinary runs inside
                self._inline(el)

    def _run(self, r) -> None:
        rpr = r[0] if len(r) and r[0].tag == RPR else None
        hidden = self._vanished(rpr)
        parts = self.hidden_text if hidden else self.parts
        start = len(parts)
        for el in r:
            tag = el.tag
            if tag == T:
                if not self.hidden:
                    parts.append(el.text or "")
            elif tag in LEAF_TEXT:
                parts.append(LEAF_TEXT[tag])
            elif tag == RPR:
                pass
            elif tag == FLDCHAR:
                self._field(el.get(FLDTYPE))
            elif tag == INSTRTEXT:
                if self.fields:
                    self.fields[-1][0] += el.text or ""
                    self._field_state()
            elif tag == FOOTNOTE_REF or tag == ENDNOTE_REF:
                self.refs.append(("footnote" if tag == FOOTNOTE_REF else "endnote", el.get(ID)))
            elif tag == COMMENT_REF:
                self.refs.append(("comment", el.get(ID)))
            else:
                self._inline((el,))
        if len(parts) > start and not hidden:
            self._highlight(rpr, "".join(parts[start:]))

    def _vanished(self, rpr) -> bool:
        """Whether a run is hidden text: w:vanish on the run, its character style or (unless the run
        says otherwise) its paragraph style, which `_read_para` handles as a whole."""
        if rpr is None:
            return False
        for el in rpr:
            if el.tag == VANISH:
                return _on(el)
            if el.tag == RSTYLE and self.styles.get(el.get(VAL)).vanish:
                return True
        return False

    def _highlight(self, rpr, text: str) -> None:
        """Note text added by one run: inside a TOC field, highlighted (adjacent runs merge)."""
        if self.in_toc_field:
            self.toc_text = True
        mark = rpr.find(HIGHLIGHT) if rpr is not None else None
        if mark is None or mark.get(VAL, "none") == "none":
            self.last_highlight = None
        elif self.last_highlight is not None:
            self.last_highlight.text += text
        else:
            self.last_highlight = Markup("highlight", text)
            self.pending.append(self.last_highlight)

    def _looks(self, p) -> tuple[bool, int]:
        """(all text bold, largest font size in half-points) of a paragraph, for the bold heuristic."""
        style = self._para_props(p)[0]
        all_bold, largest = True, 0
        for r in p.iter(R):
            if not tostring(r, method="text", encoding=str, with_tail=False).strip():
                continue
            bold = size = None
            rpr = r[0] if len(r) else None  # rPr comes first when present; text may sit in w:r itself
            for el in rpr if rpr is not None and rpr.tag == RPR else ():
                tag = el.tag
                if tag == B:
                    bold = _on(el)
                elif tag == SZ:
                    size = int_or_none(el.get(VAL))
                elif tag == RSTYLE:
                    char = self.styles.get(el.get(VAL))
                    bold, size = char.bold if bold is None else bold, size or char.size
            all_bold = all_bold and bool(style.bold if bold is None else bold)
            largest = max(largest, size or style.size or self.styles.default_size)
        return all_bold, largest

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(["", False])
        elif kind == "separate" and self.fields:
            self.fields[-1][1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()
        self._field_state()

    def _field_state(self) -> None:
        self.hidden = bool(self.fields) and not self.fields[-1][1]
        self.in_toc_field = any(instr.lstrip()[:3].upper() == "TOC" for instr, _ in self.fields)

    # -- blocks --------------------------------------------------------------------------------

    def _emit(self, kind, text, level=None, source=None, table=None, location=None, el=None, guidance="") -> int:
        index = len(self.doc.blocks) + 1
        self.doc.blocks.append(
            Block(kind, text, index, level=level, source=source, line=index, table=table,
                  location=location or f"stycke {index}", anchor=self.order.get(el),
                  style=self.pstyle.name, guidance=guidance)
        )
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
        sources = {b.source for b in self.doc.headings}
        if not sources:
            self.doc.warnings.append(NO_HEADINGS)
        elif sources <= {"numbering", "bold"}:
            self.doc.warnings.append(HEURISTIC_HEADINGS)
        if self.unreadable:
            self.doc.warnings.append(UNREADABLE_WARNING.format(n=self.unreadable))


def _outer_boxes(drawing) -> list:
    """Text boxes in a drawing, without the boxes inside them: those are read with their box
    (reading them here too would read nested boxes 2, 4, 8 ... times)."""
    return [box for box in drawing.iter(TXBX)
            if not any(a.tag == TXBX for a in takewhile(lambda a: a is not drawing, box.iterancestors()))]
