"""Check type `figure`: a figure (a count) the report must state."""

from __future__ import annotations

from ..facts import FACT_LABELS
from .context import Context
from ..verdicts import Verdict, failed

def evaluate(check, ctx: Context) -> Verdict:
    fact = next((f for f in ctx.facts if f.key == check.key), None)
    if fact is not None:
        return Verdict(True, evidence=[ctx.blocks[fact.block - 1]] if fact.block else [])
    anchor = ctx.headings_matching(check.within)[:1] if check.within else []
    where = anchor[0] if anchor else None
    return failed(anchor, where, where.text if where else "", f"Uppgift som saknas: antal {FACT_LABELS[check.key]}.")


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [f"En uppgift om antal {FACT_LABELS[check.key]}, i text (”12 …”, ”nio …”, ”inga …”) eller i en tabell."]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from ..schema import FactKey, Strict

    class FigureCheck(Strict):
        """The report states a figure (a count), in text or in a table."""

        type: Literal["figure"]
        key: FactKey
        within: list[str] = []  # where a finding points when the figure is missing

    return FigureCheck
