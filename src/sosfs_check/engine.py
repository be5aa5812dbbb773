"""Document + RuleSet + profile -> Result: run the checks, build findings and the checklist."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from . import dates
from .checks import Context, evaluate as evaluate_check
from .verdicts import Problem, Verdict, excerpt
from .document import Document
from .draft import draft_summary
from .errors import NotAReportError
from .result import AreaStatus, Finding, Location, Outcome, PackRef, Result
from .ruleset import RuleSet

if TYPE_CHECKING:  # validated models or their records from the rule cache: the same fields
    from .lawdata import ProfileSpec
    from .rules import Rule

def detect_profile(document: Document, profiles: dict[str, ProfileSpec]) -> str | None:
    """Profile from the title page; failing that, from what the body calls itself most.

    A combined report names itself so, or names each of the kinds it combines; in the body, it
    names them equally often."""
    names = {name: re.compile(spec.names, re.IGNORECASE) for name, spec in profiles.items()}
    combined = next((name for name, spec in profiles.items() if spec.combines), None)
    kinds = profiles[combined].combines if combined else list(profiles)
    front = document.front_text
    if combined and (names[combined].search(front) or all(names[k].search(front) for k in kinds)):
        return combined
    for kind in kinds:
        if names[kind].search(front):
            return kind
    body = " ".join(b.text for b in document.blocks)
    counts = {kind: len(names[kind].findall(body)) for kind in kinds}
    if combined and (names[combined].search(body) or (min(counts.values()) and len(set(counts.values())) == 1)):
        return combined
    most = max(kinds, key=counts.__getitem__)
    return most if counts[most] else None


def _location(block) -> Location:
    if block is None:
        return Location()
    return Location(
        section=block.section_label,
        block=block.index,
        excerpt=excerpt(block.text),
        line=block.line,
        label=block.location,
    )


def _finding(rule: Rule, problem: Problem, title_block, profile: str, as_of: date) -> Finding:
    location = _location(problem.where or title_block)
    if problem.quote:
        location.excerpt = excerpt(problem.quote)
    if problem.where is None:
        location.section = location.label = ""
    message = rule.message.strip()
    if problem.detail:
        message = f"{message} {problem.detail}"
    return Finding(
        rule_id=rule.id,
        area=rule.area,
        severity=problem.severity or rule.severity_for(profile),
        message=message,
        fix=rule.fix.strip(),
        legal_basis=[b.cite for b in rule.bases_in_force(as_of)] or list(rule.legal_basis),
        location=location,
        verified=rule.verified,
        obligation=rule.obligation,
        raised_from=rule.raised_from or "",
    )


def judge(outcomes: list[Outcome], document: Document) -> tuple[str, str]:
    """(status, section with most evidence) of a group of rules, as a SAS sets it.

    An outcome's evidence is body text only (never a heading, contents line, guidance or the title
    page): that of a passing rule, or the rule's own section when it holds substantive body text but
    the rule fails.
    `uppfyllt`: every applicable rule passes and the area is described in body text; `delvis`: some
    evidence; `ej_uppfyllt`: none (rules that only look for faults, such as stale references,
    pass on an empty draft and prove nothing); `ej_tillampligt`: no rule applies."""
    mine = [o for o in outcomes if o.outcome != "not_applicable"]
    evidence = [i for o in mine for i in o.evidence]
    if not mine:
        status = "ej_tillampligt"
    elif all(o.outcome == "pass" for o in mine) and any(o.evidence for o in mine):
        status = "uppfyllt"
    elif evidence:
        status = "delvis"
    else:
        status = "ej_uppfyllt"
    blocks = document.blocks
    # Each rule votes once, with the section of its first piece of evidence.
    firsts = [o.evidence[0] for o in mine if o.evidence]
    sections = [blocks[i - 1].section_label for i in firsts if 0 < i <= len(blocks) and blocks[i - 1].section]
    return status, Counter(sections).most_common(1)[0][0] if sections else ""


def checklist(outcomes: list[Outcome], document: Document, areas: dict[str, str]) -> list[AreaStatus]:
    """Status per area (see `judge`), in the checklist's order."""
    statuses = []
    for area, title in areas.items():
        mine = [o for o in outcomes if o.area == area]
        status, section = judge(mine, document)
        rules = [o.rule_id for o in mine if o.outcome != "not_applicable"]
        statuses.append(AreaStatus(area=area, title=title, status=status, rules=rules, evidence_section=section))
    return statuses


def evaluate(
    document: Document,
    rules: RuleSet,
    profile: str | None = None,
    as_of: date | None = None,
) -> Result:
    """Run every rule of the profile in force on `as_of`; `profile=None` means detect it.

    Without `as_of` the law is that of the day the report was drawn up, else of 1 March after the year
    it reports on, else of today (`dates.law_date`); the result says which day and why."""
    source = "option" if profile else "auto"
    profile = profile or detect_profile(document, rules.law.profiles)
    if profile is None:
        raise NotAReportError(
            document.path,
            "kan inte avgöra om dokumentet är en patientsäkerhetsberättelse, en kvalitetsberättelse "
            "eller båda; titeln nämner ingen av dem. Ange --profile.",
        )
    rules.check_profile(profile)
    ctx = Context(
        document,
        as_of or date.today(),
        rules.adoption,
        rules.texts.values(),
        guidance=[r.check for r in rules.rules if r.check.type == "guidance"],
        vocabulary=rules.vocabulary,
        sections=[(r.area, r.check.headings) for r in rules.rules if r.check.type == "section"],
    )
    if as_of is None:
        ctx.as_of, reason = dates.law_date(ctx.dating, ctx.period_year, date.today())
        ctx.own_date = True
    else:
        reason = "option"
    title_block = (document.front_matter or document.blocks or [None])[0]
    outcomes: list[Outcome] = []
    findings: list[Finding] = []
    for rule in rules.rules:
        if profile not in rule.profiles or not rule.applies_to(ctx.as_of, ctx.year):
            outcomes.append(
                Outcome(rule.id, rule.area, "not_applicable", rule.severity_for(profile), title=rule.title)
            )
            continue
        ctx.area = rule.area
        ctx.ask(rule.id)
        verdict = evaluate_check(rule.check, ctx)
        if not verdict.applicable:
            outcomes.append(Outcome(rule.id, rule.area, "not_applicable", rule.severity_for(profile), title=rule.title))
            continue
        if not verdict.passed and not verdict.empty_section and (described := ctx.described(rule.id)):
            verdict = Verdict(True, evidence=described)  # described in body text outside its own section
        outcomes.append(
            Outcome(
                rule.id,
                rule.area,
                "pass" if verdict.passed else "fail",
                rule.severity_for(profile),
                evidence=[b.index for b in verdict.evidence if ctx.is_evidence(b)],
                title=rule.title,
            )
        )
        if not verdict.passed:
            findings.extend(_finding(rule, p, title_block, profile, ctx.as_of) for p in verdict.problems or [Problem()])
    return Result(
        document=document,
        packs=tuple(PackRef(p.name, p.version) for p in rules.packs),
        profile=profile,
        profile_title=rules.profiles[profile],
        profile_source=source,
        report_year=ctx.report_year,
        period_year=ctx.period_year,
        facts=ctx.facts,
        checklist=checklist(outcomes, document, rules.areas),
        outcomes=outcomes,
        findings=findings,
        draft=draft_summary(document, ctx.body, ctx.own_text, ctx.guidance_count),
        as_of=ctx.as_of,
        as_of_reason=reason,
    )
