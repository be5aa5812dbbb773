"""What a check produces; renderers read only this."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import Document

if TYPE_CHECKING:  # the model does not import the rule schema
    from .rules import RuleSet

STATUSES = ("uppfyllt", "delvis", "ej_uppfyllt", "ej_tillampligt")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(slots=True)
class Location:
    section: str = ""  # "Resultat och analys > Riskanalys"; empty for the document as a whole
    block: int | None = None  # Block.index
    excerpt: str = ""
    line: int = 1
    label: str = ""  # the reader's own terms: "stycke 12", "sida 3"


@dataclass(slots=True)
class Finding:
    rule_id: str
    area: str
    severity: str
    message: str
    fix: str
    legal_basis: list[str]
    location: Location
    verified: bool = True
    suppressed: str = ""  # the configured reason ("undantagen: <skäl>"); empty when not suppressed
    baselined: bool = False  # known from the baseline file: shown, but does not fail CI

    @property
    def active(self) -> bool:
        """Counts towards the exit code: neither suppressed nor in the baseline."""
        return not self.suppressed and not self.baselined


@dataclass(slots=True)
class Outcome:
    rule_id: str
    area: str
    outcome: str  # "pass" | "fail" | "not_applicable"
    severity: str
    evidence: list[int] = field(default_factory=list)  # Block.index values that support the area


@dataclass(slots=True)
class AreaStatus:
    area: str
    title: str
    status: str  # one of STATUSES
    rules: list[str]
    evidence_section: str = ""  # where the evidence is, for reviewers


@dataclass(slots=True)
class Fact:
    key: str
    value: int
    section: str
    excerpt: str
    block: int | None = None


@dataclass(slots=True)
class Result:
    document: Document
    rules: RuleSet
    profile: str
    profile_source: str  # "auto" | "option"
    report_year: int | None
    period_year: int | None
    checklist: list[AreaStatus]
    outcomes: list[Outcome]
    findings: list[Finding]
    facts: list[Fact] = field(default_factory=list)

    @property
    def path(self):
        return self.document.path

    def worst(self) -> str | None:
        """Highest severity among the findings, or None."""
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)
