"""Renderers read a list of `Result`s and never re-run checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple


class Run(NamedTuple):
    """What the CI formats report about the run itself: the gate and the exit code it gave, and
    where the rule reference is published (`docs-url`; None: not known)."""

    fail_on: str = "error"  # "error" | "warning" | "never"
    exit_code: int = 0
    docs_url: str | None = None


class Parts(NamedTuple):
    """A format that can be written as results arrive: its text for a list of results is `head`,
    each result's `document` text joined by `separator`, then `tail`."""

    head: str
    document: Callable[..., str]
    separator: str = ""
    tail: str = ""

    def join(self, results) -> str:
        return self.head + self.separator.join(map(self.document, results)) + self.tail


def summary(result, w: dict) -> str:
    """'0 fel, 1 varning, 5 info; 2 i baslinjen, 1 undantagen': severities count active findings."""
    from ..i18n import count_phrase

    counts = Counter(f.severity for f in result.findings if f.active)
    known = w["known"].format(
        baselined=sum(f.baselined for f in result.findings),
        suppressed=count_phrase(sum(bool(f.suppressed) for f in result.findings), "suppressed", w),
    )
    return ", ".join(count_phrase(counts[s], s, w) for s in ("error", "warning", "info")) + "; " + known


def obligation(finding, w: dict) -> str:
    """The finding's obligation in words: a legal requirement, advice, practice or publication readiness."""
    return w.get(f"obligation_{finding.obligation}", finding.obligation)


def draft_notice(result, w: dict) -> tuple[str, list[str], list[str]]:
    """(progress line, notices to put above the checklist, sections without text of their own): the
    notices and the list only for an unfinished draft (most sections without text of their own, or
    guidance left in). No progress for a document without headings: there are no sections to count
    (the reader's notice says so)."""
    draft = result.draft
    if draft is None or not draft.sections:
        return "", [], []
    progress = w["draft_progress"].format(filled=draft.filled, sections=draft.sections)
    if draft.referring:
        progress += w["draft_referring"].format(referring=len(draft.referring))
    if not draft.unfinished:
        return progress, [], []
    notices = []
    missing = draft.sections - draft.filled
    if 2 * missing > draft.sections:
        notices.append(w["draft_unfinished"].format(empty=missing, sections=draft.sections))
    if draft.guidance:
        notices.append(w["draft_guidance"].format(guidance=draft.guidance))
    referring = {loc.block for loc in draft.referring}
    unwritten = []
    for loc in draft.unwritten:
        line = f"{loc.excerpt} ({loc.label})" if loc.label else loc.excerpt
        unwritten.append(line + w["draft_reference_only"] if loc.block in referring else line)
    return progress, notices, unwritten
