"""The draft summary: which sections hold text of their own, and how much template guidance is left."""

from __future__ import annotations

from .document import Document
from .result import Draft, Location


def draft_summary(document: Document, body: list[bool], own: list[bool], guidance: int) -> Draft:
    """`body[pos]`: whether the block at that position counts as body text (see Context.body);
    `own[pos]`: whether it is text the report says itself, not only a reference such as "Se
    bilaga 1." or a definition (see Context.own_text). A section is written when such text stands
    under its own heading, before the next heading (a chapter heading over written subsections has
    none of its own); it is `referring` when it has body text but none of its own."""
    empty: list[Location] = []
    referring: list[Location] = []
    head, has_body, written = None, False, False
    for pos, block in enumerate([*document.blocks, None]):
        if block is None or block.kind == "heading":
            if head is not None and not written:
                where = Location(head.section_label, head.index, head.text, head.line, head.location)
                (referring if has_body else empty).append(where)
            head, has_body, written = block, False, False
        else:
            has_body = has_body or body[pos]
            written = written or own[pos]
    return Draft(sections=len(document.headings), empty=empty, referring=referring, guidance=guidance)
