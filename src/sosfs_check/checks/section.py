"""Check type `section`: a section with a heading and real content."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..schema import Strict
from .context import Context, Verdict, failed, quoted


class SectionCheck(Strict):
    """A section with one of these headings and real content; body phrases count as partial evidence."""

    type: Literal["section"]
    headings: list[str] = Field(min_length=1)
    phrases: list[str] = []
    min_words: int = Field(default=15, ge=0)


def evaluate(check, ctx: Context) -> Verdict:
    heads = ctx.headings_matching(check.headings)
    for head in heads:
        if ctx.section_words(head) >= check.min_words:
            return Verdict(True, evidence=[head])
    if heads:
        head = heads[0]
        return failed(heads, head, head.text, f"Rubriken ”{head.text}” finns men avsnittet har nästan inget innehåll.")
    hits = ctx.blocks_at(ctx.index.find_any(check.headings + check.phrases))
    if not ctx.document.headings:
        words = sum(len(b.text.split()) for b in hits)
        if hits and words >= check.min_words:
            return Verdict(True, evidence=hits)
    if hits:
        return failed(hits, hits[0], hits[0].text, "Området nämns men har inget eget avsnitt.")
    return failed()


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [
        f"Ett avsnitt med en rubrik som {quoted(check.headings)} och minst {check.min_words} ord text.",
        "Ord böjs och sätts ihop (”avvikelse” täcker ”avvikelser” och ”avvikelsehantering”).",
        *([f"Utan eget avsnitt räknas {quoted(check.phrases)} i texten som delvis belägg."] if check.phrases else []),
    ]


MODEL = SectionCheck
