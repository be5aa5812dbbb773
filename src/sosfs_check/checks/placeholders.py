"""Check type `placeholders`: template leftovers and review marks that must not be published."""

from __future__ import annotations

from ..regexes import rule_pattern
from .context import Context
from ..verdicts import Problem, Verdict, excerpt

_MARKUP_WORDS = {
    "comment": "öppen kommentar",
    "insertion": "ej godkänd spårad ändring (infogning)",
    "deletion": "ej godkänd spårad ändring (borttagning)",
    "highlight": "färgmarkerad text",
}
_MARKUP = {"comment": "kommentarer", "insertion": "spårade infogningar", "deletion": "spårade borttagningar",
           "highlight": "färgmarkeringar"}  # fmt: skip


def evaluate(check, ctx: Context) -> Verdict:
    problems = []
    patterns = [rule_pattern(p) for p in check.patterns]
    for pos in ctx.candidates(patterns):
        if pos in ctx.guidance:
            continue  # reported, with its section, by the `guidance` check
        block = ctx.blocks[pos]
        for pattern in patterns:
            if match := pattern.search(block.text):
                problems.append(Problem(block, block.text, f"Platshållare kvar: ”{match.group(0).strip()}”."))
    for mark in ctx.document.markup:
        if mark.kind in check.markup:
            where = ctx.blocks[mark.block - 1] if mark.block else None
            problems.append(Problem(where, mark.text, f"{_MARKUP_WORDS[mark.kind].capitalize()}: ”{excerpt(mark.text, 80)}”."))
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    lines = [f"Mallrester som `{p}`." for p in check.patterns]
    if check.markup:
        lines.append(f"Granskningsspår: {', '.join(_MARKUP[m] for m in check.markup)}.")
    return lines


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from ..schema import Regex, Strict

    class PlaceholdersCheck(Strict):
        """Template leftovers and review marks that must not be published."""

        type: Literal["placeholders"]
        patterns: list[Regex] = []
        markup: list[Literal["comment", "insertion", "deletion", "highlight"]] = []

    return PlaceholdersCheck
