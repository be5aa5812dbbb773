"""Rules explained to people: what a check looks for, the rule reference (docs/rules.md), JSON Schemas."""

from __future__ import annotations

import json

from .checks import describe as describe_check
from .packs import builtin_rules
from .rules import Pack, Rule, RuleFile, RuleSet

SEVERITY_WORDS = {"error": "fel", "warning": "varning", "info": "info"}
OBLIGATION_WORDS = {
    "ska": "ska (föreskrift eller lag)", "bör": "bör (allmänt råd)", "praxis": "god praxis",
    "publicering": "publicering (inget lagkrav: berättelsen är inte färdig att publicera)",
}  # fmt: skip
SOURCE_WORDS = {
    "primary": "primärkälla (läst i den konsoliderade lagtexten)",
    "secondary": "andrahandskälla",
    "unverified": "ej verifierad",
}


def severity_text(rule: Rule, ruleset: RuleSet) -> str:
    """The severity, with the profiles that have their own."""
    own = ", ".join(f"{ruleset.profiles[p]}: {SEVERITY_WORDS[s]}" for p, s in rule.severity_by_profile.items())
    return SEVERITY_WORDS[rule.severity] + (f" ({own})" if own else "")


def facts_line(rule: Rule, ruleset: RuleSet) -> str:
    """Area, profiles, severity, obligation, source level and dates on one line."""
    dates = ""
    if rule.valid_from or rule.valid_to:
        dates = f" · Gäller: {rule.valid_from or '…'} – {rule.valid_to or '…'}"
    return (
        f"Område: {ruleset.areas[rule.area]} · Profiler: {', '.join(ruleset.profiles[p] for p in rule.profiles)} · "
        f"Allvarlighet: {severity_text(rule, ruleset)} · Skyldighet: {OBLIGATION_WORDS[rule.obligation]} · "
        f"Källa: {SOURCE_WORDS[rule.source_level]}{dates}"
    )


def basis_lines(rule: Rule) -> list[str]:
    """Each citation with its source level, where it was read and when it is in force."""
    lines = []
    for basis in rule.bases or []:
        when = ""
        if basis.valid_from or basis.valid_to:
            when = f", gäller {basis.valid_from or '…'} – {basis.valid_to or '…'}"
        quoted = ", som citerar lydelsen" if basis.level == "secondary" and basis.quotes_wording else ""
        where = f": {' '.join(basis.reference.split())}" if basis.reference else ""
        lines.append(f"{basis.cite} – {SOURCE_WORDS[basis.level]}{quoted}{when}{where}")
    return lines or list(rule.legal_basis)


def explain_sections(rule: Rule) -> list[tuple[str, str | list[str]]]:
    """The parts of `rules explain`: heading and text (or lines)."""
    parts: list[tuple[str, str | list[str]]] = [("Rättslig grund och källa", basis_lines(rule))]
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
        f"Regelpaket: {packs}. {len(ruleset.rules)} regler. Allvarlighet: *fel* bara när lag eller föreskrift "
        "kräver innehållet i själva berättelsen och lagrummet är läst i lagtexten (primärkälla) eller i en "
        "namngiven källa som citerar lydelsen, eller när berättelsen inte är färdig att publicera "
        "(skyldighet *publicering*); *varning* för övriga krav och allmänna råd; *info* för god praxis. En "
        "kvalitetsberättelse får aldrig *fel* på rättslig grund. Källorna och vad som ska kontrolleras före en "
        "release: [legal-sources.md](legal-sources.md).",
        "",
        "| Id | Regel | Allvarlighet | Skyldighet | Källa | Rättslig grund |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        f"| [{r.id}](#{r.id.lower()}) | {r.title} | {severity_text(r, ruleset)} | {r.obligation} | "
        f"{SOURCE_WORDS[r.source_level].split(' (')[0]} | {'; '.join(r.legal_basis)} |"
        for area in ruleset.areas
        for r in ruleset.rules
        if r.area == area
    ]
    for area, title in ruleset.areas.items():
        rules = [r for r in ruleset.rules if r.area == area]
        if not rules:
            continue
        out += ["", f"## {title} (`{area}`)"]
        for rule in rules:
            out += ["", f"### {rule.id}", "", f"**{rule.title}**", "", facts_line(rule, ruleset), *_explained(rule)]
    return "\n".join(out) + "\n"


def _explained(rule: Rule) -> list[str]:
    """The rule's `explain_sections` as Markdown lines, each part after a blank line."""
    out = []
    for heading, body in explain_sections(rule):
        if isinstance(body, list):
            out += ["", f"**{heading}:**", "", _bullets(body)]
        else:
            out += ["", f"**{heading}.** {body}"]
    return out


def rule_help(rule: Rule) -> tuple[str, str]:
    """(text, Markdown): the rule explained as in docs/rules.md, for a tool that shows it where the
    reference is not published (SARIF's `help`)."""
    text = [rule.title]
    for heading, body in explain_sections(rule):
        if isinstance(body, list):
            text += ["", f"{heading}:", _bullets(body)]
        else:
            text += ["", f"{heading}: {body}"]
    return "\n".join(text), "\n".join([f"**{rule.title}**", *_explained(rule)])


def legal_sources_markdown(ruleset: RuleSet) -> str:
    """docs/legal-sources.md: every cited provision with its source level, from the packs' `texts`, and what
    must be checked against the official text before a release."""
    texts = ruleset.texts
    cited: dict[str, tuple] = {}
    for rule in ruleset.rules:
        for basis in rule.bases:
            cited.setdefault(basis.cite, (basis, []))[1].append(rule.id)
    out = [
        "# Rättskällor",
        "",
        "<!-- Genererad av `sosfs-check rules docs --sources --output docs/legal-sources.md` ur regelpaketets "
        "pack.yml (`texts:`). Redigera inte för hand. -->",
        "",
        "Varje lagrum som reglerna hänvisar till har en källnivå: *primärkälla* när det är läst i den "
        "konsoliderade lagtexten i `shared/law/`, *andrahandskälla* när det bara är känt genom en namngiven "
        "källa, *ej verifierad* när ingen har läst det. En regel kan bara vara *fel* när lagrummet kräver "
        "innehållet i själva berättelsen och är läst i lagtexten, eller återges ordagrant av en namngiven "
        "källa; en kvalitetsberättelse kan aldrig få *fel* på rättslig grund.",
        "",
        "## Författningar",
        "",
        "| Författning | Källnivå | Läst i | Lydelse som paketet bygger på | Gäller |",
        "|---|---|---|---|---|",
    ]
    for text in texts.values():
        valid = f"{text.valid_from or '…'} – {text.valid_to or '…'}"
        if text.replaced_by:
            valid += f" (ersatt av {text.replaced_by})"
        out.append(f"| {text.id} {text.name} | {SOURCE_WORDS[text.level]} | {' '.join(text.reference.split())} | "
                   f"{text.version or '–'} | {valid} |")
    out += [
        "",
        "## Lagrum som reglerna hänvisar till",
        "",
        "| Lagrum | Källnivå | Kräver innehåll i berättelsen | Regler |",
        "|---|---|---|---|",
    ]
    for cite, (basis, rule_ids) in sorted(cited.items()):
        quoted = ", citerar lydelsen" if basis.level == "secondary" and basis.quotes_wording else ""
        out.append(f"| {cite} | {SOURCE_WORDS[basis.level].split(' (')[0]}{quoted} | "
                   f"{'ja' if basis.in_report else 'nej'} | {', '.join(rule_ids)} |")
    checks = [(text.id, text.check_before_release) for text in texts.values() if text.check_before_release]
    checks += [(f"{text.id} {key}", source.check_before_release) for text in texts.values()
               for key, source in text.provisions.items() if source.check_before_release]
    out += ["", "## Kontrollera mot den officiella texten före en release", ""]
    out += [f"- **{what}:** {' '.join(note.split())}" for what, note in checks]
    return "\n".join(out) + "\n"


def _listed(schema):
    """The schema with each `choices` marker (areas, profiles) replaced by the built-in pack's values."""
    if isinstance(schema, list):
        return [_listed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _listed(value) for key, value in schema.items() if key != "choices"}
    if "choices" in schema:
        out["enum"] = list(getattr(builtin_rules().law, schema["choices"]))
    return out


def schemas() -> dict[str, str]:
    """JSON Schemas for editors, by file name under docs/: rule files, pack.yml and rule test files."""
    from .ruletests import RuleTestFile

    models = {"rules.schema.json": RuleFile, "pack.schema.json": Pack, "rule-tests.schema.json": RuleTestFile}
    out = {}
    for name, model in models.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **_listed(model.model_json_schema())}
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out
