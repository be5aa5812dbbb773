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
    if told := ctx.figures.unclear.get(check.key):
        where = ctx.blocks[told[0].block - 1]
        quotes = ", ".join(f"”{excerpt(t.excerpt, 80)}”" for t in told[:_TOLD])
        return failed([], where, where.text, f"Antalet {FACT_LABELS[check.key]} framgår inte: berättelsen nämner dem ({quotes}) "
                      "men anger inte hur många de är.")
    anchor = ctx.headings_matching(check.within)[:1] if check.within else []
    where = anchor[0] if anchor else None
    return failed(anchor, where, where.text if where else "", f"Uppgift som saknas: antal {FACT_LABELS[check.key]}.")


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [f"En uppgift om antal {FACT_LABELS[check.key]}, i text (”12 …”, ”nio …”, ”inga …”) eller i en tabell."]
