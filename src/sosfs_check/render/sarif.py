"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): one result per finding.

Files under the working directory are named relative to `%SRCROOT%` (the repository root in
CI), as GitHub code scanning expects. Each rule links to its section of docs/rules.md where that is
published (`docs-url` in the configuration, else the package's metadata); where no address is
known, the rule carries its whole explanation instead.
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
RULES_URL_LABEL = "Regelreferens"  # [project.urls]: where a release publishes docs/rules.md


@cache
def published_rules_url() -> str | None:
    """docs/rules.md as the installed package declares it (`Project-URL: Regelreferens, …`); None
    when it declares none, or no real address (see `configfile.docs_url_problem`)."""
    from importlib.metadata import PackageNotFoundError, metadata

    from ..configfile import docs_url_problem

    try:
        urls = metadata("sosfs-check").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    declared = (url.strip() for label, _, url in (u.partition(",") for u in urls) if label.strip() == RULES_URL_LABEL)
    return next((url for url in declared if not docs_url_problem(url)), None)


def _location(path: Path, root: Path) -> dict:
    """A path under `root` relative to %SRCROOT%; any other as an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    if absolute.is_relative_to(root):
        return {"uri": quote(absolute.relative_to(root).as_posix()), "uriBaseId": SRCROOT}
    return {"uri": absolute.as_uri()}


def _help(rule, docs_url: str | None) -> dict:
    """The fix and legal basis beside a link to the rule's section of the published reference;
    with no address known, the whole explanation, as text and Markdown."""
    if docs_url:
        return {"text": f"{rule.fix.strip()}\n\nRättslig grund: {'; '.join(rule.legal_basis)}"}
    from ..ruledoc import rule_help

    text, markdown = rule_help(rule)
    return {"text": text, "markdown": markdown}


def _rule(rule, docs_url: str | None) -> dict:
    out = {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.message.strip()},
        "help": _help(rule, docs_url),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "legalBasis": list(rule.legal_basis),
            "verified": rule.verified,
            "obligation": rule.obligation,
            "area": rule.area,
            "tags": [rule.area],
        },
    }
    if docs_url:
        out["helpUri"] = f"{docs_url}#{rule.id.lower()}"
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
    docs_url = run.docs_url or published_rules_url()
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    packs = results[0].packs if results else ()
    driver = {
        "name": "sosfs-check",
        "version": __version__,
        "rules": [_rule(r, docs_url) for r in rules.values()],
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
