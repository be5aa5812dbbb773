"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): one result per finding.

Files under the working directory are named relative to `%SRCROOT%` (the repository root in
CI), as GitHub code scanning expects; each rule links to its section of docs/rules.md.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..result import Finding, Result, fingerprint
from . import Run

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
RULES_URL_LABEL = "Regelreferens"  # [project.urls] in pyproject.toml: where docs/rules.md is published


@cache
def rules_url() -> str | None:
    """The published docs/rules.md, from the package's metadata; None when not declared."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("sosfs-check").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    return next((url.strip() for label, _, url in (u.partition(",") for u in urls) if label == RULES_URL_LABEL), None)


def _location(path: Path, root: Path) -> dict:
    """A path under `root` relative to %SRCROOT%; any other as an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    if absolute.is_relative_to(root):
        return {"uri": quote(absolute.relative_to(root).as_posix()), "uriBaseId": SRCROOT}
    return {"uri": absolute.as_uri()}


def _help(rule) -> str:
    return f"{rule.fix.strip()}\n\nRättslig grund: {'; '.join(rule.legal_basis)}"


def _rule(rule) -> dict:
    out = {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.message.strip()},
        "help": {"text": _help(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "legalBasis": list(rule.legal_basis),
            "verified": rule.verified,
            "obligation": rule.obligation,
            "area": rule.area,
            "tags": [rule.area],
        },
    }
    if base := rules_url():
        out["helpUri"] = f"{base}#{rule.id.lower()}"
    return out


def _result(finding: Finding, path: Path, index: dict[str, int], root: Path) -> dict:
    loc = finding.location
    region = {"startLine": max(1, loc.line)}
    if loc.excerpt:
        region["snippet"] = {"text": loc.excerpt}
    location: dict = {"physicalLocation": {"artifactLocation": _location(path, root), "region": region}}
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


def render(results: list[Result], lang: str, rules, run: Run = Run()) -> str:
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
    root = Path.cwd()
    base = root.as_uri().rstrip("/") + "/"
    invocation = {
        "executionSuccessful": run.exit_code != 2,  # 1 is the gate doing its work
        "exitCode": run.exit_code,
        "commandLine": " ".join(["sosfs-check", *sys.argv[1:]]),
        "workingDirectory": {"uri": base},
    }
    log_run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": base}},
        "language": "sv-SE",  # messages come from the Swedish rule texts
        "results": [_result(f, r.path, index, root) for r in results for f in r.findings],
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [log_run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
