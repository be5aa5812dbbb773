"""The SAS view across reports: which requirements of the law each report covers.

A requirement is a paragraph of a law or föreskrift ("SOSFS 2011:9 5 kap. 1 §"): the rules
citing it in their legal basis are grouped under it (points and subsections, "7 kap. 2 § p. 1",
belong to their paragraph). Its status in a report follows the checklist semantics of
`engine.judge` over those rules. A requirement sits under the checklist area where most of its
rules are. Pure: a list of `Result`s in, a `Matrix` out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .engine import judge
from .result import STATUSES, Result
from .rules import AREAS

# Short Swedish names of the paragraphs the built-in rules cite (what each requires). A
# paragraph not listed here is named after its checklist area.
PARAGRAPHS = {
    "SFS 2010:659 3 kap. 1 §": "Planera, leda och kontrollera verksamheten",
    "SFS 2010:659 3 kap. 2 §": "Åtgärder för att förebygga vårdskador",
    "SFS 2010:659 3 kap. 3 §": "Utredning av händelser",
    "SFS 2010:659 3 kap. 4 §": "Patienters och närståendes delaktighet",
    "SFS 2010:659 3 kap. 5 §": "Lex Maria: anmälan till IVO",
    "SFS 2010:659 3 kap. 8 §": "Information till patient som drabbats av vårdskada",
    "SFS 2010:659 3 kap. 8 a–8 b §§": "Klagomål från patienter och närstående",
    "SFS 2010:659 3 kap. 9 §": "Dokumentation av ansvaret för patientsäkerhetsarbetet",
    "SFS 2010:659 3 kap. 10 §": "Patientsäkerhetsberättelse",
    "SFS 2010:659 3 kap. 12 §": "Patientsäkerhetsberättelsens innehåll",
    "SFS 2010:659 6 kap. 4 §": "Personalens rapportering av risker och händelser",
    "SFS 2017:30 4 kap. 2 §": "Verksamhetschef",
    "SFS 2017:30 11 kap. 4 §": "Medicinskt ansvarig sjuksköterska",
    "SFS 2017:30 16 kap. 4 §": "Samordnad individuell plan",
    "SFS 2008:355 4 kap. 3 §": "Kontroll av åtkomst till journaler",
    "SFS 2025:400 10 kap. 8 §": "Samordnad individuell plan",
    "SFS 2025:400 27 kap. 2 §": "Lex Sarah: rapporteringsskyldighet",
    "SFS 2025:400 27 kap. 2–6 §§": "Lex Sarah: rapportering, utredning och anmälan",
    "SFS 2025:400 27 kap. 3 §": "Information om rapporteringsskyldigheten",
    "SFS 1993:387 24 b §": "Lex Sarah i LSS: rapporteringsskyldighet",
    "SFS 1993:387 24 b–24 f §§": "Lex Sarah i LSS",
    "SFS 1993:387 24 c §": "Information om rapporteringsskyldigheten (LSS)",
    "SOSFS 2011:9 2 kap. 1 §": "Krav och mål som gäller verksamheten",
    "SOSFS 2011:9 3 kap. 1 §": "Ledningssystem",
    "SOSFS 2011:9 3 kap. 2 §": "Planera, leda, kontrollera, följa upp och förbättra",
    "SOSFS 2011:9 4 kap. 1 §": "Processer för verksamhetens krav och mål",
    "SOSFS 2011:9 4 kap. 2–4 §§": "Processer, aktiviteter och rutiner",
    "SOSFS 2011:9 4 kap. 6 §": "Samverkan",
    "SOSFS 2011:9 5 kap. 1 §": "Riskanalys",
    "SOSFS 2011:9 5 kap. 2 §": "Egenkontroll",
    "SOSFS 2011:9 5 kap. 3 §": "Klagomål och synpunkter",
    "SOSFS 2011:9 5 kap. 3 a §": "Klagomål och synpunkter till vårdgivaren",
    "SOSFS 2011:9 5 kap. 4–5 §§": "Avvikelser och rapporter om missförhållanden",
    "SOSFS 2011:9 5 kap. 6 §": "Sammanställning och analys",
    "SOSFS 2011:9 5 kap. 7–8 §§": "Förbättrande åtgärder",
    "SOSFS 2011:9 5 kap. 8 §": "Förbättrande åtgärder",
    "SOSFS 2011:9 6 kap. 1 §": "Personalens medverkan",
    "SOSFS 2011:9 7 kap. 1 §": "Dokumentation och kvalitetsberättelse",
    "SOSFS 2011:9 7 kap. 2 §": "Patientsäkerhetsberättelsens innehåll",
    "SOSFS 2011:9 7 kap. 3 §": "Detaljeringsgrad",
    "HSLF-FS 2016:40": "Journalföring och behandling av personuppgifter",
    "HSLF-FS 2017:40": "Systematiskt patientsäkerhetsarbete",
    "HSLF-FS 2017:41": "Anmälan enligt lex Maria",
    "SOSFS 2011:5": "Lex Sarah",
}
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
    report_year: int | None
    period_year: int | None


@dataclass
class Matrix:
    reports: list[Report]
    requirements: list[Requirement]  # grouped by area, in the order of `AREAS`

    def totals(self, column: int) -> Counter:
        """Requirements per status in one report."""
        return _count(r.cells[column].status for r in self.requirements)

    def by_area(self) -> list[tuple[str, list[Requirement]]]:
        groups: dict[str, list[Requirement]] = defaultdict(list)
        for requirement in self.requirements:
            groups[requirement.area].append(requirement)
        return [(area, groups[area]) for area in AREAS if area in groups]


def _count(statuses) -> Counter:
    counts = Counter({s: 0 for s in STATUSES})
    counts.update(statuses)
    return counts


def _names(paths: list[Path]) -> list[str]:
    names = [p.name for p in paths]
    return names if len(set(names)) == len(names) else [str(p) for p in paths]


def matrix(results: list[Result]) -> Matrix:
    """One row per paragraph cited by a rule for one of the reports' profiles, one column per
    report, in the order given."""
    profiles = {result.profile for result in results}
    rules = {  # rules for none of the reports' profiles make no row: a KB shows no PSL-only requirement
        rule.id: rule for result in results for rule in result.rules.rules if profiles & set(rule.profiles)
    }
    citing: dict[str, list[str]] = defaultdict(list)
    for rule in rules.values():
        for citation in dict.fromkeys(paragraph(c) for c in rule.legal_basis):
            citing[citation].append(rule.id)
    area_rank = {area: i for i, area in enumerate(AREAS)}
    requirements = []
    for citation, ids in citing.items():
        areas = Counter(rules[i].area for i in ids)
        area = min(areas, key=lambda a: (-areas[a], area_rank[a]))
        requirements.append(Requirement(citation, PARAGRAPHS.get(citation, AREAS[area]), area, ids))
    requirements.sort(key=lambda r: (area_rank[r.area], _order(r.citation)))
    for result in results:
        outcomes = {o.rule_id: o for o in result.outcomes}
        for requirement in requirements:
            mine = [outcomes[i] for i in requirement.rules if i in outcomes]
            requirement.cells.append(Cell(*judge(mine, result.document)))
    reports = [
        Report(r.path, name, r.profile, r.report_year, r.period_year)
        for r, name in zip(results, _names([Path(r.path) for r in results]))
    ]
    return Matrix(reports, requirements)


def _order(citation: str) -> tuple:
    """Sort key: law, then chapter and paragraph as numbers ("3 kap. 10 §" after "3 kap. 9 §")."""
    law = " ".join(citation.split()[:2])
    return (law, [int(n) for n in re.findall(r"\d+", citation[len(law):])])
