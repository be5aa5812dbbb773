"""Document + RuleSet + profile -> Result: run the checks, build findings and the checklist."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .checks import Context, Problem, Verdict, evaluate as evaluate_check
from .checks.context import excerpt
from .document import Document
from .draft import draft_summary
from .errors import NotAReportError, UserError
from .result import AreaStatus, Finding, Location, Outcome, Result
from .rules import AREAS, PROFILES, Rule, RuleSet

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
        obligation=rule.obligation,
    )


def judge(outcomes: list[Outcome], document: Document) -> tuple[str, str]:
    """(status, section with most evidence) of a group of rules, as a SAS sets it.

    An outcome's evidence is body text only (never a heading, contents line or guidance): that of a
    passing rule, or the rule's own section when it holds substantive body text but the rule fails.
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
    if profile not in PROFILES:
        raise UserError(f"okänd profil {profile!r}; välj bland: {', '.join(PROFILES)}")
    ctx = Context(
        document,
        as_of or date.today(),
        guidance=[r.check for r in rules.rules if r.check.type == "guidance"],
        vocabulary=rules.vocabulary,
        sections=[(r.area, r.check.headings) for r in rules.rules if r.check.type == "section"],
    )
    title_block = (document.front_matter or document.blocks or [None])[0]
    outcomes: list[Outcome] = []
    findings: list[Finding] = []
    for rule in rules.rules:
        if profile not in rule.profiles:
            outcomes.append(Outcome(rule.id, rule.area, "not_applicable", rule.severity))
            continue
        ctx.area = rule.area
        ctx.ask(rule.id)
        verdict = evaluate_check(rule.check, ctx)
        if not verdict.passed and not verdict.empty_section and (described := ctx.described(rule.id)):
            verdict = Verdict(True, evidence=described)  # described in body text outside its own section
        outcomes.append(
            Outcome(
                rule.id,
                rule.area,
                "pass" if verdict.passed else "fail",
                rule.severity,
                evidence=[b.index for b in verdict.evidence if ctx.body[ctx.position(b)]],
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
        draft=draft_summary(document, ctx.body, ctx.guidance_count),
    )
