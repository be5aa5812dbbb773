"""Rules explained to people: what a check looks for, the rule reference (docs/rules.md), JSON Schemas."""

from __future__ import annotations

import json

from .dates import MONTHS
from .facts import FACT_LABELS
from .rules import AREAS, PROFILES, Pack, Rule, RuleFile, RuleSet

MONTH_NAMES = {number: name for name, number in MONTHS.items()}
SEVERITY_WORDS = {"error": "fel", "warning": "varning", "info": "info"}
OBLIGATION_WORDS = {
    "ska": "ska (föreskrift eller lag)", "bör": "bör (allmänt råd)", "praxis": "god praxis",
    "publicering": "publicering (inget lagkrav: berättelsen är inte färdig att publicera)",
}
_MARKUP = {"comment": "kommentarer", "insertion": "spårade infogningar", "deletion": "spårade borttagningar",
           "highlight": "färgmarkeringar"}  # fmt: skip


def _terms(terms: list[str]) -> str:
    return ", ".join(f"”{t.lstrip('=')}”" for t in terms)


def _within(within: list[str]) -> str:
    return f" i avsnitt med rubriker som {_terms(within)}" if within else " någonstans i berättelsen"


def describe_check(check) -> list[str]:
    """What a rule's check looks for, in Swedish, one point per line."""
    kind = check.type
    if kind == "section":
        return [
            f"Ett avsnitt med en rubrik som {_terms(check.headings)} och minst {check.min_words} ord text.",
            "Ord böjs och sätts ihop (”avvikelse” täcker ”avvikelser” och ”avvikelsehantering”).",
            *([f"Utan eget avsnitt räknas {_terms(check.phrases)} i texten som delvis belägg."] if check.phrases else []),
        ]
    if kind == "phrases":
        where = " i ett och samma stycke" if check.same_block else ""
        where += _within(check.within) if check.within or not check.same_block else ""
        if len(check.groups) == 1:
            return [f"Något av {_terms(check.groups[0])}{where}."]
        return [f"Minst ett uttryck ur varje grupp{where}:"] + [f"  {_terms(group)}" for group in check.groups]
    if kind == "title":
        year = " och ett årtal" if check.require_year else ""
        return [f"Titelsidan innehåller {_terms(check.terms)}{year}."]
    if kind == "absence":
        return [f"Meningar{_within(check.within)} där berättelsen själv skriver att arbetet inte gjorts, t.ex. "
                f"mönstret `{check.patterns[0]}`."]
    if kind == "figure":
        return [f"En uppgift om antal {FACT_LABELS[check.key]}, i text (”12 …”, ”nio …”, ”inga …”) eller i en tabell."]
    if kind == "adoption":
        return [{
            "present": "Ett datum för fastställandet, t.ex. ”Fastställd av nämnden 2026-02-20”.",
            "deadline": f"Att fastställandedatumet är senast den {int(check.deadline[3:])} "
                        f"{MONTH_NAMES[int(check.deadline[:2])]} året efter det år berättelsen avser.",
            "previous_year": "Att berättelsen avser kalenderåret före det år den fastställdes.",
        }[check.require]]  # fmt: skip
    if kind == "period_text":
        return [f"Att texten (med minst {check.min_mentions} årtal som ”under 2025”) oftare talar om berättelsens år "
                "än om ett tidigare år."]
    if kind == "placeholders":
        lines = [f"Mallrester som `{p}`." for p in check.patterns]
        if check.markup:
            lines.append(f"Granskningsspår: {', '.join(_MARKUP[m] for m in check.markup)}.")
        return lines
    if kind == "stale_references":
        return ["Hänvisningar som har ersatts, bedömda per datumet för granskningen (--as-of):"] + [
            f"  {e.replacement} gäller sedan {e.since.isoformat()} (mönster `{e.pattern}`)" for e in check.entries
        ]
    if kind == "citations":
        lines = [f"Felskrivna hänvisningar som `{p}`." for p in check.malformed]
        for law in check.laws:
            chapters = ", ".join(f"{c} kap. har {n} §§" for c, n in law.chapters.items())
            count = f"; {law.chapter_count} kapitel" if law.chapter_count else ""
            lines.append(f"Paragrafer i {law.name} som inte finns ({chapters}{count}).")
        return lines
    if kind == "toc":
        return [f"Att varje post i innehållsförteckningen har en rubrik i texten (minst {check.min_ratio} % lika) "
                "och att huvudrubrikerna finns i förteckningen."]
    raise ValueError(f"okänd kontrolltyp {kind!r}")


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
