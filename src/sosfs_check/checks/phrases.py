"""Check type `phrases`: groups of terms, each matched within some sections or together in one paragraph."""

from __future__ import annotations

from ..facts import FACT_LABELS
from .context import Context
from ..verdicts import Verdict, failed, quoted, within_words


def _applies(condition, ctx: Context) -> bool:
    if condition.unless_title_page and ctx.title_page_index.find_any(condition.unless_title_page):
        return False
    if not condition.title_page and not condition.text:
        return True  # only `unless_title_page`: every other report
    # What the rule's topics describe shows it as well as its words ("Med regionen har vi en gemensam rutin").
    return bool(ctx.title_page_index.find_any(condition.title_page) or ctx.index.find_any(condition.text)
                or (condition.text and ctx.described(ctx.rule_id)))


def evaluate(check, ctx: Context) -> Verdict:
    if check.applies_if and not _applies(check.applies_if, ctx):
        return Verdict(True, applicable=False)
    if check.zero_figure and (fact := ctx.figure(check.zero_figure)) is not None and fact.value == 0:
        return Verdict(True, evidence=[ctx.blocks[fact.block - 1]] if fact.block else [])
    scope = ctx.scope(check.within)
    if check.within and scope is None:  # no headings to find its sections by: as in a report without them
        scope = frozenset()  # (the engine then looks for a description, descriptions.py)
    sections = scope
    if check.within and ctx.asks_who:  # who is responsible is said once, often in the introduction:
        scope = scope | {s.position for s in ctx.statements.items if s.role}  # a role counts wherever it stands
    # Text in the sections that answer the law's other parts (`apart_from`) is no evidence for this one.
    apart = ctx.other_parts(ctx.rule_id)
    hits = [set(ctx.index.find_any(group, scope)) - apart for group in check.groups]
    if check.title_page:
        hits = [h | set(ctx.title_page_index.find_any(group)) for h, group in zip(hits, check.groups)]
    together = set.intersection(*hits) if check.same_block else set()
    if together or (not check.same_block and all(hits)):
        found = sorted(together) if check.same_block else sorted(min(h) for h in hits)
        return Verdict(True, evidence=ctx.blocks_at(found))
    # Partial evidence: some groups said in the area's own sections. Everything said outside them
    # is shown in the finding but is a mention, not evidence.
    partial = {p for h in hits for p in sorted(h)[:3]}
    elsewhere = [ctx.index.find_any(g)[:3] for g in check.groups] if scope is not None else []
    mentioned = {p for found in elsewhere for p in found} if elsewhere and all(elsewhere) else set()
    evidence = ctx.blocks_at(sorted(partial)) if scope is not None else []
    anchor = (ctx.headings_matching(check.within) if check.within else []) or ctx.blocks_at(sorted(partial | mentioned))
    missing = [g for g, h in zip(check.groups, hits) if not h]
    detail = "Saknas: " + "; ".join(" / ".join(g[:3]) for g in missing) + "."
    if not missing:  # each is said, none in one paragraph: point to the one that says most, and what it lacks
        best = max(sorted(set().union(*hits)), key=lambda p: sum(p in h for h in hits))
        anchor = ctx.blocks_at([best])
        lacking = [g for g, h in zip(check.groups, hits) if best not in h]
        detail = "Uppgifterna står i olika stycken; i stycket med flest av dem saknas " + "; ".join(" / ".join(g[:3]) for g in lacking) + "."
    if sections is not None and not sections:  # what is said elsewhere may be just what the section would hold
        # No section to look in: say what the whole text lacks, or that its words are only mentioned.
        absent = [g for g, found in zip(check.groups, elsewhere) if not found]
        said = "Saknas: " + "; ".join(" / ".join(g[:3]) for g in absent) + ". Inget" if absent else "Orden nämns, men inget"
        detail = f"{said} avsnitt med en rubrik som {quoted(check.within[:3])} hittades."
    return failed(evidence, anchor[0] if anchor else None, anchor[0].text if anchor else "", detail)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    where = " i ett och samma stycke" if check.same_block else ""
    where += within_words(check.within) if check.within or not check.same_block else ""
    zero = [f"Behövs inte när antalet {FACT_LABELS[check.zero_figure]} är noll."] if check.zero_figure else []
    where += ", titelsidan medräknad" if check.title_page else ""
    if check.applies_if:
        shown = check.applies_if.title_page + check.applies_if.text
        unless = check.applies_if.unless_title_page
        if shown:
            where += f" (regeln gäller bara när berättelsen nämner något av {quoted(shown)}"
            where += f", och inte när titelsidan nämner något av {quoted(unless)})" if unless else ")"
        else:
            where += f" (regeln gäller inte när titelsidan nämner något av {quoted(unless)})"
    if len(check.groups) == 1:
        return [f"Något av {quoted(check.groups[0])}{where}.", *zero]
    return [f"Minst ett uttryck ur varje grupp{where}:"] + [f"  {quoted(group)}" for group in check.groups] + zero


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field

    from ..schema import FactKey, Strict

    class AppliesIf(Strict):
        """What shows that a rule applies to the report: a term on the title page or in the body text
        (any report when neither list is given), unless the title page names care or a provider the
        rule is not about."""

        title_page: list[str] = []
        text: list[str] = []
        unless_title_page: list[str] = []  # other care (elevhälsa, tandvård) or a private provider

    class PhrasesCheck(Strict):
        """Every group must be matched by one of its terms: within some sections, or in one paragraph."""

        type: Literal["phrases"]
        groups: list[list[str]] = Field(min_length=1)
        within: list[str] = []
        same_block: bool = False
        # Nothing to describe when the report's figure for this key is zero ("Inga klagomål kom in").
        zero_figure: FactKey | None = None
        # The title page's short lines count too: where a report says who it is by and where it is
        # published ("Vårdgivare: …", "Berättelsen finns på regionens webbplats"), not its content.
        title_page: bool = False
        # The rule applies only to reports that show this (a kommun as vårdgivare for HSL 11 kap. 4 §);
        # for any other report it is not applicable.
        applies_if: AppliesIf | None = None

    return PhrasesCheck
