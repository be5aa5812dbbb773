"""Renderers read a list of `Result`s and never re-run checks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    """What the CI formats report about the run itself: the gate and the exit code it gave."""

    fail_on: str = "error"  # "error" | "warning" | "never"
    exit_code: int = 0


def summary(result, w: dict) -> str:
    """'0 fel, 1 varning, 5 info; 2 i baslinjen, 1 undantagen': severities count active findings."""
    from ..i18n import count_phrase

    counts = Counter(f.severity for f in result.findings if f.active)
    known = w["known"].format(
        baselined=sum(f.baselined for f in result.findings),
        suppressed=count_phrase(sum(bool(f.suppressed) for f in result.findings), "suppressed", w),
    )
    return ", ".join(count_phrase(counts[s], s, w) for s in ("error", "warning", "info")) + "; " + known
