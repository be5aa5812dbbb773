"""Next year's draft from this year's report: its headings where they mean a required section,
and the follow-up of its goals; never its body text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block
from ..result import Result
from ..rules import Rule, RuleSet, Section
from .outline import WORDS, Part

GOALS_SECTION = "uppfoljning-mal"
NEXT_YEAR_SECTION = "kommande-ar"


@dataclass
class Source:
    """What a template keeps of last year's report: headings, goals, organisation; never body text."""

    headings: list[Block]
    goals: list[str]
    organisation: str
    profile: str
    year: int | None  # the year it reported on


def last_year(result: Result, rules: RuleSet) -> Source:
    """What the template keeps of last year's report, checked as the caller's settings say."""
    document = result.document
    year = result.period_year or result.report_year
    return Source(document.headings, _goals(document, rules), _organisation(document),
                  result.profile, year)


def _organisation(document) -> str:
    """The title page's line that names the board or care provider (short, no digits)."""
    for block in document.front_matter:
        if block.is_body and not re.search(r"\d", block.text) and len(block.text.split()) <= 8:
            return block.text.strip()
    return ""


def _goals(document, rules: RuleSet) -> list[str]:
    """Last year's goals for the coming year: the body paragraphs of its "kommande år" section;
    a lead-in ending in a colon ("Enheten har som mål under 2022:") prefixes the goals after it."""
    catalogue = {s.id: s for s in rules.sections}
    section = catalogue.get(NEXT_YEAR_SECTION)
    if section is None:
        return []
    heading = next((h for h in document.headings if same_section(h.text, section)), None)
    if heading is None:
        return []
    goals, lead = [], ""
    for block in document.blocks[heading.index:]:
        if block.kind == "heading" and (block.level or 1) <= (heading.level or 1):
            break
        if not block.is_body:  # never a placeholder or other guidance left in last year
            continue
        text = " ".join(block.text.split())
        if text.endswith(":"):
            lead = text
        elif text:
            goals.append(f"{lead} {text}" if lead else text)
    return goals


def same_section(heading: str, section: Section) -> bool:
    """Is an old heading this section (a title of it or an alias)? Compared without numbers, case
    and word order, with room for a typo."""
    from rapidfuzz import fuzz

    from ..vocabulary import heading_key

    key = heading_key(heading)
    terms = [section.title.sv, *(w.sv for w in section.titles.values()), *section.aliases]
    return any(fuzz.token_sort_ratio(key, heading_key(term)) >= 90 for term in terms)


def _keeps_rules(old: str, new: str, rules: list[Rule]) -> bool:
    """Last year's wording keeps every section rule the template's own heading satisfies."""
    from ..vocabulary import text_matches

    for rule in rules:
        headings = getattr(rule.check, "headings", None)
        if rule.check.type == "section" and headings:
            if any(text_matches(new, h) for h in headings) and not any(text_matches(old, h) for h in headings):
                return False
    return True


def follow(parts: list[Part], source: Source, rules: RuleSet, profile: str, year: int, lang: str) -> list[Part]:
    """Keep last year's headings where they mean a required section; add the follow-up of its goals."""
    from ..vocabulary import heading_key

    used: set[int] = set()
    chosen: dict[str, Block] = {}  # section id -> the old heading it keeps
    for part in parts:
        parent = chosen.get(part.section.parent) if part.section.parent else None
        candidates = [
            h for h in source.headings
            if h.index not in used and same_section(h.text, part.section)
            and (parent is None or parent.text in h.section[:-1])
        ]
        if not candidates:
            continue
        old = candidates[0]
        used.add(old.index)
        chosen[part.section.id] = old
        wording = re.sub(r"^[\d.\s]+", "", old.text).strip()
        if heading_key(wording) and _keeps_rules(wording, part.heading, part.rules):
            part.heading = wording
    if source.goals:
        catalogue = {s.id: s for s in rules.sections}
        follow = next((p for p in parts if p.section.id == GOALS_SECTION), None)
        if follow is None and GOALS_SECTION in catalogue:
            section = catalogue[GOALS_SECTION]
            follow = Part(section, 1, section.heading(profile, lang))
            position = next((i for i, p in enumerate(parts) if p.level == 1 and p.section.order > section.order), len(parts))
            parts.insert(position, follow)
        if follow is not None:
            follow.guidance = []
            follow.placeholders = [[WORDS[lang]["goal"].format(year=year, goal=_sentence(g))] for g in source.goals]
            follow.rules = follow.rules or [r for r in rules.for_profile(profile) if r.section == GOALS_SECTION]
    return parts


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."
