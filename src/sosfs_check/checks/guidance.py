"""Check type `guidance`: template guidance left in the draft, one finding per section.

Guidance is what a template tells the author and the author never wrote: Word placeholder content
controls and hidden text (marked by the readers), paragraphs in an instruction style, and
instruction sentences ("Beskriv …", "Redogör för …"). The check's `sentences` and `styles` are the
pack's phrasings: the Context marks guidance with them before any rule runs, so that no check
counts guidance as content (see Context._guidance).
"""

from __future__ import annotations

from ..document import GUIDANCE
from .context import Context
from ..verdicts import Problem, Verdict, quoted

_INLINE = {"placeholder": GUIDANCE["placeholder"], "hidden": GUIDANCE["hidden"]}


def evaluate(check, ctx: Context) -> Verdict:
    """One finding per section holding guidance: where each piece stands, quoting the first."""
    found: dict[str, list[tuple[object, str, str]]] = {}  # section -> (block, kind, text)
    for pos, kind in sorted(ctx.guidance.items()):
        block = ctx.blocks[pos]
        found.setdefault(block.section_label, []).append((block, kind, block.text))
    for mark in ctx.document.markup:
        if mark.kind in _INLINE and mark.block:
            block = ctx.blocks[mark.block - 1]
            found.setdefault(block.section_label, []).append((block, mark.kind, mark.text))
    problems = []
    for pieces in found.values():
        pieces.sort(key=lambda piece: piece[0].index)
        block, kind, text = pieces[0]
        places = ", ".join(dict.fromkeys(b.location for b, _, _ in pieces))
        kinds = ", ".join(dict.fromkeys(GUIDANCE[k] for _, k, _ in pieces))
        count = "1 ställe" if len(pieces) == 1 else f"{len(pieces)} ställen"
        problems.append(Problem(block, text, f"Mallens vägledning kvar i avsnittet på {count} ({kinds}; {places})."))
    problems.sort(key=lambda p: p.where.index)
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    lines = ["Platshållare i innehållskontroller (Words ”Klicka eller tryck här …”) och dold text."]
    if check.styles:
        lines.append(f"Stycken i instruktionsformatmallar: {quoted(check.styles)}.")
    if check.sentences:
        lines.append(f"Instruktioner från mallen, i början av en mening: {quoted(check.sentences)}.")
    lines.append("Vägledning räknas aldrig som innehåll; en brist per avsnitt.")
    return lines


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from ..schema import Regex, Strict

    class GuidanceCheck(Strict):
        """Template guidance: instruction sentences and instruction styles (placeholders and hidden text
        are always guidance)."""

        type: Literal["guidance"]
        sentences: list[Regex] = []  # matched at the start of a sentence, case-insensitively
        styles: list[Regex] = []  # searched in paragraph style names, case-insensitively

    return GuidanceCheck
