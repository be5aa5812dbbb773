"""What a check produces; renderers read only this."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import NamedTuple

from .document import Document
from .values import Value

STATUSES = ("uppfyllt", "delvis", "ej_uppfyllt", "ej_tillampligt")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+")


class Location(Value):
    """Where a finding points: the section, the block and what to quote."""

    __slots__ = ("section", "block", "excerpt", "line", "label")

    def __init__(
        self,
        section: str = "",  # "Resultat och analys > Riskanalys"; empty for the document as a whole
        block: int | None = None,  # Block.index
        excerpt: str = "",
        line: int = 1,
        label: str = "",  # the reader's own terms: "stycke 12", "sida 3"
    ):
        self.section = section
        self.block = block
        self.excerpt = excerpt
        self.line = line
        self.label = label


class Finding(Value):
    """One rule not met: what is wrong, where, on what legal basis and how to fix it."""

    __slots__ = ("rule_id", "area", "severity", "message", "fix", "legal_basis", "location", "verified", "obligation",
                 "suppressed", "baselined", "raised_from")

    def __init__(
        self,
        rule_id: str,
        area: str,
        severity: str,
        message: str,
        fix: str,
        legal_basis: list[str],
        location: Location,
        verified: bool = True,
        obligation: str = "ska",  # the rule's obligation; "publicering" = editorial readiness, not the law
        suppressed: str = "",  # the configured reason ("undantagen: <skäl>"); empty when not suppressed
        baselined: bool = False,  # known from the baseline file: shown, but does not fail CI
        raised_from: str = "",  # the rule's own severity, when a configuration raised it beyond what the law allows
    ):
        self.rule_id = rule_id
        self.area = area
        self.severity = severity
        self.message = message
        self.fix = fix
        self.legal_basis = legal_basis
        self.location = location
        self.verified = verified
        self.obligation = obligation
        self.suppressed = suppressed
        self.baselined = baselined
        self.raised_from = raised_from

    @property
    def active(self) -> bool:
        """Counts towards the exit code: neither suppressed nor in the baseline."""
        return not self.suppressed and not self.baselined


class Outcome(Value):
    """How one rule came out for the report, and the blocks that support its area."""

    __slots__ = ("rule_id", "area", "outcome", "severity", "evidence", "title")

    def __init__(
        self,
        rule_id: str,
        area: str,
        outcome: str,  # "pass" | "fail" | "not_applicable"
        severity: str,
        evidence: list[int] | None = None,  # Block.index values that support the area
        title: str = "",  # the rule's title
    ):
        self.rule_id = rule_id
        self.area = area
        self.outcome = outcome
        self.severity = severity
        self.evidence = [] if evidence is None else evidence
        self.title = title


class AreaStatus(Value):
    """One line of the checklist: an area, its status and the rules behind it."""

    __slots__ = ("area", "title", "status", "rules", "evidence_section")

    def __init__(
        self,
        area: str,
        title: str,
        status: str,  # one of STATUSES
        rules: list[str],
        evidence_section: str = "",  # where the evidence is, for reviewers
    ):
        self.area = area
        self.title = title
        self.status = status
        self.rules = rules
        self.evidence_section = evidence_section


class Fact(Value):
    """A figure the report states (a count of incidents, complaints …), and where."""

    __slots__ = ("key", "value", "section", "excerpt", "block")

    def __init__(self, key: str, value: int, section: str, excerpt: str, block: int | None = None):
        self.key = key
        self.value = value
        self.section = section
        self.excerpt = excerpt
        self.block = block


class PackRef(NamedTuple):
    """A rule pack's name and version, as reports show it."""

    name: str
    version: str


class Draft(Value):
    """How far a draft is written: sections holding text of their own, and template guidance left in.
    A section whose body text never counts (a reference elsewhere, "Se bilaga 1.", or a definition)
    is not written: the report is published and judged without its appendices."""

    __slots__ = ("sections", "empty", "referring", "guidance")

    def __init__(
        self,
        sections: int,  # headings in the document
        empty: list[Location] | None = None,  # headings whose section has no body text
        referring: list[Location] | None = None,  # headings whose section's body text never counts
        guidance: int = 0,  # guidance left in: blocks and inline placeholders/hidden text
    ):
        self.sections = sections
        self.empty = [] if empty is None else empty
        self.referring = [] if referring is None else referring
        self.guidance = guidance

    @property
    def unwritten(self) -> list[Location]:
        """The sections without text of their own, empty or with text that never counts, in document order."""
        return sorted(self.empty + self.referring, key=lambda loc: loc.block or 0)

    @property
    def filled(self) -> int:
        return self.sections - len(self.empty) - len(self.referring)

    @property
    def unfinished(self) -> bool:
        """Most sections have no text of their own, or guidance is left: say so before the checklist."""
        return bool(self.guidance) or 2 * (self.sections - self.filled) > self.sections > 0


class Result(Value):
    """Everything a check of one report found: what renderers read."""

    __slots__ = ("document", "packs", "profile", "profile_title", "profile_source", "report_year", "period_year",
                 "checklist", "outcomes", "findings", "facts", "draft", "as_of", "as_of_reason")

    def __init__(
        self,
        document: Document,
        packs: tuple[PackRef, ...],  # the rule packs that judged it, in order
        profile: str,
        profile_title: str,  # "Patientsäkerhetsberättelse"
        profile_source: str,  # "auto" | "option"
        report_year: int | None,
        period_year: int | None,
        checklist: list[AreaStatus],
        outcomes: list[Outcome],
        findings: list[Finding],
        facts: list[Fact] | None = None,
        draft: Draft | None = None,
        as_of: date | None = None,  # the day whose law and names the report was judged by
        as_of_reason: str = "",  # why that day: "option", "drawn_up", "after_period" or "today"
    ):
        self.document = document
        self.packs = packs
        self.profile = profile
        self.profile_title = profile_title
        self.profile_source = profile_source
        self.report_year = report_year
        self.period_year = period_year
        self.checklist = checklist
        self.outcomes = outcomes
        self.findings = findings
        self.facts = [] if facts is None else facts
        self.draft = draft
        self.as_of = as_of
        self.as_of_reason = as_of_reason

    @property
    def path(self):
        return self.document.path

    @property
    def pack_names(self) -> str:
        """Every pack as 'name version', for report headers."""
        return " + ".join(f"{p.name} {p.version}" for p in self.packs)

    def worst(self) -> str | None:
        """Highest severity among the findings, or None."""
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)


def fingerprint(finding: Finding) -> str:
    """Hash of rule id, section path and excerpt: independent of line numbers and of
    heading numbers ("5.3 Riskanalys" -> "riskanalys"), so unrelated edits leave it unchanged."""
    return fingerprint_of(finding.rule_id, finding.location.section, finding.location.excerpt)


def fingerprint_of(rule_id: str, section: str, excerpt: str) -> str:
    """`fingerprint` from a finding's rule id, section path and excerpt."""
    section = " > ".join(_NUMBER.sub("", part.strip()) for part in section.split(" > "))
    excerpt = " ".join(excerpt.split())
    key = "\x1f".join((rule_id, section.casefold(), excerpt.casefold()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
