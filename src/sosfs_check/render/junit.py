"""JUnit XML for GitLab and Jenkins test reports: one testcase per rule and document.

It follows the gate: a rule fails (`<failure>`) only when an active finding reaches `--fail-on`;
findings below it are shown in the testcase's `<system-out>`, with their severity as a property.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..i18n import words
from ..result import SEVERITY_RANK, Finding, Result
from . import Run


def _describe(finding: Finding, w: dict) -> str:
    loc = finding.location
    where = (loc.section or w["whole_document"]) + (f" ({loc.label})" if loc.label else "")
    lines = [f"{w[finding.severity]}: {finding.message}", f"{w['section']}: {where}"]
    if loc.excerpt:
        lines.append(f"{w['quote']}: ”{loc.excerpt}”")
    lines.append(f"{w['legal_basis']}: {'; '.join(finding.legal_basis)}")
    lines.append(f"{w['fix']}: {finding.fix}")
    if finding.suppressed:
        lines.append(w["suppressed"].format(reason=finding.suppressed))
    if finding.baselined:
        lines.append(w["baselined"])
    return "\n".join(lines)


def _suite(result: Result, w: dict, gate: int) -> ET.Element:
    path = result.path.as_posix()
    suite = ET.Element("testsuite", name=path)
    counts = {"tests": 0, "failures": 0, "skipped": 0}
    for outcome in result.outcomes:
        case = ET.SubElement(
            suite, "testcase", classname=path, name=f"{outcome.rule_id} {outcome.title}".strip()
        )
        counts["tests"] += 1
        findings = [f for f in result.findings if f.rule_id == outcome.rule_id]
        active = [f for f in findings if f.active]
        if outcome.outcome == "not_applicable":
            ET.SubElement(case, "skipped", message=w["not_applicable_for"].format(profile=result.profile))
            counts["skipped"] += 1
        elif active:
            worst = max(active, key=lambda f: SEVERITY_RANK[f.severity])
            if SEVERITY_RANK[worst.severity] >= gate:
                failure = ET.SubElement(case, "failure", type=worst.severity, message=worst.message)
                failure.text = "\n\n".join(_describe(f, w) for f in findings)
                counts["failures"] += 1
            else:  # below the gate: the rule passes, and the testcase says what it found
                properties = ET.SubElement(case, "properties")
                ET.SubElement(properties, "property", name="severity", value=worst.severity)
                ET.SubElement(case, "system-out").text = "\n\n".join(_describe(f, w) for f in findings)
        elif findings:  # every finding suppressed or in the baseline: not a failure, but visible
            first = findings[0]
            reason = w["suppressed"].format(reason=first.suppressed) if first.suppressed else w["baselined"]
            skipped = ET.SubElement(case, "skipped", message=reason)
            skipped.text = "\n\n".join(_describe(f, w) for f in findings)
            counts["skipped"] += 1
    suite.attrib.update({k: str(v) for k, v in counts.items()}, errors="0")
    return suite


NEVER = max(SEVERITY_RANK.values()) + 1  # `--fail-on never`: no finding fails


def render(results: list[Result], lang: str = "sv", run: Run = Run()) -> str:
    w = words(lang)
    root = ET.Element("testsuites", name="sosfs-check")
    gate = SEVERITY_RANK.get(run.fail_on, NEVER)
    suites = [_suite(r, w, gate) for r in results]
    for key in ("tests", "failures", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in suites)))
    root.set("errors", "0")
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
