"""WordprocessingML names, and the style table of a Word document resolved from its styles part."""

from __future__ import annotations

import re

from .common import Style, int_or_none

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
BASED_ON, NAME = _W + "basedOn", _W + "name"
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


def _first_children(element) -> dict:
    """Tag -> first child with that tag (as `element.find(tag)` gives it), in one pass over the children."""
    first: dict = {}
    for child in element:
        first.setdefault(child.tag, child)
    return first


def is_on(element) -> bool:
    """A toggle property such as <w:b/>, <w:b w:val="0"/>."""
    return element.get(VAL) not in ("0", "false", "off")


def numbering(numpr) -> bool | None:
    """Whether a paragraph's numbering properties (its pPr's first w:numPr) number it, None without them."""
    if numpr is None:
        return None
    num_id = next((el for el in numpr if el.tag == NUMID), None)
    return num_id is None or num_id.get(VAL) != "0"


class WordStyle(Style):
    """A Word style: also its name, and whether its paragraphs are numbered and its text hidden."""

    __slots__ = ("numbered", "vanish", "name")

    def __init__(
        self,
        kind: str = "paragraph",
        level: int | None = None,
        source: str | None = None,
        outline: int | None = None,
        bold: bool | None = None,
        size: float | None = None,
        numbered: bool = False,
        vanish: bool = False,  # hidden text (w:vanish)
        name: str = "",  # the style's name as written in the file
    ):
        super().__init__(kind, level, source, outline, bold, size)
        self.numbered = numbered
        self.vanish = vanish
        self.name = name


class Styles:
    """Style table built once from the styles part: styleId -> resolved `WordStyle`."""

    def __init__(self, root, style_map: dict[str, int]):
        self.raw = {s.get(_W + "styleId"): s for s in root.iterchildren(_W + "style")}
        self.style_map = {k.casefold(): v for k, v in style_map.items()}
        size = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{SZ}")
        self.default_size = (int_or_none(size.get(VAL)) if size is not None else None) or 20
        self.base = WordStyle()
        default = root.find(f"{_W}style[@{TYPE}='paragraph'][@{_W}default='1']")
        self.default_id = default.get(_W + "styleId") if default is not None else None
        self.cache: dict[str | None, WordStyle] = {}

    def get(self, style_id: str | None) -> WordStyle:
        """The resolved style; its basedOn chain is walked in a loop (chains can be thousands long)."""
        if style_id in self.cache:
            return self.cache[style_id]
        chain = []
        while style_id not in self.cache:
            self.cache[style_id] = self.base  # guards against basedOn cycles
            el = self.raw.get(style_id)
            own = _first_children(el) if el is not None else None
            chain.append((style_id, own))
            based = own.get(BASED_ON) if own is not None else None
            style_id = based.get(VAL) if based is not None else None
        for ancestor, own in reversed(chain):  # parents first, so _resolve finds them in the cache
            self.cache[ancestor] = self._resolve(own)
        return self.cache[chain[0][0] if chain else style_id]

    def _resolve(self, own: dict | None) -> WordStyle:
        """The style whose children (`_first_children`) are `own`; None: no such style."""
        if own is None:
            return self.base
        based = own.get(BASED_ON)
        parent = self.get(based.get(VAL)) if based is not None else self.base
        ppr, rpr = own.get(PPR), own.get(RPR)
        para = _first_children(ppr) if ppr is not None else {}
        run = _first_children(rpr) if rpr is not None else {}
        outline, bold, size, vanish = para.get(OUTLINE), run.get(B), run.get(SZ), run.get(VANISH)
        numbered = numbering(para.get(NUMPR))
        style = WordStyle(
            outline=int_or_none(outline.get(VAL)) if outline is not None else parent.outline,
            bold=is_on(bold) if bold is not None else parent.bold,
            size=(int_or_none(size.get(VAL)) if size is not None else None) or parent.size,
            numbered=parent.numbered if numbered is None else numbered,
            vanish=is_on(vanish) if vanish is not None else parent.vanish,
        )
        name_el = own.get(NAME)
        style.name = ((name_el.get(VAL) or "") if name_el is not None else "").strip()
        style.kind, style.level, style.source = self._kind(style.name.casefold(), style)
        return style

    def _kind(self, name: str, style: WordStyle) -> tuple[str, int | None, str | None]:
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
