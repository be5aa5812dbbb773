"""What the ODT, PDF, Markdown and plain-text readers share: blocks, sections, typed TOCs."""

from __future__ import annotations

import re
from pathlib import Path


from ..document import Block, Document, TocEntry
from ..errors import InputError
from ..values import Value

TOC_TITLE = re.compile(r"(innehållsförteckning|innehåll|table of contents|contents):?", re.I)
# "Riskanalys.....7", "4.2 Riskanalys\t7": text, leader (dots or a tab), page number (may be missing).
TOC_LINE = re.compile(
    r"(?P<text>.*?\S)\s*(?P<lead>\.(?:\s?\.){2,}|…+|\t+)\s*(?P<page>\d{1,4}|[ivxlc]{1,6})?\s*", re.I
)
TYPED_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+[^\W\d_]")
# A contents line without leaders, "4.2 Riskanalys 7": optional typed number, a short text, a page number.
BARE_TOC_LINE = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?P<text>[^\W\d_][^.:;!?]{0,100}?[^\s.:;,!?])\s+(?P<page>\d{1,3})")
_PAGE = re.compile(r"\d{1,3}")
ONE_LINE_ENTRIES = 5  # entries a line needs to be a contents list on its own (after a TOC title: 3)
MAX_ENTRY_WORDS = 14
# A line-end hyphen followed by one of these is a shortened compound ("hälso- och sjukvård"): kept.
CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "till", "som", "men", "utan"}
NO_HEADINGS = "Inga rubriker hittades: texten granskas ändå, men avsnitt kan inte knytas till rubriker."
TOC_MATCH = 90  # rapidfuzz ratio for a body line to repeat a TOC entry ("Risakanalys" ~ "Riskanalys")
STYLED_ENOUGH = 3  # with this many marked-up headings the bold/numbering heuristics stay off


class Style(Value):
    """A style resolved through its parents, as the OpenDocument and Word readers read it."""

    __slots__ = ("kind", "level", "source", "outline", "bold", "size")

    def __init__(
        self,
        kind: str = "paragraph",  # paragraph | heading | title | list_item | toc | toc_heading
        level: int | None = None,
        source: str | None = None,
        outline: int | None = None,
        bold: bool | None = None,
        size: float | None = None,  # font size in the format's unit: points (ODT), half-points (DOCX)
    ):
        self.kind = kind
        self.level = level
        self.source = source
        self.outline = outline
        self.bold = bold
        self.size = size


def read_text_file(path: Path) -> str:
    """A text file's content (see `decode`); an unreadable file is an InputError."""
    try:
        return decode(path.read_bytes())
    except OSError as exc:
        raise InputError(path, f"kan inte läsas: {exc.strerror or exc}") from None


def decode(data: bytes) -> str:
    """Text of a plain-text file: UTF-8 or UTF-16 by byte-order mark, else UTF-8, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def int_or_none(value) -> int | None:
    """An XML attribute as a number, or None when absent or malformed."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def assign_sections(blocks: list[Block], note_refs: dict[int, int | None]) -> None:
    """Give each block its heading ancestry; a footnote takes the section of the text citing it."""
    stack: list[Block] = []
    section: tuple[str, ...] = ()
    for block in blocks:
        if block.kind == "heading":
            while stack and stack[-1].level >= block.level:
                stack.pop()
            stack.append(block)
            section = tuple(b.text for b in stack)
        if block.kind == "footnote":
            ref = note_refs.get(block.index)
            block.section = blocks[ref - 1].section if ref else ()
        else:
            block.section = section


def collapse(text: str) -> str:
    """Whitespace runs to one space, trimmed (the common single-spaced case without splitting)."""
    return text.strip(" ") if text.isprintable() and "  " not in text else " ".join(text.split())


def short(text: str) -> bool:
    """Heading-like length and ending: at most 12 words, no closing period, colon or comma."""
    return 0 < len(text) <= 120 and len(text.split()) <= 12 and text[-1] not in ".:;,"


def number_level(text: str) -> int | None:
    """Level told by a typed number: "4" -> 1, "4.2" -> 2."""
    m = TYPED_NUMBER.match(text)
    return m[1].count(".") + 1 if m else None


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one text, joining words hyphenated at a line end.

    "patient-" + "säkerhet" gives "patientsäkerhet" (so does a soft hyphen); "hälso-" + "och"
    stays "hälso- och"; "IVO-" + "anmälan" keeps the hyphen after a capital.
    """
    out = ""
    for line in filter(None, map(collapse, lines)):
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith("-") and out[-2:-1].isalpha() and line[:1].isalpha():
            if re.match(r"\w+", line)[0].lower() in CONJUNCTIONS:
                out = f"{out} {line}"
            elif out[-2].islower() and line[0].islower():
                out = out[:-1] + line
            else:
                out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def toc_line(raw: str) -> re.Match | None:
    """A TOC-looking line; cheap checks first since most lines are body text."""
    if len(raw) > 200 or not ("\t" in raw or ".." in raw or ". ." in raw or "…" in raw):
        return None
    return TOC_LINE.fullmatch(raw)


def toc_entry(raw: str, level: int | None = None, line: re.Match | None = None) -> TocEntry:
    """The entry a contents line gives; `line`: its `toc_line` match, when the caller has it."""
    line = line or toc_line(raw)
    text = collapse(line["text"] if line else raw)
    return TocEntry(text, (line["page"] or "") if line else "", level or number_level(text))


def bare_toc_entry(text: str) -> TocEntry | None:
    """A contents line without leaders ("Sammanställning och analys 6"), read only after a TOC title."""
    line = BARE_TOC_LINE.fullmatch(collapse(text))
    if line is None or len(line["text"].split()) > MAX_ENTRY_WORDS:
        return None
    text = collapse(line.group(0)[: line.start("page")])
    return TocEntry(text, line["page"], number_level(text))


def one_line_toc(text: str, titled: bool = False) -> list[TocEntry]:
    """The entries of a contents list written on one line, as PDFs and pasted copies give it:
    "Innehåll 1 Sammanfattning 3 2 Inledning 4 2.1 Mål 4 …". Each entry ends in its page number,
    the pages never go down, and most entries start with a capital or a section number.
    Needs five entries, or three when the line follows a TOC title or starts with one."""
    if not text.rstrip()[-1:].isdigit():
        return []
    words = text.split()
    if len(words) < 6:
        return []
    if TOC_TITLE.fullmatch(words[0]):
        words, titled = words[1:], True
    entries: list[TocEntry] = []
    current: list[str] = []
    for word in words:
        if _PAGE.fullmatch(word) and any(not w[0].isdigit() for w in current):
            entry = " ".join(current)
            if len(current) > MAX_ENTRY_WORDS or entry[-1] in ".:;,!?" or (entries and int(word) < int(entries[-1].page)):
                return []
            entries.append(TocEntry(entry, word, number_level(entry)))
            current = []
        else:  # a word of the entry, or the section number it starts with
            current.append(word)
    capitalised = sum(e.text[0].isupper() or e.text[0].isdigit() for e in entries)
    if current or len(entries) < (3 if titled else ONE_LINE_ENTRIES) or capitalised * 4 < len(entries) * 3:
        return []
    return entries


def heuristic_headings(blocks: list[Block], looks: dict[int, tuple[bool, float]], body: float) -> None:
    """Headings from typed numbers and bold/large short paragraphs (the Word reader's rungs 5-6).

    `looks` maps the index of each short body paragraph to (all bold, font size); `body` is the
    body text's font size. A large first line becomes the title.
    """
    numbered, top = {}, 0
    for i in sorted(looks):  # numbers only move on: "14 kap. 3 § SoL" after "4.2 ..." is no heading
        m = TYPED_NUMBER.match(blocks[i - 1].text)
        if m and blocks[i - 1].text[-1] not in "?!" and int(m[1].split(".")[0]) <= top + 2:
            numbered[i] = m[1].count(".") + 1
            top = max(top, int(m[1].split(".")[0]))
    # A lone number is no outline; runs of "1. ..", "2. .." at one depth are lists.
    numbered = {
        i: level for i, level in numbered.items()
        if len(numbered) > 1 and level not in (numbered.get(i - 1), numbered.get(i + 1))
    }
    bold = {i: size for i, (is_bold, size) in looks.items() if i not in numbered and (is_bold or size >= body * 1.2)}
    found = [  # followed by body text, or by a heading in a smaller font
        i for i, size in bold.items()
        if i < len(blocks) and blocks[i].kind != "heading" and i + 1 not in numbered and bold.get(i + 1, -1) < size
    ]
    found = sorted(found + _trailing_headings(blocks, looks, bold, found) + list(numbered))
    if found and found[0] == 1 and all(looks[i][1] < looks[1][1] for i in found[1:]):
        blocks[0].kind = "title"  # the first line, larger than any heading after it
        found.pop(0)
    open_: list[tuple[float, int]] = []  # (font size, level) of the enclosing headings
    for i in found:
        size = looks[i][1]
        # Typed numbers give the level; else the same font as an enclosing heading is its sibling,
        # a smaller font its child.
        level = numbered.get(i) or next((lvl + (s > size) for s, lvl in reversed(open_) if s >= size), 1)
        while open_ and open_[-1][1] >= level:
            open_.pop()
        open_.append((size, level))
        block = blocks[i - 1]
        block.kind, block.level, block.source = "heading", level, "numbering" if i in numbered else "bold"
    for i in bold:  # bold or large lines that are no heading (a heading over a heading, a label): never content
        if blocks[i - 1].kind == "paragraph":
            blocks[i - 1].kind = "label"


def _trailing_headings(blocks: list[Block], looks: dict[int, tuple[bool, float]], bold: dict[int, float],
                       found: list[int]) -> list[int]:
    """The bold lines that end the document, when each has the look of a bold heading found before:
    a draft's last headings, still without text. Nothing follows them that they could be a label
    for; a line in another look (a signature in a smaller font) keeps them all labels."""
    sizes = {looks[i][1] for i in found if i in bold}
    tail: list[int] = []
    for i in range(len(blocks), 0, -1):
        if i not in bold or blocks[i - 1].kind == "heading":
            break
        tail.append(i)
    return tail if tail and all(bold[i] in sizes for i in tail) else []


class TypedToc:
    """A table of contents typed as text: a title line, then lines such as "Riskanalys.....7" or,
    right after the title, "Riskanalys 7"; or a whole contents list on one line."""

    def __init__(self, toc: list[TocEntry]):
        self.toc = toc
        self.open = False

    def take(self, raw: str, level: int | None = None, body: bool = True, text: str | None = None) -> bool:
        """Whether the line belongs to the TOC; its entries go to the document's TOC. Lines
        without leaders count only as `body` text (a heading is never read as one). `text`:
        `collapse(raw)`, when the caller has it."""
        text = collapse(raw) if text is None else text
        if len(text) < 30 and TOC_TITLE.fullmatch(text):
            self.open = True
            return True
        line = toc_line(raw)
        if line and (self.open or (line["page"] and "\t" not in line["lead"])):
            self.open = True
            self.toc.append(toc_entry(raw, level, line))
            return True
        if not body:
            self.open = False
            return False
        if entries := one_line_toc(raw, self.open):
            self.toc.extend(entries)
            self.open = True
            return True
        if self.open and (entry := bare_toc_entry(raw)):
            entry.level = level or entry.level
            self.toc.append(entry)
            return True
        self.open = False
        return False


class TocIndex:
    """Finds the TOC entry a short body line repeats; wrapped entries are tried joined too."""

    def __init__(self, toc: list[TocEntry]):
        self.keys: dict[str, TocEntry] = {}
        for i, entry in enumerate(toc):
            self.keys.setdefault(entry.text.lower(), entry)
            if i + 1 < len(toc) and toc[i + 1].text[:1].islower():
                self.keys.setdefault(f"{entry.text} {toc[i + 1].text}".lower(), entry)

    def find(self, text: str) -> TocEntry | None:
        if not self.keys or not short(text):
            return None
        from rapidfuzz import fuzz, process  # here: only for a document with a table of contents

        hit = process.extractOne(collapse(text).lower(), self.keys.keys(), scorer=fuzz.ratio, score_cutoff=TOC_MATCH)
        return self.keys[hit[0]] if hit else None


class Builder:
    """Appends blocks in reading order; `finish` gives them section paths and warns when needed."""

    def __init__(self, document: Document, unit: str):
        self.doc = document
        self.unit = unit  # "stycke", "sida", "rad": how a location is told in this format
        self.note_refs: dict[int, int | None] = {}  # footnote block -> block that refers to it

    def add(self, kind, text, line=None, level=None, source=None, table=None, location=None, anchor=None, style="",
            guidance="") -> Block:
        blocks = self.doc.blocks
        index = len(blocks) + 1
        line = index if line is None else line
        # Block's fields in order: positional arguments are cheaper than keywords, once per block
        block = Block(kind, text, index, (), level, source, location or f"{self.unit} {line}", line, table, anchor,
                      style, guidance)
        blocks.append(block)
        return block

    def finish(self) -> Document:
        assign_sections(self.doc.blocks, self.note_refs)
        self.doc.find_views()  # the blocks are final now
        if not self.doc.headings:
            self.doc.warnings.append(NO_HEADINGS)
        return self.doc
