"""The draft summary: which sections hold body text, and how much template guidance is left."""

from __future__ import annotations

from .document import Document
from .result import Draft, Location


def draft_summary(document: Document, body: list[bool], guidance: int) -> Draft:
    """`body[pos]`: whether the block at that position counts as body text (see Context.body).
    A section is written when body text stands under its own heading, before the next heading
    (a chapter heading over written subsections has none of its own)."""
    empty: list[Location] = []
    head, written = None, False
    for pos, block in enumerate([*document.blocks, None]):
        if block is None or block.kind == "heading":
            if head is not None and not written:
                empty.append(Location(head.section_label, head.index, head.text, head.line, head.location))
            head, written = block, False
        elif body[pos]:
            written = True
    return Draft(sections=len(document.headings), empty=empty, guidance=guidance)
