"""Check type `controls`: invisible control characters (bidi overrides and the like) in the text."""

from __future__ import annotations

from ..controls import INVISIBLE, name, visible
from .context import Context
from ..verdicts import Problem, Verdict


def evaluate(check, ctx: Context) -> Verdict:
    problems = []
    # One search over all the text ("\n" is none of the characters), block by block only where there are some.
    for block in ctx.blocks if INVISIBLE.search("\n".join([b.text for b in ctx.blocks])) else ():
        found = dict.fromkeys(INVISIBLE.findall(block.text))
        if found:
            listed = ", ".join(f"{visible(c)} ({name(c)})" for c in found)
            problems.append(Problem(block, block.text, f"Dolda tecken: {listed}."))
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return ["Osynliga styrtecken i texten: riktningsändringar (som U+202E) och andra tecken som inte syns."]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from ..schema import Strict

    class ControlsCheck(Strict):
        """Text with characters that change how it is shown, or hide in it, is not ready to publish."""

        type: Literal["controls"]

    return ControlsCheck
