"""Check type `figure`: a figure (a count) the report must state."""

from __future__ import annotations

from ..facts import FACT_LABELS
from .context import Context
from ..verdicts import Verdict, excerpt, failed

_TOLD = 3  # sentences quoted when a figure cannot be counted


def evaluate(check, ctx: Context) -> Verdict:
    fact = next((f for f in ctx.facts if f.key == check.key), None)
    if fact is not None:
        return Verdict(True, evidence=[ctx.blocks[fact.block - 1]] if fact.block else [])
    if unclear := ctx.figures.unclear.get(check.key):
        return _unclear(check.key, unclear, ctx)
    anchor = ctx.headings_matching(check.within)[:1] if check.within else []
    where = anchor[0] if anchor else None
    return failed(anchor, where, where.text if where else "", f"Uppgift som saknas: antal {FACT_LABELS[check.key]}.")


def _unclear(key: str, unclear, ctx: Context) -> Verdict:
    """The figure the text does not let be counted (`figureevents.Unclear`), in its own words."""
    first = unclear.stated or unclear.told[0]
    where = ctx.blocks[first.block - 1]
    quotes = ", ".join(f"”{excerpt(t.excerpt, 80)}”" for t in unclear.told[:_TOLD])
    if unclear.stated is not None:
        said = (f"berättelsen anger {unclear.stated.value} (”{excerpt(unclear.stated.excerpt, 80)}”) men berättar om "
                f"{len(unclear.told)} var för sig ({quotes}).")
    elif unclear.repeated:
        said = (f"berättelsen berättar om {len(unclear.told)} händelser var för sig ({quotes}) men säger inte om det är "
                "olika händelser eller samma händelse som berättas igen.")
    else:
        said = f"berättelsen nämner dem ({quotes}) men anger inte hur många de är."
    return failed([], where, where.text, f"Antalet {FACT_LABELS[key]} framgår inte: {said}")


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
