"""Rule packs: the rule file and rule set, loading with file:line errors, the built-in pack.

A rule itself is in `rulemodel`; the `check:` of a rule is one of the check types in `checks/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .descriptions import DescriptionData, Vocabulary, merge_data
from .errors import RuleError, UserError
from .lawdata import Adoption, LegalText, Law, Pack, resolve_basis
from .rulemodel import Rule
from .schema import Strict
from .sections import Section
from .validation import swedish
from .yamlfile import positions, read_yaml, validate


class RuleFile(Strict):
    rules: list[Rule] = []
    sections: list[Section] = []
    descriptions: DescriptionData | None = None  # vocabulary of descriptions, never-evidence wording, law text


@dataclass(frozen=True)
class RuleSet:
    pack: Pack  # the first (built-in) pack
    rules: tuple[Rule, ...]
    packs: tuple[Pack, ...] = ()  # every pack merged in, in order; defaults to (pack,)
    sections: tuple[Section, ...] = ()  # the report's sections, from every pack
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(DescriptionData()))

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


def _validate(model, path: Path, text: str, data: object, trusted: bool = False, texts: dict | None = None,
              law: Law | None = None):
    """Validate a rule, pack or test file's data (see `yamlfile.validate`).

    `texts`: the packs' legal texts by id, which give each rule's citations their source level;
    `law`: the areas and profiles rules may name (default: the built-in pack's)."""
    context = {"trusted": trusted, "texts": texts if texts is not None else {}, "law": law or builtin_rules().law}
    return validate(model, path, text, data, context)


def load_rule_file(path: Path, trusted: bool = False, texts: dict | None = None) -> list[Rule]:
    """The rules of one file; its citations are resolved with `texts`, by default those of the pack.yml
    beside it and of the built-in pack."""
    return _load_file(path, trusted, file_texts(path) if texts is None else texts).rules


def file_texts(path: Path) -> dict[str, LegalText]:
    """The legal texts a rule file alone is read with: the built-in pack's, and its own pack's if it has one."""
    texts = dict(builtin_rules().texts)
    pack = path.parent / "pack.yml"
    if pack.is_file():
        texts.update({text.id: text for text in load_pack_file(pack).texts})
    return texts


def _load_file(path: Path, trusted: bool = False, texts: dict | None = None, law: Law | None = None) -> RuleFile:
    from .bounds import DataError, rule_count

    text, data = read_yaml(path)
    listed = data.get("rules") if isinstance(data, dict) else None
    try:
        rule_count(len(listed) if isinstance(listed, list) else 0)  # before validating them all
    except DataError as exc:
        raise RuleError([f"{path}:1:1: {exc.problem}"]) from None
    return _validate(RuleFile, path, text, data, trusted, texts, law)


def _section_problems(files: dict[Path, RuleFile], known: dict[str, Section]) -> list[str]:
    """Rules and sections that name a section no pack defines."""
    problems = []
    for path, file in files.items():
        where = None
        for kind, items, key in (("rules", file.rules, "section"), ("sections", file.sections, "parent")):
            for i, item in enumerate(items):
                target = getattr(item, key)
                if target is not None and target not in known:
                    where = where or positions(path.read_text(encoding="utf-8"))
                    line, col = where.get((kind, i, key), (1, 1))
                    problems.append(f"{path}:{line}:{col}: {kind}.{i}.{key}: okänt avsnitt {target!r}; "
                                    "avsnitten anges under 'sections:' i regelpaketet")
        for i, section in enumerate(file.sections):
            seen, parent = {section.id}, section.parent
            while parent in known and parent not in seen:
                seen.add(parent)
                parent = known[parent].parent
            if parent == section.id:
                where = where or positions(path.read_text(encoding="utf-8"))
                line, col = where.get(("sections", i, "parent"), (1, 1))
                problems.append(f"{path}:{line}:{col}: sections.{i}.parent: avsnittet {section.id!r} ligger "
                                "under sig självt (föräldrarna går i cirkel)")
    return problems


def load_pack_file(path: Path) -> Pack:
    if not path.is_file():
        raise RuleError([f"{path}:1:1: regelpaketet saknar pack.yml (name, version)"])
    return validate(Pack, path, *read_yaml(path))


def load_rules(directory: Path, trusted: bool = False, texts: dict | None = None) -> RuleSet:
    """Load `pack.yml` and every other `*.yml` in a directory; ids must be unique.

    Every pack, the built-in one too, is held to `bounds` and its patterns to RE2 (`regexes`).
    `texts`: legal texts known from earlier packs; the pack's own `texts` add to them.
    """
    if not directory.is_dir():
        raise RuleError([f"{directory}: regelpaketets mapp finns inte"])
    from .bounds import DataError, pack_size, rule_count

    try:
        pack_size(sorted(directory.glob("*.yml")))
    except DataError as exc:
        raise RuleError([f"{directory}: {exc.problem}"]) from None
    pack = load_pack_file(directory / "pack.yml")
    texts = {**(texts or {}), **{text.id: text for text in pack.texts}}
    builtin = directory.resolve() == builtin_rules_dir().resolve()
    law = Law.of((pack,) if builtin else (*builtin_rules().packs, pack))
    rules: list[Rule] = []
    descriptions: list[DescriptionData] = []
    seen: dict[str, Path] = {}
    problems: list[str] = []
    files: dict[Path, RuleFile] = {}
    for path in sorted(directory.glob("*.yml")):
        if path.name == "pack.yml":
            continue
        try:
            files[path] = file = _load_file(path, trusted, texts, law)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        if file.descriptions is not None:
            descriptions.append(file.descriptions)
        for rule in file.rules:
            if rule.id in seen:
                problems.append(f"{path}:1:1: regel-id {rule.id} finns redan i {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
        try:
            rule_count(len(rules))
        except DataError as exc:
            raise RuleError([f"{path}: {exc.problem}"]) from None
    sections = {s.id: s for file in files.values() for s in file.sections}
    known = sections if builtin else {**{s.id: s for s in builtin_rules().sections}, **sections}
    problems.extend(_section_problems(files, known))
    if problems:
        raise RuleError(problems)
    return RuleSet(pack=pack, rules=tuple(rules), sections=tuple(sections.values()),
                   vocabulary=Vocabulary.build(merge_data(descriptions)))


@cache
def builtin_rules() -> RuleSet:
    from .rulecache import cached

    return cached(builtin_rules_dir(), lambda directory: load_rules(directory, trusted=True))


def merge_pack(base: RuleSet, directory: Path) -> RuleSet:
    """Add the pack in `directory` to `base`: a rule with a known id replaces it in place,
    a new one is appended, and ids in the pack's `disable:` are removed."""
    extra = load_rules(directory, texts=base.texts)
    rules = {r.id: r for r in base.rules}
    disable = [base.aliases.get(rule_id, rule_id) for rule_id in extra.pack.disable]
    unknown = [(i, rule_id) for i, rule_id in enumerate(extra.pack.disable) if disable[i] not in rules]
    if unknown:
        pack_path = directory / "pack.yml"
        where = positions(pack_path.read_text(encoding="utf-8"))
        raise RuleError([
            f"{pack_path}:{':'.join(map(str, where.get(('disable', i), (1, 1))))}: "
            f"disable: okänt regel-id {rule_id!r}"
            for i, rule_id in unknown
        ])
    for rule_id in disable:
        del rules[rule_id]
    if extra.pack.texts:
        rules = _resolved_again(rules, {**base.texts, **extra.texts}, directory / "pack.yml")
    for rule in extra.rules:
        rules[rule.id] = rule
    sections = {s.id: s for s in (*base.sections, *extra.sections)}
    vocabulary = base.vocabulary
    if extra.vocabulary.data != DescriptionData():
        vocabulary = Vocabulary.build(merge_data([base.vocabulary.data, extra.vocabulary.data]))
    return RuleSet(pack=base.pack, rules=tuple(rules.values()), packs=base.packs + extra.packs,
                   sections=tuple(sections.values()), vocabulary=vocabulary)


def _resolved_again(rules: dict[str, Rule], texts: dict[str, LegalText], pack_path: Path) -> dict[str, Rule]:
    """Earlier packs' rules with their citations resolved against a later pack's `texts`; a rule that
    the new sources no longer support at its severity is an error in that pack."""
    out, problems = {}, []
    for rule_id, rule in rules.items():
        try:
            bases = [resolve_basis(c, texts).model_dump() for c in rule.legal_basis]
            out[rule_id] = type(rule).model_validate({**rule.model_dump(), "bases": bases})
        except ValidationError as exc:
            problems.append(f"{pack_path}:1:1: texts: {rule_id}: {swedish(exc.errors()[0])}")
    if problems:
        raise RuleError(problems)
    return out


def load_ruleset(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in pack with extra packs (`--rules DIR`, configuration) merged in, in order; cached."""
    return _ruleset(tuple(dict.fromkeys(Path(d).resolve() for d in extra_dirs)))  # a pack named twice counts once


@cache
def _ruleset(extra_dirs: tuple[Path, ...]) -> RuleSet:
    ruleset = builtin_rules()
    for directory in extra_dirs:
        ruleset = merge_pack(ruleset, directory)
    return ruleset
