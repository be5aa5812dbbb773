"""Check type `absence`: sentences where the report itself says the work was not done."""

from __future__ import annotations

import re

from ..facts import FACT_LABELS
from ..regexes import rule_pattern
from .context import Context, sentences_at
from ..verdicts import Verdict, excerpt, failed, within_words


def evaluate(check, ctx: Context) -> Verdict:
    scope = ctx.scope(check.within)
    patterns = [rule_pattern(p, re.IGNORECASE) for p in check.patterns]
    positions = ctx.candidates(patterns)
    if scope is not None:
        positions = [p for p in positions if p in scope]
    for block, sentence in sentences_at(ctx, positions):
        if any(p.search(sentence) for p in patterns):
            # Saying the work was not done is no evidence that the area is described.
            return failed([], block, sentence, f"Berättelsen skriver själv: ”{excerpt(sentence)}”")
    if check.zero_figure and (fact := ctx.figure(check.zero_figure)) is not None and fact.value == 0:
        block = ctx.blocks[fact.block - 1]
        return failed([], block, fact.excerpt, f"Berättelsen skriver själv: ”{excerpt(fact.excerpt)}”")
    return Verdict(True)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [f"Meningar{within_words(check.within)} där berättelsen själv skriver att arbetet inte gjorts, t.ex. "
            f"mönstret `{check.patterns[0]}`.",
            *([f"Eller: berättelsen anger att antalet {FACT_LABELS[check.zero_figure]} är noll (”inga …”, ”ingen …”)."]
              if check.zero_figure else [])]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field

    from ..schema import FactKey, Regex, Strict

    class AbsenceCheck(Strict):
        """Fails when the report itself states that the work was not done."""

        type: Literal["absence"]
        patterns: list[Regex] = Field(min_length=1)
        within: list[str] = []
        # The report's figure for this key is zero ("Ingen särskild riskanalys genomfördes"): the same
        # reading of a stated none as the figures (facts.py).
        zero_figure: FactKey | None = None

    return AbsenceCheck
