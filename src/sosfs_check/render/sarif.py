"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): one result per finding."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..result import Finding, Result, fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: Path) -> str:
    """Relative paths stay relative (GitHub resolves them against the repository root)."""
    return path.resolve().as_uri() if path.is_absolute() else quote(path.as_posix())


def _rule(rule) -> dict:
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.message.strip()},
        "help": {"text": rule.fix.strip()},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "legalBasis": list(rule.legal_basis),
            "verified": rule.verified,
            "obligation": rule.obligation,
            "area": rule.area,
            "tags": [rule.area],
        },
    }


def _result(finding: Finding, path: Path, index: dict[str, int]) -> dict:
    loc = finding.location
    region = {"startLine": max(1, loc.line)}
    if loc.excerpt:
        region["snippet"] = {"text": loc.excerpt}
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}
    if loc.section:
        location["logicalLocations"] = [
            {"name": loc.section.split(" > ")[-1], "fullyQualifiedName": loc.section, "kind": "section"}
        ]
    out = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {"sosfsCheck/v1": fingerprint(finding)},
        "properties": {"legalBasis": finding.legal_basis, "fix": finding.fix, "area": finding.area},
    }
    if finding.suppressed:
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": finding.suppressed}]
    if finding.baselined:
        out["baselineState"] = "unchanged"
    return out


def render(results: list[Result], lang: str, rules) -> str:
    """The SARIF log; `rules` is the catalogue the results were judged by (the tool's rule descriptors)."""
    rules = {r.id: r for r in rules}
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    packs = results[0].packs if results else ()
    driver = {
        "name": "sosfs-check",
        "version": __version__,
        "rules": [_rule(r) for r in rules.values()],
    }
    if packs:
        driver["properties"] = {
            "rulePack": {"name": packs[0].name, "version": packs[0].version},
            "rulePacks": [{"name": p.name, "version": p.version} for p in packs],
        }
    run = {
        "tool": {"driver": driver},
        "language": "sv-SE",  # messages come from the Swedish rule texts
        "results": [_result(f, r.path, index) for r in results for f in r.findings],
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
