"""The draft summary: which sections hold body text, and how much template guidance is left."""

from __future__ import annotations

from .document import Document
from .result import Draft, Location


def draft_summary(document: Document, body: list[bool], guidance: int) -> Draft:
    """`body[pos]`: whether the block at that position counts as body text (see Context.is_body);
    a section is empty when neither it nor its subsections hold any."""
    blocks = document.blocks
    empty: list[Location] = []
    open_heads: list[tuple[int, bool]] = []  # (position, has body text) of the enclosing headings

    def close(level: int) -> None:
        while open_heads and (blocks[open_heads[-1][0]].level or 1) >= level:
            pos, filled = open_heads.pop()
            if not filled:
                head = blocks[pos]
                empty.append(Location(head.section_label, head.index, head.text, head.line, head.location))

    for pos, block in enumerate(blocks):
        if block.kind == "heading":
            close(block.level or 1)
            open_heads.append((pos, False))
        elif body[pos] and open_heads:
            open_heads[:] = [(p, True) for p, _ in open_heads]
    close(0)
    empty.sort(key=lambda loc: loc.block or 0)
    return Draft(sections=len(document.headings), empty=empty, guidance=guidance)
