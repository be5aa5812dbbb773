"""The rule set as the checks read it, without pydantic: `RuleSet`, the law of its packs, and the
behaviour of its rules, legal bases and sections.

A rule set comes either from rule files, validated by the pydantic models in `rules`, `lawdata`,
`sections` and `checks.models` (which take their behaviour from here), or from the rule cache as
records (`records`) of the same fields with the same behaviour. A check reads either alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError
from .records import Record
from .result import SEVERITY_RANK

if TYPE_CHECKING:
    from .descriptions import Vocabulary
    from .lawdata import Adoption, LegalText, Pack
    from .rulemodel import Rule
    from .sections import Section


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

    def raised_by_configuration(self, severity: str):
        """The rule at another severity from a configuration: a lower one is always allowed; a raise the
        policy would refuse is kept, and marked so that the report says so."""
        from .records import dump
        from .rulemodel import Rule

        data = {**dump(self), "severity": severity, "severity_by_profile": {}}
        breaks = any(self.severity_problem(p, severity) for p in self.profiles)
        raised = SEVERITY_RANK[severity] > min(SEVERITY_RANK[self.severity_for(p)] for p in self.profiles)
        if breaks and raised:
            data["raised_from"] = self.severity
        return Rule.model_validate(data)


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


@dataclass(frozen=True)
class Law:
    """The areas, profiles and paragraph names of a list of packs, later packs adding to earlier ones."""

    areas: dict[str, str]
    profiles: dict
    paragraphs: dict[str, str]
    authorisations: frozenset[str] = frozenset()  # paragraphs that empower others to issue föreskrifter

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


def _no_descriptions() -> Vocabulary:
    from .descriptions import Vocabulary

    return Vocabulary.empty()


@dataclass(frozen=True)
class RuleSet:
    pack: Pack  # the first (built-in) pack
    rules: tuple[Rule, ...]
    packs: tuple[Pack, ...] = ()  # every pack merged in, in order; defaults to (pack,)
    sections: tuple[Section, ...] = ()  # the report's sections, from every pack
    vocabulary: Vocabulary = field(default_factory=_no_descriptions)

    def __post_init__(self):
        if not self.packs:
            object.__setattr__(self, "packs", (self.pack,))

    @property
    def pack_names(self) -> str:
        """Every pack as 'name version', for report headers."""
        return " + ".join(f"{p.name} {p.version}" for p in self.packs)

    @property
    def law(self) -> Law:
        return Law.of(self.packs)

    @property
    def areas(self) -> dict[str, str]:
        """Checklist area -> its title, in the checklist's order."""
        return self.law.areas

    @property
    def profiles(self) -> dict[str, str]:
        """Profile (kind of report) -> its title."""
        return {name: spec.title for name, spec in self.law.profiles.items()}

    @property
    def paragraphs(self) -> dict[str, str]:
        """Cited paragraph -> what it requires, for the coverage matrix."""
        return self.law.paragraphs

    def check_profile(self, profile: str | None, where: str = "--profile") -> str | None:
        """The profile's key when the packs know it, however it is written (or None: detect it);
        the one check of a profile name."""
        if profile is None:
            return None
        from .profiles import profile_name  # also `psb`, `kb`, without å/ä

        name = profile_name(profile, self.profiles)
        if name is None:
            raise UserError(f"{where}: okänd profil {profile!r}; välj bland: {', '.join(self.law.profiles)}")
        return name

    @property
    def texts(self) -> dict[str, LegalText]:
        """Every pack's legal texts by id; a later pack's entry replaces an earlier one."""
        return {text.id: text for pack in self.packs for text in pack.texts}

    @property
    def adoption(self) -> Adoption | None:
        """The adoption words of the last pack that has them."""
        return next((p.adoption for p in reversed(self.packs) if p.adoption), None)

    def for_profile(self, profile: str) -> list[Rule]:
        return [r for r in self.rules if profile in r.profiles]

    def by_id(self, rule_id: str) -> Rule | None:
        """The rule with this id, or with it as an earlier id (an alias)."""
        return next((r for r in self.rules if r.id == rule_id), None) or next(
            (r for r in self.rules if rule_id in r.aliases), None
        )

    @property
    def aliases(self) -> dict[str, str]:
        """Earlier rule id -> the id the rule has now."""
        return {alias: r.id for r in self.rules for alias in r.aliases}


def builtin_rules_dir() -> Path:
    """The bundled pack: inside the installed package, or `rules/` in a source checkout."""
    installed = Path(__file__).parent / "rules"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "rules"


@cache
def builtin_rules() -> RuleSet:
    from .rulecache import cached

    return cached(builtin_rules_dir(), _load_builtin)


def _load_builtin(directory: Path) -> RuleSet:
    from .rules import load_rules

    return load_rules(directory, trusted=True)


def load_ruleset(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in pack with extra packs (`--rules DIR`, configuration) merged in, in order; cached."""
    return _ruleset(tuple(dict.fromkeys(Path(d).resolve() for d in extra_dirs)))  # a pack named twice counts once


@cache
def _ruleset(extra_dirs: tuple[Path, ...]) -> RuleSet:
    ruleset = builtin_rules()
    for directory in extra_dirs:
        from .rules import merge_pack  # validates the pack's YAML

        ruleset = merge_pack(ruleset, directory)
    return ruleset
