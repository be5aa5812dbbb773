"""One rule: its model, how its citations are written, and the severity policy that ties an
`error` to the law (see docs/legal-sources.md)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from .checks import Check
from .lawdata import Area, Dated, LegalBasis, Profile, _law, resolve_basis
from .schema import Strict
from .sections import SectionId

SEVERITIES = ("error", "warning", "info")

Severity = Literal["error", "warning", "info"]

# "SFS 2010:659 3 kap. 10 §", "SOSFS 2011:9 7 kap. 2 § p. 1", "SFS 1993:387 24 b–24 f §§", "HSLF-FS 2017:41"
CITATION = re.compile(
    r"^(SFS|SOSFS|HSLF-FS) \d{4}:\d+"
    r"( (\d+ kap\. )?\d+ ?[a-z]?(–(\d+ ?)?[a-z]?)? §§?( (st\.|p\.) \d+)*)?"
    r"( och .+)?$"
)


class Explain(Strict):
    """Longer text for `rules explain`."""

    requirement: str
    why: str
    example: str


Obligation = Literal["ska", "bör", "praxis", "publicering"]
LEGAL_OBLIGATIONS = ("ska", "bör", "praxis")  # `publicering` is editorial readiness, not law
_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


RuleId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]


class Rule(Dated):
    id: RuleId
    aliases: list[RuleId] = []  # the rule's earlier ids: configurations, baselines and tests may still use them
    title: str
    area: Area
    profiles: list[Profile] = Field(min_length=1)
    severity: Severity  # for every profile without its own entry in `severity_by_profile`
    severity_by_profile: dict[Profile, Severity] = {}
    obligation: Obligation = "ska"
    legal_basis: list[str] = Field(min_length=1)
    check: Check
    message: str
    fix: str
    explain: Explain | None = None
    # Filled in from the pack's `texts` when the rule is loaded; not written in rule files.
    bases: SkipJsonSchema[list[LegalBasis]] = []
    raised_from: SkipJsonSchema[Severity | None] = None  # set when a configuration raised the severity
    section: SectionId | None = None  # where the report describes it (a `sections:` id); None = the whole report

    @field_validator("profiles")
    @classmethod
    def _combined(cls, profiles: list[str], info: ValidationInfo) -> list[str]:
        """A rule for every kind a combined report is also applies to the combined report."""
        law = _law(info)
        return law.implied_profiles(profiles) if law else profiles

    @field_validator("legal_basis")
    @classmethod
    def _citations(cls, basis: list[str]) -> list[str]:
        for citation in basis:
            if not CITATION.match(citation):
                raise ValueError(
                    f"otydlig hänvisning {citation!r}: skriv t.ex. 'SFS 2010:659 3 kap. 10 §' "
                    "eller 'SOSFS 2011:9 5 kap. 1 §'"
                )
        return basis

    @model_validator(mode="before")
    @classmethod
    def _resolve_bases(cls, data, info: ValidationInfo):
        """From a rule file: each citation's source level and dates, from the pack's texts."""
        texts = (info.context or {}).get("texts")
        if texts is None or not isinstance(data, dict):
            return data  # re-validated from a dump: `bases` is already there
        if "bases" in data or "raised_from" in data:
            raise ValueError("'bases' och 'raised_from' fylls i av sosfs-check och skrivs inte i regelfilen")
        citations = data.get("legal_basis")
        if isinstance(citations, list) and all(isinstance(c, str) for c in citations):
            data = {**data, "bases": [resolve_basis(c, texts) for c in citations]}
        return data

    def severity_for(self, profile: str) -> str:
        return self.severity_by_profile.get(profile, self.severity)

    @property
    def verified(self) -> bool:
        """Some basis was read first hand or in a named source quoting it (see `docs/legal-sources.md`)."""
        return any(b.level == "primary" or (b.level == "secondary" and b.quotes_wording) for b in self.bases)

    @property
    def source_level(self) -> str:
        """The best source level among the rule's bases."""
        levels = {b.level for b in self.bases}
        return next((level for level in ("primary", "secondary") if level in levels), "unverified")

    def applies_on(self, day: date) -> bool:
        """In force on `day`, and so is at least one of its bases."""
        return self.in_force(day) and (not self.bases or any(b.in_force(day) for b in self.bases))

    def bases_in_force(self, day: date) -> list[LegalBasis]:
        """The bases in force on `day`; all of them when none is."""
        return [b for b in self.bases if b.in_force(day)] or list(self.bases)

    @model_validator(mode="after")
    def _severity_follows_law(self) -> Rule:
        if self.bases and [b.cite for b in self.bases] != self.legal_basis:
            raise ValueError("'bases' stämmer inte med legal_basis")
        if self.raised_from is not None:
            return self  # a configuration raised it; the report says so
        for profile in self.profiles:
            if problem := self._severity_problem(profile, self.severity_for(profile)):
                raise ValueError(problem)
        return self

    def _severity_problem(self, profile: str, severity: str) -> str | None:
        """Why `severity` breaks the severity policy for `profile`, or None."""
        if self.obligation == "publicering":
            return None  # editorial readiness may stop publication in any profile
        if self.obligation == "praxis" and severity != "info":
            return "god praxis ger högst severity info"
        if severity != "error":
            return None
        if self.obligation != "ska":
            return f"ett {self.obligation!r}-krav kan inte ha severity error (högst warning)"
        if profile == "kvalitetsberattelse":
            return ("en kvalitetsberättelse är ett allmänt råd (SOSFS 2011:9 7 kap. 1 §): "
                    "den kan inte få severity error på rättslig grund")
        if self.bases and not any(b.supports_error for b in self.bases):
            return ("severity error kräver en rättslig grund som föreskriver innehåll i berättelsen och är läst i "
                    "lagtexten (primary) eller i en namngiven källa som citerar lydelsen (secondary)")
        return None

    def raised_by_configuration(self, severity: str) -> Rule:
        """The rule at another severity from a configuration: a lower one is always allowed; a raise the
        policy would refuse is kept, and marked so that the report says so."""
        data = {**self.model_dump(), "severity": severity, "severity_by_profile": {}}
        breaks = any(self._severity_problem(p, severity) for p in self.profiles)
        raised = _SEVERITY_RANK[severity] > min(_SEVERITY_RANK[self.severity_for(p)] for p in self.profiles)
        if breaks and raised:
            data["raised_from"] = self.severity
        return type(self).model_validate(data)
