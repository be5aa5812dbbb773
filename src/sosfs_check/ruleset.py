"""The rule set as the checks read it, without pydantic.

A rule set comes either from rule files, validated by the pydantic models in `rules`, `lawdata`,
`sections` and `checks.models`, or from the rule cache as records (`records`) of the same fields
with the same behaviour (`behaviour`). A check reads either alike.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from .behaviour import Law
from .errors import UserError
from .values import Frozen

if TYPE_CHECKING:
    from .lexicon import Vocabulary
    from .lawdata import Adoption, LegalText, Pack
    from .rulemodel import Rule
    from .sections import Section


class RuleSet(Frozen):
    """The packs' rules, sections and vocabulary merged, as the checks read them."""

    __slots__ = ("pack", "rules", "packs", "sections", "vocabulary")

    def __init__(
        self,
        pack: Pack,  # the first (built-in) pack
        rules: tuple[Rule, ...],
        packs: tuple[Pack, ...] = (),  # every pack merged in, in order; defaults to (pack,)
        sections: tuple[Section, ...] = (),  # the report's sections, from every pack
        *,
        vocabulary: Vocabulary,  # the packs' description data (descriptions.py)
    ):
        self._set(pack=pack, rules=rules, packs=packs or (pack,), sections=sections, vocabulary=vocabulary)

    def __reduce__(self):  # `vocabulary` is given by name
        return partial(RuleSet, vocabulary=self.vocabulary), (self.pack, self.rules, self.packs, self.sections)

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
