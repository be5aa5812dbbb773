"""Read a Markdown report into a `Document` with markdown-it-py; locations are source lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .common import Builder, TypedToc, collapse, read_text_file

# Pandoc title block ("% Titel") and YAML front matter ("---" ... "---") at the top of the file.
TITLE_BLOCK = re.compile(r"%+[ \t]+(.+)")
FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
FRONT_TITLE = re.compile(r"^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", re.MULTILINE)
# Footnotes as Pandoc and GitHub write them: "text[^1]" and "[^1]: note".
FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


def read_markdown(path: Path) -> Document:
    """Read a .md file: ATX/setext headings, paragraphs, lists, tables, footnotes, a typed TOC."""
    from markdown_it import MarkdownIt

    text = read_text_file(path)
    document = Document(path=path, format="markdown")
    out = Builder(document, "rad")
    lines = text.split("\n")
    if front := FRONT_MATTER.match(text):
        title = FRONT_TITLE.search(front[1])
        document.core_title = title[1] if title else ""
        lines[: front[0].count("\n")] = [""] * front[0].count("\n")  # keep line numbers
    for number, line in enumerate(lines):  # a title block: the first lines starting with %
        if not (m := TITLE_BLOCK.fullmatch(line.strip())):
            break
        out.add("title", collapse(m[1]), line=number + 1)
        lines[number] = ""
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines))
    _Reader(document, out).walk(tokens)
    if not document.blocks or all(b.kind == "title" for b in document.blocks):
        raise InputError(path, "innehåller ingen text att granska")
    return out.finish()


class _Reader:
    def __init__(self, document: Document, out: Builder):
        self.doc = document
        self.out = out
        self.toc = TypedToc(document.toc)
        self.notes: list[tuple[str, str, int]] = []  # (label, text, line) of footnote definitions
        self.refs: dict[str, int] = {}  # footnote label -> block that first refers to it

    def walk(self, tokens) -> None:
        lists = 0  # depth of the list being read
        table, row, col, tables = None, 0, 0, 0
        for i, token in enumerate(tokens):
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists -= 1
            elif kind == "table_open":
                table, row, tables = tables, -1, tables + 1
            elif kind == "table_close":
                table = None
            elif kind == "tr_open":
                row, col = row + 1, 0
            elif kind in ("th_close", "td_close"):
                col += 1
            elif kind == "inline":
                line = token.map[0] + 1 if token.map else 1
                opener = tokens[i - 1].type
                if opener == "heading_open":
                    self.add("heading", token, line, level=int(tokens[i - 1].tag[1]), source="markup")
                elif table is not None:
                    self.add("table_cell", token, line, table=(table, row, col))
                else:
                    self.paragraph(token, line, "list_item" if lists else "paragraph", lists)
            elif kind in ("fence", "code_block") and token.content.strip():
                self.out.add("paragraph", collapse(token.content), line=token.map[0] + 1)
        for number, (label, text, line) in enumerate(self.notes, 1):
            block = self.out.add("footnote", text, line=line, location=f"rad {line}, fotnot {number}")
            self.out.note_refs[block.index] = self.refs.get(label)

    def paragraph(self, token, line: int, kind: str, depth: int) -> None:
        """A paragraph or list item; TOC lines ("Riskanalys.....7") and footnote definitions are taken out."""
        raw = _plain(token)
        if (note := FOOTNOTE.match(raw)) and kind == "paragraph":
            self.notes.append((note[1], collapse(FOOTNOTE_REF.sub("", raw[note.end():])), line))
            return
        rest = [text for text in raw.split("\n") if not self.toc.take(text, depth or None)]
        if rest:
            self.add(kind, None, line, text="\n".join(rest))

    def add(self, kind, token, line, text=None, **fields) -> None:
        raw = _plain(token) if text is None else text
        plain = collapse(FOOTNOTE_REF.sub("", raw))
        if plain:
            block = self.out.add(kind, plain, line=line, **fields)
            for label in FOOTNOTE_REF.findall(raw):
                self.refs.setdefault(label, block.index)


def _plain(token) -> str:
    """The text of an inline token: markup dropped, line breaks kept as newlines."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)
