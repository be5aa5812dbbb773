"""Check type `period_text`: the body speaks mostly of the period year, not of an earlier one."""

from __future__ import annotations

from ..dates import WHOLE_YEAR
from .context import Context
from ..verdicts import Verdict, excerpt, failed


def _times(n: int) -> str:
    return f"{n} gång" if n == 1 else f"{n} gånger"


def _unfinished_year(ctx: Context) -> Verdict | None:
    """A failed verdict when the text reports on a whole year that had not ended on the day the
    report says it was drawn up ("Under 2025 rapporterades …", upprättad 2025-02-14): the date, or
    the report, is copied from the year before."""
    if ctx.dating.drawn_up is None:
        return None
    day, block = ctx.dating.drawn_up
    for statement in ctx.statements.items:
        years = [int(y) for y in WHOLE_YEAR.findall(statement.text)] if not statement.plan else []
        if any(year >= day.year for year in years):
            return failed(
                [], block, block.text,
                f"Texten redovisar {max(years)} (”{excerpt(statement.text, 80)}”) men berättelsen är upprättad "
                f"{day.isoformat()}, innan året var slut – är datumet eller texten kopierad från förra årets berättelse?",
            )
    return None


def evaluate(check, ctx: Context) -> Verdict:
    if unfinished := _unfinished_year(ctx):
        return unfinished
    counts = ctx.period_counts
    period = ctx.period_year
    if period is None or sum(counts.values()) < check.min_mentions:
        return Verdict(True)
    other, n = max(((y, c) for y, c in counts.items() if y != period), key=lambda p: p[1], default=(None, 0))
    if other is not None and other < period and n > counts[period]:
        return failed(
            detail=f"Texten talar oftare om {other} ({_times(n)}) än om {period} ({_times(counts[period])}) – "
            "är delar kopierade från en tidigare berättelse?"
        )
    return Verdict(True)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [f"Att texten (med minst {check.min_mentions} årtal som ”under 2025”, ”våren 2025” eller ”i oktober 2025”) "
            "oftare talar om berättelsens år än om ett tidigare år.",
            "Att texten inte redovisar ett helt år (”under 2025”) som inte var slut när berättelsen upprättades."]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field

    from ..schema import Strict

    class PeriodTextCheck(Strict):
        """The body speaks mostly of the period year, not of an earlier one (copied text)."""

        type: Literal["period_text"]
        min_mentions: int = Field(default=4, ge=1)

    return PeriodTextCheck
