"""Check type `toc`: headings the table of contents promises exist in the body, and the reverse."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz, process

from ..document import Block
from ..schema import Strict
from ..vocabulary import heading_key
from .context import Context, Problem, Verdict


class TocCheck(Strict):
    """Headings the table of contents promises exist in the body, and the reverse."""

    type: Literal["toc"]
    min_ratio: int = Field(default=88, ge=50, le=100)


def evaluate(check, ctx: Context) -> Verdict:
    entries = [heading_key(e.text) for e in ctx.document.toc]
    if not entries:
        return Verdict(True)
    headings = [(h, heading_key(h.text)) for h in ctx.document.headings]

    names = [n for _, n in headings]

    def found(text: str) -> Block | None:
        """The first heading similar enough to the entry."""
        hits = process.extract(text, names, scorer=fuzz.ratio, score_cutoff=check.min_ratio, limit=None)
        return headings[min(i for _, _, i in hits)][0] if hits else None

    problems, matched = [], set()
    for i, raw in enumerate(ctx.document.toc):
        # An entry may have wrapped: its second line starts in lower case ("och kvalitet").
        toc_lines = ctx.document.toc
        wrapped = [f"{entries[i - 1]} {entries[i]}"] if i and raw.text[:1].islower() else []
        if i + 1 < len(entries) and toc_lines[i + 1].text[:1].islower():
            wrapped.append(f"{entries[i]} {entries[i + 1]}")
        head = next(filter(None, map(found, [entries[i], *wrapped])), None)
        if head is not None:
            matched.add(head.index)
        else:
            problems.append(Problem(None, raw.text, f"Innehållsförteckningen lovar ”{raw.text}”, men avsnittet finns inte i texten."))
    top = min((h.level or 1 for h in ctx.document.headings if h.index in matched), default=1)
    for head, _ in headings:
        if (head.level or 1) == top and head.index not in matched:
            problems.append(Problem(head, head.text, f"Rubriken ”{head.text}” saknas i innehållsförteckningen.", "info"))
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [f"Att varje post i innehållsförteckningen har en rubrik i texten (minst {check.min_ratio} % lika) "
            "och att huvudrubrikerna finns i förteckningen."]


MODEL = TocCheck
