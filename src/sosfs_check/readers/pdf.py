"""Read a PDF's text layer into a `Document`: lines rebuilt into paragraphs, headings from fonts.

Running headers, footers and page numbers are dropped, words hyphenated at a line end are
joined, and headings are told by font size and weight against the body text, or by repeating
an entry of the table of contents. A PDF without a text layer (a scan) is refused: no OCR.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .common import (
    TOC_TITLE, Builder, TocIndex, bare_toc_entry, collapse, join_lines, number_level, one_line_toc, short, toc_entry, toc_line,
)

BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
ITALIC = re.compile(r"italic|oblique", re.I)
# A list item starts with a bullet glyph (Word's Symbol bullet is U+F0B7) or a typed marker.
BULLET = re.compile(r"(?:[•●▪■◦‣∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|[-–*]|\d{1,2}[.)]|[a-z]\))\s+")
PAGE_NUMBER = re.compile(r"(?:sida|page|s\.)?\s*[-–]?\s*\d{1,4}\s*(?:(?:av|of|/)\s*\d{1,4})?\s*[-–]?", re.I)
EDGE = 0.15  # running headers and footers sit in the top and bottom 15 % of the page
SCANNED = ("saknar textlager (en skannad bild?): texten kan inte läsas, och sosfs-check tolkar inte "
           "bilder (ingen OCR). Granska originalfilen (.docx/.odt) eller en PDF som är sparad från den.")
PAGES_WITHOUT_TEXT = "{n} av {total} sidor saknar text (skannade bilder?); de granskas inte."


@dataclass(slots=True)
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    style: tuple[float, bool, bool]  # (font size, bold, italic)


@dataclass(slots=True)
class _Para:
    lines: list[_Line]
    kind: str = "paragraph"

    @property
    def style(self) -> tuple[float, bool, bool]:
        return self.lines[0].style


@dataclass(slots=True)
class _Table:
    page: int
    top: float
    rows: list[list[str | None]] = field(default_factory=list)


def read_pdf(path: Path) -> Document:
    """Read a PDF made from a report (not a scan): paragraphs, lists, tables, headings, TOC."""
    try:
        import pdfplumber
    except ImportError:
        from ..extras import missing

        raise InputError(path, missing("pdf", "PDF-filer")) from None
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # damaged files: our message, not its warnings
    try:
        with pdfplumber.open(path) as pdf:
            title = pdf.metadata.get("Title")
            pages = [_page(page, number) for number, page in enumerate(pdf.pages, 1)]
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, "är en lösenordsskyddad PDF och kan inte läsas") from None
    except (PdfminerException, MalformedPDFException, PSException, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"är inte en giltig PDF-fil: {str(exc) or type(exc).__name__}") from None
    except OSError as exc:
        raise InputError(path, f"kan inte läsas: {exc.strerror or exc}") from None
    empty = sum(1 for items, _ in pages if not items)
    if empty == len(pages):
        raise InputError(path, SCANNED)
    document = Document(path=path, format="pdf", core_title=title if isinstance(title, str) else "")
    if empty:
        document.warnings.append(PAGES_WITHOUT_TEXT.format(n=empty, total=len(pages)))
    _Reader(document).read(_without_running_lines(pages))
    return document


def _page(page, number: int) -> tuple[list, float]:
    """Text lines and tables of one page in reading order, and the page height."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    items: list = [_Table(number, t.bbox[1], t.extract()) for t in tables]
    for line in text_page.extract_text_lines(return_chars=True):
        chars = [c for c in line["chars"] if c["text"].strip()]
        if not chars:
            continue
        fonts = [c["fontname"].split("+")[-1] for c in chars]
        size = Counter(round(c["size"] * 2) / 2 for c in chars).most_common(1)[0][0]
        style = (size, all(BOLD.search(f) for f in fonts), all(ITALIC.search(f) for f in fonts))
        items.append(_Line(number, line["top"], line["bottom"], line["x0"], line["x1"], line["text"], style))
    return sorted(items, key=lambda item: item.top), float(page.height)


def _without_running_lines(pages: list[tuple[list, float]]) -> list:
    """All pages' items with running headers/footers (text repeated at the top or bottom of most
    pages, digits aside) and lone page numbers removed."""
    def edges(items, height):
        """Up to two lines at the top and at the bottom, each set apart from the text by a gap."""
        lines = [i for i in items if isinstance(i, _Line)]
        top = [a for a, b in zip(lines[:2], lines[1:3]) if a.bottom <= height * EDGE and _gap(a, b)]
        bottom = [b for a, b in zip(lines[-3:], lines[-2:]) if b.top >= height * (1 - EDGE) and _gap(a, b)]
        return top + bottom

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", collapse(line.text).casefold())

    counts = Counter(k for items, height in pages for k in {key(line) for line in edges(items, height)})
    repeated = {k for k, n in counts.items() if n >= max(2, ceil(len(pages) / 2))}
    out = []
    for items, height in pages:
        running = {id(line) for line in edges(items, height)
                   if key(line) in repeated or PAGE_NUMBER.fullmatch(line.text.strip())}
        out.extend(item for item in items if id(item) not in running)
    return out


def _gap(prev: _Line, line: _Line) -> bool:
    """More space between two lines than within a paragraph."""
    height = max(prev.bottom - prev.top, line.bottom - line.top)
    return line.top - prev.bottom > 0.7 * height


class _Reader:
    def __init__(self, document: Document):
        self.doc = document
        self.out = Builder(document, "sida")

    def read(self, items: list) -> None:
        lines = [i for i in items if isinstance(i, _Line)]
        weights = Counter()
        for line in lines:
            weights[line.style] += len(line.text)
        self.body = weights.most_common(1)[0][0] if weights else (0.0, False, False)
        body_lines = [line for line in lines if line.style == self.body]
        self.right = max((line.x1 for line in body_lines), default=0.0)
        self.width = self.right - min((line.x0 for line in body_lines), default=0.0)
        blocks = self._toc(self._paragraphs(items))
        levels = self._heading_levels(blocks)
        index = TocIndex(self.doc.toc)
        tables = 0
        for block in blocks:
            if isinstance(block, _Table):
                self._table(block, tables)
                tables += 1
                continue
            text = join_lines([line.text for line in block.lines])
            page = block.lines[0].page
            if block.kind == "list_item":
                self.out.add("list_item", BULLET.sub("", text, count=1), line=page)
            elif block.kind == "title":
                self.out.add("title", text, line=page)
            elif block.style in levels and short(text):
                self.out.add("heading", text, line=page, level=levels[block.style], source="font")
            elif entry := index.find(text):
                self.out.add("heading", text, line=page, level=entry.level or number_level(text) or 1, source="toc")
            else:
                self.out.add("paragraph", text, line=page)
        self.out.finish()

    def _paragraphs(self, items: list) -> list:
        """Lines grouped into paragraphs by spacing, indentation, font and bullets."""
        out: list = []
        current: _Para | None = None
        for item in items:
            if isinstance(item, _Table):
                out.append(item)
                current = None
            elif current is None or self._new_paragraph(current, item):
                current = _Para([item], "list_item" if self._bullet(item, current) else "paragraph")
                out.append(current)
            else:
                current.lines.append(item)
        return out

    def _bullet(self, line: _Line, current: _Para | None) -> bool:
        """A bullet glyph starts a list item; a dash or number in body text only after another item
        or a gap ("1. Inledning" in a heading font is a heading)."""
        match = BULLET.match(line.text)
        if match is None:
            return False
        if not (match[0][0] in "-–*" or match[0][0].isalnum()):
            return True
        return line.style == self.body and (
            current is None or current.kind == "list_item" or _gap(current.lines[-1], line))

    def _new_paragraph(self, current: _Para, line: _Line) -> bool:
        prev = current.lines[-1]
        if line.style != prev.style or self._bullet(line, current):
            return True
        ended = prev.x1 < self.right - 0.1 * self.width and prev.text.rstrip()[-1:] in ".!?:"
        if line.page != prev.page:  # a paragraph runs on over the page break unless it ended
            return (ended or prev.x1 < self.right - 0.2 * self.width) and not line.text[:1].islower()
        if _gap(prev, line) or ended:
            return True
        if current.kind == "list_item":  # continuation lines are indented past the bullet
            return line.x0 < current.lines[0].x0 + 2
        return line.x0 > prev.x0 + 8  # an indented first line starts a paragraph

    def _toc(self, blocks: list) -> list:
        """Take the TOC title and entries out of the blocks: "Riskanalys.....7" (wrapped or not),
        "Riskanalys 7" lines after the title, or a whole contents list run together on one line."""
        out, indents = [], []
        titled = False
        for block in blocks:
            if isinstance(block, _Table):
                out.append(block)
                titled = False
                continue
            text = collapse(" ".join(line.text for line in block.lines))
            if len(text) < 30 and TOC_TITLE.fullmatch(text):
                titled = True
                continue
            entries, pending = [], []
            for line in block.lines:
                pending.append(line)
                if (match := toc_line(line.text)) and match["page"]:
                    entries.append((toc_entry(" ".join(p.text for p in pending)), pending[0].x0))
                    pending = []
            if not (entries and not pending):
                entries, pending = [(entry, None) for entry in one_line_toc(text, titled)], []
            if not entries and titled:
                bare = [(bare_toc_entry(line.text), line.x0) for line in block.lines]
                entries = bare if all(entry for entry, _ in bare) else []
            if entries:
                self.doc.toc.extend(entry for entry, _ in entries)
                indents.extend(x0 for _, x0 in entries)
                titled = True
            else:
                out.append(block)
                titled = False
        steps = sorted({round(x0) for x0 in indents if x0 is not None})
        for entry, x0 in zip(self.doc.toc, indents):
            if x0 is not None:
                entry.level = steps.index(round(x0)) + 1
        return out

    def _heading_levels(self, blocks: list) -> dict[tuple, int]:
        """Heading fonts ranked (larger, then bold, then upright first) to levels; marks the title."""
        paras = [b for b in blocks if isinstance(b, _Para)]
        size, bold, _ = self.body
        largest = [p for p in paras if p.style[0] == max(q.style[0] for q in paras)]
        if largest[0].style[0] > size and largest[0] in paras[:3] and all(p.lines[0].page == 1 for p in largest):
            for para in largest:  # the title page's title: the largest font, early on page 1 only
                para.kind = "title"
        styles = {
            p.style for p in paras
            if p.kind == "paragraph" and (p.style[0] >= size + 1 or (p.style[1] and not bold))
            and short(join_lines([line.text for line in p.lines]))
        }
        ranked = sorted(styles, key=lambda s: (-s[0], not s[1], s[2]))
        return {style: level for level, style in enumerate(ranked, 1)}

    def _table(self, table: _Table, number: int) -> None:
        for row, cells in enumerate(table.rows):
            for col, cell in enumerate(cells):
                if cell and (text := collapse(cell)):
                    self.out.add("table_cell", text, line=table.page, table=(number, row, col),
                                 location=f"sida {table.page}, tabell {number + 1}, rad {row + 1}, kolumn {col + 1}")
