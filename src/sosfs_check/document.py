"""The format-independent document model every reader produces and every check reads."""

from __future__ import annotations

import re
from pathlib import Path

from .values import Value

# How a heading was recognised, strongest evidence first.
HEADING_SOURCES = (
    "outline_level",  # w:outlineLvl on the paragraph itself
    "style_outline",  # w:outlineLvl inherited through the style chain
    "builtin_style",  # built-in style name "heading N" / "Title"
    "style_map",  # localised or custom style name mapped by configuration
    "numbering",  # typed number such as "4.2 Riskanalys"
    "bold",  # short bold (or large) paragraph followed by body text
    "markup",  # explicit heading markup (ODT text:h, Markdown #)
    "font",  # PDF: recovered from font size and weight
    "toc",  # body line equal to an entry of the table of contents (plain text, PDF)
)

# "label": a short bold or large line the heading heuristics did not take for a heading (a heading
# straight over another of its size, a bold caption): heading-like, so never content.
BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "table_cell", "textbox", "footnote", "caption", "label")
# Kinds whose text can be evidence. Headings, the title and captions never are; neither is a block
# marked as guidance (see GUIDANCE), nor a TOC line (those go to Document.toc, not to blocks).
BODY_KINDS = frozenset(("paragraph", "list_item", "table_cell", "textbox", "footnote"))
# Why a block is template guidance, never content (Block.guidance): the first three are set by the
# readers from the file itself, "instruction" from the rule pack's phrasings (see checks `guidance`).
GUIDANCE = {
    "placeholder": "platshållartext i en innehållskontroll",
    "hidden": "dold text",
    "style": "stycke i en instruktionsformatmall",
    "instruction": "instruktion från mallen",
}


class Block(Value):
    """One piece of text in reading order, with the section it belongs to."""

    __slots__ = ("kind", "text", "index", "section", "level", "source", "location", "line", "table", "anchor", "style",
                 "guidance")

    def __init__(
        self,
        kind: str,
        text: str,
        index: int,  # 1-based position among the document's blocks
        section: tuple[str, ...] = (),  # heading ancestry; a heading's path includes itself
        level: int | None = None,  # heading level, 1 = top
        source: str | None = None,  # HEADING_SOURCES entry for headings
        location: str = "",  # human location in the format's own terms ("stycke 12", "sida 3")
        line: int = 1,  # 1-based line for SARIF regions (paragraph, page or line number)
        table: tuple[int, int, int] | None = None,  # (table, row, column) for table cells, 0-based
        anchor: int | None = None,  # where the block sits in the file, for writing comments back (DOCX:
        # position of its first w:p in body.iter(w:p); footnotes: that of the referring block)
        style: str = "",  # paragraph style name as the file gives it ("Hjälptext"), when the format has styles
        guidance: str = "",  # a GUIDANCE key when the block is template guidance; "" for the author's text
    ):
        self.kind = kind
        self.text = text
        self.index = index
        self.section = section
        self.level = level
        self.source = source
        self.location = location
        self.line = line
        self.table = table
        self.anchor = anchor
        self.style = style
        self.guidance = guidance

    @property
    def is_body(self) -> bool:
        """Body text the author wrote: the only text that counts as evidence."""
        return self.kind in BODY_KINDS and not self.guidance

    @property
    def section_label(self) -> str:
        return " > ".join(self.section)


class TocEntry(Value):
    """A line of the table of contents: what the document promises, never a section itself."""

    __slots__ = ("text", "page", "level")

    def __init__(self, text: str, page: str = "", level: int | None = None):
        self.text = text
        self.page = page
        self.level = level


class Markup(Value):
    """Review leftovers in the file: comments, unaccepted changes, highlighting."""

    __slots__ = ("kind", "text", "block", "author")

    def __init__(
        self,
        kind: str,  # "comment" | "insertion" | "deletion" | "highlight"
        text: str,
        block: int | None = None,  # index of the block it sits in, when known
        author: str = "",
    ):
        self.kind = kind
        self.text = text
        self.block = block
        self.author = author


class Document(Value):
    """A report as every reader produces it: blocks in reading order, contents, review leftovers."""

    __slots__ = ("path", "format", "blocks", "toc", "markup", "warnings", "core_title", "headings", "title")

    def __init__(
        self,
        path: Path,
        format: str,
        blocks: list[Block] | None = None,  # each None: a new empty list
        toc: list[TocEntry] | None = None,
        markup: list[Markup] | None = None,
        warnings: list[str] | None = None,
        core_title: str = "",  # document property "title", when the file has one
        headings: list[Block] | None = None,  # the heading blocks; None: found in `blocks` (`find_views`)
        title: str | None = None,  # the report's title; None: likewise
    ):
        self.path = path
        self.format = format
        self.core_title = core_title
        self.blocks = [] if blocks is None else blocks
        self.toc = [] if toc is None else toc
        self.markup = [] if markup is None else markup
        self.warnings = [] if warnings is None else warnings
        self.headings, self.title = headings, title
        if headings is None or title is None:
            self.find_views()

    def find_views(self) -> None:
        """Find `headings` and `title` in the blocks: when the document is made and again when its
        reader has read all blocks (`Builder.finish`), not at every use."""
        self.headings = [b for b in self.blocks if b.kind == "heading"]
        self.title = self._find_title()

    @property
    def front_matter(self) -> list[Block]:
        """Blocks before the first heading: title page, nämnd, year."""
        out = []
        for block in self.blocks:
            if block.kind == "heading":
                break
            out.append(block)
        return out

    def _find_title(self) -> str:
        """The report's title: a Title-styled block, else the first front-matter line."""
        titles = [b.text for b in self.blocks if b.kind == "title"]
        if titles:
            return " ".join(titles)
        front = [b.text for b in self.front_matter if b.kind in ("paragraph", "label")]
        if front:
            return front[0]
        heads = self.headings
        return heads[0].text if heads else self.core_title

    @property
    def front_text(self) -> str:
        """Title and title page, where the kind of report and its year are stated."""
        return " ".join([self.title, *(b.text for b in self.front_matter[:12])])


# A paragraph of at most this many words with no sentence end is a label: a heading written as plain
# text or a reference line, never a description (a typed bullet "• Bedöma …," is a list item).
LABEL_WORDS = 10
_SENTENCE_END = ".!?:;,…"
_TYPED_ITEM = re.compile(r"\s*(?:[•\-–*·▪◦]|\d+[.)]\s)")


def is_label(text: str) -> bool:
    """A short line with no sentence in it: a heading written as plain text or a reference line."""
    words = text.split()
    return 0 < len(words) <= LABEL_WORDS and words[-1][-1] not in _SENTENCE_END and not _TYPED_ITEM.match(text)
