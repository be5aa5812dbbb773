"""Check type `period_text`: the body speaks mostly of the period year, not of an earlier one."""

from __future__ import annotations

from .context import Context, Verdict, failed


def evaluate(check, ctx: Context) -> Verdict:
    counts = ctx.period_counts
    period = ctx.period_year
    if period is None or sum(counts.values()) < check.min_mentions:
        return Verdict(True)
    other, n = max(((y, c) for y, c in counts.items() if y != period), key=lambda p: p[1], default=(None, 0))
    if other is not None and other < period and n > counts[period]:
        return failed(
            detail=f"Texten talar oftare om {other} ({n} gånger) än om {period} ({counts[period]} gånger) – "
            "är delar kopierade från en tidigare berättelse?"
        )
    return Verdict(True)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [f"Att texten (med minst {check.min_mentions} årtal som ”under 2025”) oftare talar om berättelsens år "
            "än om ett tidigare år."]
