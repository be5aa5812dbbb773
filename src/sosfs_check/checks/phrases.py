"""Check type `phrases`: groups of terms, each matched within some sections or together in one paragraph."""

from __future__ import annotations

from .context import Context, Verdict, failed, quoted, within_words


def evaluate(check, ctx: Context) -> Verdict:
    scope = ctx.scope(check.within)
    hits = [set(ctx.index.find_any(group, scope)) for group in check.groups]
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
    detail = "Saknas: " + "; ".join(" / ".join(g[:3]) for g in missing) + "." if missing else (
        "Uppgifterna står inte tillsammans i samma stycke."
    )
    return failed(evidence, anchor[0] if anchor else None, anchor[0].text if anchor else "", detail)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    where = " i ett och samma stycke" if check.same_block else ""
    where += within_words(check.within) if check.within or not check.same_block else ""
    if len(check.groups) == 1:
        return [f"Något av {quoted(check.groups[0])}{where}."]
    return [f"Minst ett uttryck ur varje grupp{where}:"] + [f"  {quoted(group)}" for group in check.groups]
