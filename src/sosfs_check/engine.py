"""Document + RuleSet + profile -> Result: run the checks, build findings and the checklist."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .checks import Context, Problem, evaluate as evaluate_check
from .checks.context import excerpt
from .document import Document
from .errors import NotAReportError
from .result import AreaStatus, Finding, Location, Outcome, Result
from .profiles import profile_name
from .rules import AREAS, Rule, RuleSet

_COMBINED = re.compile(r"patientsäkerhets-?\s+och\s+kvalitetsberättelse", re.IGNORECASE)
_PSB = re.compile(r"patientsäkerhetsberättelse", re.IGNORECASE)
_KB = re.compile(r"kvalitetsberättelse", re.IGNORECASE)


def detect_profile(document: Document) -> str | None:
    """Profile from the title page; failing that, from what the body calls itself most."""
    front = document.front_text
    if _COMBINED.search(front) or (_PSB.search(front) and _KB.search(front)):
        return "kombinerad"
    if _PSB.search(front):
        return "patientsakerhetsberattelse"
    if _KB.search(front):
        return "kvalitetsberattelse"
    body = " ".join(b.text for b in document.blocks)
    psb, kb = len(_PSB.findall(body)), len(_KB.findall(body))
    if _COMBINED.search(body) or (psb and psb == kb):
        return "kombinerad"
    if psb or kb:
        return "patientsakerhetsberattelse" if psb > kb else "kvalitetsberattelse"
    return None


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


def _finding(rule: Rule, problem: Problem, title_block) -> Finding:
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
        severity=problem.severity or rule.severity,
        message=message,
        fix=rule.fix.strip(),
        legal_basis=list(rule.legal_basis),
        location=location,
        verified=rule.verified,
    )


def judge(outcomes: list[Outcome], document: Document) -> tuple[str, str]:
    """(status, section with most evidence) of a group of rules: uppfyllt only if every
    applicable rule passes, delvis with some evidence, ej_tillampligt when none applies."""
    mine = [o for o in outcomes if o.outcome != "not_applicable"]
    evidence = [i for o in mine for i in o.evidence]
    if not mine:
        status = "ej_tillampligt"
    elif all(o.outcome == "pass" for o in mine):
        status = "uppfyllt"
    elif evidence:
        status = "delvis"
    else:
        status = "ej_uppfyllt"
    blocks = document.blocks
    sections = [blocks[i - 1].section_label for i in evidence if 0 < i <= len(blocks) and blocks[i - 1].section]
    return status, Counter(sections).most_common(1)[0][0] if sections else ""


def checklist(outcomes: list[Outcome], document: Document) -> list[AreaStatus]:
    """Status per area (see `judge`)."""
    statuses = []
    for area, title in AREAS.items():
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
    """Run every rule of the profile; `profile=None` means detect it (None if undetectable)."""
    source = "option" if profile else "auto"
    profile = profile or detect_profile(document)
    if profile is None:
        raise NotAReportError(
            document.path,
            "kan inte avgöra om dokumentet är en patientsäkerhetsberättelse, en kvalitetsberättelse "
            "eller båda; titeln nämner ingen av dem. Ange --profile.",
        )
    profile = profile_name(profile)
    ctx = Context(document, as_of or date.today())
    title_block = (document.front_matter or document.blocks or [None])[0]
    outcomes: list[Outcome] = []
    findings: list[Finding] = []
    for rule in rules.rules:
        if profile not in rule.profiles:
            outcomes.append(Outcome(rule.id, rule.area, "not_applicable", rule.severity))
            continue
        verdict = evaluate_check(rule.check, ctx)
        outcomes.append(
            Outcome(
                rule.id,
                rule.area,
                "pass" if verdict.passed else "fail",
                rule.severity,
                evidence=[b.index for b in verdict.evidence],
            )
        )
        if not verdict.passed:
            findings.extend(_finding(rule, p, title_block) for p in verdict.problems or [Problem()])
    return Result(
        document=document,
        rules=rules,
        profile=profile,
        profile_source=source,
        report_year=ctx.report_year,
        period_year=ctx.period_year,
        facts=ctx.facts,
        checklist=checklist(outcomes, document),
        outcomes=outcomes,
        findings=findings,
    )
