"""Rules explained to people: what a check looks for, the rule reference (docs/rules.md), JSON Schemas."""

from __future__ import annotations

import json

from .checks import describe as describe_check
from .rules import AREAS, PROFILES, Pack, Rule, RuleFile, RuleSet

SEVERITY_WORDS = {"error": "fel", "warning": "varning", "info": "info"}
OBLIGATION_WORDS = {"ska": "ska (föreskrift eller lag)", "bör": "bör (allmänt råd)", "praxis": "god praxis"}


def facts_line(rule: Rule) -> str:
    """Area, profiles, severity, obligation and verification on one line."""
    verified = "ja" if rule.verified else "nej – rådgivande, lagrummet ej verifierat mot officiell text"
    return (
        f"Område: {AREAS[rule.area]} · Profiler: {', '.join(PROFILES[p] for p in rule.profiles)} · "
        f"Allvarlighet: {SEVERITY_WORDS[rule.severity]} · Skyldighet: {OBLIGATION_WORDS[rule.obligation]} · "
        f"Verifierad: {verified}"
    )


def explain_sections(rule: Rule) -> list[tuple[str, str | list[str]]]:
    """The parts of `rules explain`: heading and text (or lines)."""
    parts: list[tuple[str, str | list[str]]] = [("Rättslig grund", "; ".join(rule.legal_basis))]
    if rule.explain:
        parts += [
            ("Vad lagen kräver", rule.explain.requirement.strip()),
            ("Varför det spelar roll", rule.explain.why.strip()),
            ("Exempel på text som uppfyller kravet", rule.explain.example.strip()),
        ]
    parts += [
        ("Vad regeln letar efter", describe_check(rule.check)),
        ("Brist som rapporteras", rule.message.strip()),
        ("Så åtgärdar du bristen", rule.fix.strip()),
    ]
    return parts


def _bullets(lines: list[str]) -> str:
    """Markdown list; lines indented by two spaces become sub-items."""
    return "\n".join(("  - " if line.startswith("  ") else "- ") + line.strip() for line in lines)


def rules_markdown(ruleset: RuleSet) -> str:
    """The rule reference, docs/rules.md: an overview table, then one entry per rule, grouped by area."""
    packs = ", ".join(f"{p.name} {p.version}" for p in ruleset.packs)
    out = [
        "# Regelreferens",
        "",
        "<!-- Genererad av `sosfs-check rules docs --output docs/rules.md`. Redigera inte för hand: "
        "ändra reglerna i rules/*.yml. -->",
        "",
        f"Regelpaket: {packs}. {len(ruleset.rules)} regler. Allvarlighet: *fel* när ett lagkrav (”ska”) saknas, "
        "*varning* när det bara delvis är belagt eller gäller ett allmänt råd, *info* för god praxis. "
        "En regel vars lagrum inte är verifierat mot den officiella texten är rådgivande och aldrig *fel*.",
        "",
        "| Id | Regel | Allvarlighet | Rättslig grund |",
        "|---|---|---|---|",
    ]
    out += [
        f"| [{r.id}](#{r.id.lower()}) | {r.title} | {SEVERITY_WORDS[r.severity]} | {'; '.join(r.legal_basis)} |"
        for area in AREAS
        for r in ruleset.rules
        if r.area == area
    ]
    for area, title in AREAS.items():
        rules = [r for r in ruleset.rules if r.area == area]
        if not rules:
            continue
        out += ["", f"## {title} (`{area}`)"]
        for rule in rules:
            out += ["", f"### {rule.id}", "", f"**{rule.title}**", "", facts_line(rule)]
            for heading, body in explain_sections(rule):
                if isinstance(body, list):
                    out += ["", f"**{heading}:**", "", _bullets(body)]
                else:
                    out += ["", f"**{heading}.** {body}"]
    return "\n".join(out) + "\n"


def schemas() -> dict[str, str]:
    """JSON Schemas for editors, by file name under docs/: rule files, pack.yml and rule test files."""
    from .ruletests import RuleTestFile

    models = {"rules.schema.json": RuleFile, "pack.schema.json": Pack, "rule-tests.schema.json": RuleTestFile}
    out = {}
    for name, model in models.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out
