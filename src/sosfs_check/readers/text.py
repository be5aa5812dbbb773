"""Read a plain-text report into a `Document`; locations are line numbers.

Blank lines separate paragraphs; "- " and "• " start list items. A line on its own is
a heading when it has a typed number ("4.2 Riskanalys") or repeats an entry of a typed table of
contents ("Riskanalys.....7" after "Innehållsförteckning"). Without either, the text is still
checked, with a warning that sections cannot be told.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .common import Builder, TocIndex, TypedToc, heuristic_headings, join_lines, number_level, read_text_file, short

BULLET = re.compile(r"\s*[-–*•·▪◦]\s+")
NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s+")  # its own paragraph: a list line, or a heading "1. Inledning"


def read_text(path: Path) -> Document:
    text = read_text_file(path)
    document = Document(path=path, format="text")
    out = Builder(document, "rad")
    toc = TypedToc(document.toc)
    single: list[int] = []  # indexes of one-line paragraphs: the heading candidates
    current: list[str] = []
    start, kind = 0, "paragraph"

    def flush():
        if current:
            body = join_lines(current)
            block = out.add(kind, BULLET.sub("", body, count=1) if kind == "list_item" else body, line=start)
            if kind == "paragraph" and len(current) == 1:
                single.append(block.index)
            current.clear()

    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or toc.take(line):
            flush()
            continue
        if BULLET.match(line) or NUMBERED.match(line) or not current:
            flush()
            start, kind = number, "list_item" if BULLET.match(line) else "paragraph"
        current.append(line)
    flush()
    if not document.blocks:
        raise InputError(path, "innehåller ingen text att granska")
    blocks = document.blocks
    heuristic_headings(blocks, {i: (False, 0.0) for i in single if short(blocks[i - 1].text)}, 1.0)
    index = TocIndex(document.toc)
    for i in single:
        block = blocks[i - 1]
        if block.kind == "paragraph" and (entry := index.find(block.text)):
            block.kind, block.level, block.source = "heading", entry.level or number_level(block.text) or 1, "toc"
    return out.finish()
