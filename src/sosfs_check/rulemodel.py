"""One rule: its model and how its citations are written. The severity policy that ties an `error`
to the law (see docs/legal-sources.md) is `behaviour.RuleBehaviour`, shared with the cached records."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from .checks.models import Check
from .lawdata import Area, Dated, LegalBasis, Profile, _law, resolve_basis
from .behaviour import RuleBehaviour
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


RuleId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]


class Rule(RuleBehaviour, Dated):
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

    @model_validator(mode="after")
    def _severity_follows_law(self) -> Rule:
        if self.bases and [b.cite for b in self.bases] != self.legal_basis:
            raise ValueError("'bases' stämmer inte med legal_basis")
        if self.raised_from is not None:
            return self  # a configuration raised it; the report says so
        for profile in self.profiles:
            if problem := self.severity_problem(profile, self.severity_for(profile)):
                raise ValueError(problem)
        return self
