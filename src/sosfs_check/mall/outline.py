"""The template's outline: one part per section the profile's rules name, with their guidance."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import Rule, RuleSet, Section

WORDS = {
    "sv": {
        "toc": "Innehållsförteckning",
        "organisation": "Nämnd, förvaltning eller vårdgivare",
        "period": "Berättelsen avser {year}.",
        "prepared": "Upprättad:",
        "adopted": "Fastställd:",
        "by": "av",
        "date": "Välj datum",
        "who": "namn och funktion",
        "body": "nämnd och paragraf",
        "example": "Till exempel:",
        "goal": "Förra årets mål: {goal} Beskriv om målet har uppnåtts under {year}, vad som har gjorts och vad som återstår.",
        "basis": "Lagrum",
    },
    "en": {
        "toc": "Contents",
        "organisation": "Board, administration or care provider",
        "period": "The report covers {year}.",
        "prepared": "Prepared:",
        "adopted": "Adopted:",
        "by": "by",
        "date": "Choose a date",
        "who": "name and role",
        "body": "board and minute number",
        "example": "For example:",
        "goal": "Last year's goal: {goal} Describe whether it was met in {year}, what was done and what remains.",
        "basis": "Legal basis",
    },
}



@dataclass
class Part:
    """One heading of the template: its section, level, wording and the rules it answers."""

    section: Section
    level: int
    heading: str
    rules: list[Rule] = field(default_factory=list)
    guidance: list[str] = field(default_factory=list)  # one placeholder paragraph each; empty: no placeholder
    placeholders: list[list[str]] = field(default_factory=list)  # extra placeholders (one per goal)


def outline(rules: RuleSet, profile: str, lang: str = "sv") -> list[Part]:
    """The template's sections for a profile, in catalogue order: every section an active rule
    names (when the section is meant for the profile), with its parents."""
    catalogue = {s.id: s for s in rules.sections}
    own: dict[str, list[Rule]] = {}
    for rule in rules.for_profile(profile):
        section = catalogue.get(rule.section) if rule.section else None
        if section is not None and profile in section.profiles:
            own.setdefault(section.id, []).append(rule)
    wanted: set[str] = set()
    for section_id in own:
        while section_id is not None and section_id not in wanted:
            wanted.add(section_id)
            section_id = catalogue[section_id].parent
    children: dict[str | None, list[Section]] = {}
    for section in catalogue.values():
        if section.id in wanted:
            children.setdefault(section.parent, []).append(section)
    parts: list[Part] = []

    def walk(parent: str | None, level: int) -> None:
        for section in sorted(children.get(parent, []), key=lambda s: (s.order, s.id)):
            mine = own.get(section.id, [])
            parts.append(Part(section, level, section.heading(profile, lang), mine, [guidance(r, lang) for r in mine]))
            walk(section.id, level + 1)

    walk(None, 1)
    return parts


def guidance(rule: Rule, lang: str) -> str:
    """What to describe (the rule's own title) and its example text."""
    text = rule.title.rstrip(".") + "."
    if rule.explain is not None:
        text += f" {WORDS[lang]['example']} ”{rule.explain.example.strip()}”"
    return text


def basis(rules: list[Rule], lang: str) -> str:
    """The comment on a heading: each rule's legal basis, obligation and id."""
    lines = [f"{WORDS[lang]['basis']}: {'; '.join(r.legal_basis)} – {r.title} ({r.id}, {r.obligation})" for r in rules]
    return "\n".join(dict.fromkeys(lines))
