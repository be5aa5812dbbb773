"""What validated rule-pack data does beyond holding its fields, shared by the pydantic models
(`lawdata`, `rulemodel`, `sections`) and the rule cache's records (`KINDS`); and the law (areas,
profiles, paragraphs) of a list of packs. Imports no pydantic and nothing of the rule set."""

from __future__ import annotations

from datetime import date

from .records import Record
from .values import Frozen


class InForce:
    """In force from `valid_from` up to and including `valid_to`; open-ended when not given."""

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class BasisBehaviour:
    @property
    def supports_error(self) -> bool:
        """Can this basis carry an error: report content read first hand, or quoted by a named source."""
        return self.in_report and (self.level == "primary" or (self.level == "secondary" and self.quotes_wording))


class RuleBehaviour:
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

    def applies_to(self, day: date, year: int | None) -> bool:
        """Applies on `day` (`applies_on`), and the rule's own requirement already existed in the year the
        report is about: a duty new from a later day (`valid_from`) cannot be reported on for that year."""
        return self.applies_on(day) and (year is None or self.valid_from is None or self.valid_from.year <= year)

    def bases_in_force(self, day: date) -> list:
        """The bases in force on `day`; all of them when none is."""
        return [b for b in self.bases if b.in_force(day)] or list(self.bases)

    def severity_problem(self, profile: str, severity: str) -> str | None:
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


class WordingBehaviour:
    def text(self, lang: str) -> str:
        return (self.en if lang == "en" else "") or self.sv


class SectionBehaviour:
    def heading(self, profile: str, lang: str) -> str:
        return self.titles.get(profile, self.title).text(lang)


BEHAVIOUR = {  # model -> what it does beyond holding its fields
    "Rule": (RuleBehaviour, InForce), "LegalText": (InForce,), "LegalBasis": (BasisBehaviour, InForce),
    "Wording": (WordingBehaviour,), "Section": (SectionBehaviour,),
}  # fmt: skip


class Kinds(dict):
    """Model name -> its record class, made on first use."""

    def __missing__(self, name: str) -> type:
        if not name.isidentifier():
            raise ValueError(f"not a model name: {name!r}")
        kind = self[name] = type(name, (*BEHAVIOUR.get(name, ()), Record), {"__module__": __name__})
        return kind


KINDS = Kinds()


class Law(Frozen):
    """The areas, profiles and paragraph names of a list of packs, later packs adding to earlier ones."""

    __slots__ = ("areas", "profiles", "paragraphs", "authorisations")

    def __init__(
        self,
        areas: dict[str, str],
        profiles: dict,
        paragraphs: dict[str, str],
        authorisations: frozenset[str] = frozenset(),  # paragraphs that empower others to issue föreskrifter
    ):
        self._set(areas=areas, profiles=profiles, paragraphs=paragraphs, authorisations=authorisations)

    @classmethod
    def of(cls, packs) -> Law:
        merged = ({}, {}, {})
        for pack in packs:
            for table, extra in zip(merged, (pack.areas, pack.profiles, pack.paragraphs)):
                table.update(extra)
        return cls(*merged, frozenset(a for pack in packs for a in pack.authorisations))

    def implied_profiles(self, profiles: list[str]) -> list[str]:
        """The profiles with every combined profile all of whose kinds are listed."""
        return [*profiles, *(
            name for name, spec in self.profiles.items()
            if spec.combines and name not in profiles and all(kind in profiles for kind in spec.combines)
        )]
