"""The SAS view across reports: which requirements of the law each report covers.

A requirement is a paragraph of a law or föreskrift ("SOSFS 2011:9 5 kap. 1 §"): the rules
citing it in their legal basis are grouped under it (points and subsections, "7 kap. 2 § p. 1",
belong to their paragraph; paragraphs that only authorise föreskrifter make no row). Its status
in a report follows the checklist semantics of `engine.judge` over those rules, except that a
paragraph whose every applicable rule holds is `uppfyllt`. A requirement sits under the checklist area where most of its
rules are. Pure: a list of `Result`s in, a `Matrix` out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .engine import judge
from .result import STATUSES, Result

_SUBDIVISION = re.compile(r"(?:\s+(?:st\.|p\.)\s*\d+)+$")  # "7 kap. 2 § p. 1" -> "7 kap. 2 §"


def paragraph(citation: str) -> str:
    """The paragraph a citation points into: points and subsections dropped."""
    return _SUBDIVISION.sub("", citation.strip())


@dataclass
class Cell:
    status: str  # one of result.STATUSES
    section: str = ""  # where the report gives the evidence


@dataclass
class Requirement:
    citation: str  # "SOSFS 2011:9 5 kap. 1 §"
    title: str  # "Riskanalys"
    area: str
    rules: list[str]  # ids of the rules citing it
    cells: list[Cell] = field(default_factory=list)  # one per report

    @property
    def label(self) -> str:
        return f"{self.citation} {self.title}"

    @property
    def totals(self) -> Counter:
        """Reports per status."""
        return _count(c.status for c in self.cells)


@dataclass
class Report:
    path: Path
    name: str  # column heading: the file name, or the path when names repeat
    profile: str
    profile_title: str
    report_year: int | None
    period_year: int | None


@dataclass
class Matrix:
    reports: list[Report]
    requirements: list[Requirement]  # grouped by area, in the checklist's order
    areas: dict[str, str]  # checklist area -> title, in the checklist's order

    def totals(self, column: int) -> Counter:
        """Requirements per status in one report."""
        return _count(r.cells[column].status for r in self.requirements)

    def by_area(self) -> list[tuple[str, list[Requirement]]]:
        groups: dict[str, list[Requirement]] = defaultdict(list)
        for requirement in self.requirements:
            groups[requirement.area].append(requirement)
        return [(area, groups[area]) for area in self.areas if area in groups]


def _count(statuses) -> Counter:
    counts = Counter({s: 0 for s in STATUSES})
    counts.update(statuses)
    return counts


def _names(paths: list[Path]) -> list[str]:
    names = [p.name for p in paths]
    return names if len(set(names)) == len(names) else [str(p) for p in paths]


def matrix(results: list[Result], catalogue) -> Matrix:
    """One row per paragraph cited by a rule for one of the reports' profiles, one column per
    report, in the order given; `catalogue` is the rule set the results were judged by (its
    rules, areas and paragraph names)."""
    profiles = {result.profile for result in results}
    # rules for none of the reports' profiles make no row: a KB alone shows no PSL-only requirement
    rules = {rule.id: rule for rule in catalogue.rules if profiles & set(rule.profiles)}
    checklist = catalogue.areas
    citing: dict[str, list[str]] = defaultdict(list)
    for rule in rules.values():
        for citation in dict.fromkeys(paragraph(c) for c in rule.legal_basis):
            if citation not in catalogue.law.authorisations:
                citing[citation].append(rule.id)
    area_rank = {area: i for i, area in enumerate(checklist)}
    requirements = []
    for citation, ids in citing.items():
        areas = Counter(rules[i].area for i in ids)
        area = min(areas, key=lambda a: (-areas[a], area_rank[a]))
        requirements.append(Requirement(citation, catalogue.paragraphs.get(citation, checklist[area]), area, ids))
    requirements.sort(key=lambda r: (area_rank[r.area], _order(r.citation)))
    for result in results:
        outcomes = {o.rule_id: o for o in result.outcomes}
        for requirement in requirements:
            mine = [outcomes[i] for i in requirement.rules if i in outcomes]
            status, section = judge(mine, result.document)
            applicable = [o for o in mine if o.outcome != "not_applicable"]
            if applicable and all(o.outcome == "pass" for o in applicable):
                status = "uppfyllt"  # every rule citing the paragraph holds, even one that only looks for faults
            requirement.cells.append(Cell(status, section))
    reports = [
        Report(r.path, name, r.profile, r.profile_title, r.report_year, r.period_year)
        for r, name in zip(results, _names([Path(r.path) for r in results]))
    ]
    return Matrix(reports, requirements, dict(checklist))


def _order(citation: str) -> tuple:
    """Sort key: law, then chapter and paragraph as numbers ("3 kap. 10 §" after "3 kap. 9 §")."""
    law = " ".join(citation.split()[:2])
    return (law, [int(n) for n in re.findall(r"\d+", citation[len(law):])])
