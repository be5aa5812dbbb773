"""Rule files: the Rule and Pack models, loading with file:line errors, the built-in pack.

The `check:` of a rule is one of the check types in `checks/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from .checks import CHECK_TYPE_NAMES, Check
from .errors import RuleError
from .schema import Strict

AREAS: dict[str, str] = {
    "lagar": "Lagar och andra krav",
    "ansvar": "Ansvarsfördelning",
    "processer": "Processer och rutiner",
    "samverkan": "Samverkan",
    "riskanalys": "Riskanalys",
    "egenkontroll": "Egenkontroll",
    "klagomal": "Klagomål och synpunkter",
    "avvikelser": "Avvikelser, lex Maria och lex Sarah",
    "forbattring": "Systematiskt förbättringsarbete",
    "medverkan": "Personalens medverkan",
    "dokumentation": "Dokumentation av kvalitetsarbetet",
    "berattelse": "Berättelsens innehåll",
}
PROFILES: dict[str, str] = {
    "patientsakerhetsberattelse": "Patientsäkerhetsberättelse",
    "kvalitetsberattelse": "Kvalitetsberättelse",
    "kombinerad": "Patientsäkerhets- och kvalitetsberättelse",
}
SEVERITIES = ("error", "warning", "info")

Area = Literal[tuple(AREAS)]  # type: ignore[valid-type]
Profile = Literal[tuple(PROFILES)]  # type: ignore[valid-type]
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


class Wording(Strict):
    """A text in Swedish and, optionally, English."""

    sv: str = Field(min_length=1)
    en: str = ""

    def text(self, lang: str) -> str:
        return (self.en if lang == "en" else "") or self.sv


SectionId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Section(Strict):
    """A section of the report, in the order of SKR's template; rules name it with `section:`.

    `sosfs-check mall` writes one heading for every section an active rule of the profile names
    (and for its parents). `titles` words a heading differently for one profile; `aliases` are
    other headings that mean the same section in an earlier year's report.
    """

    id: SectionId
    title: Wording
    order: int
    parent: SectionId | None = None
    profiles: list[Profile] = Field(default=list(PROFILES), min_length=1)
    titles: dict[Profile, Wording] = {}
    aliases: list[str] = []

    def heading(self, profile: str, lang: str) -> str:
        return self.titles.get(profile, self.title).text(lang)


class Rule(Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title: str
    area: Area
    profiles: list[Profile] = Field(min_length=1)
    severity: Severity
    obligation: Literal["ska", "bör", "praxis"] = "ska"
    verified: bool = True
    legal_basis: list[str] = Field(min_length=1)
    check: Check
    message: str
    fix: str
    explain: Explain | None = None
    section: SectionId | None = None  # where the report describes it (a `sections:` id); None = the whole report

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

    @model_validator(mode="after")
    def _severity_follows_law(self) -> Rule:
        if self.severity == "error" and self.obligation != "ska":
            raise ValueError(f"ett {self.obligation!r}-krav kan inte ha severity error (högst warning)")
        if self.severity == "error" and not self.verified:
            raise ValueError("en overifierad regel är rådgivande: severity kan inte vara error")
        if self.obligation == "praxis" and self.severity != "info":
            raise ValueError("god praxis ger högst severity info")
        return self


class Pack(Strict):
    name: str
    version: str
    description: str = ""
    disable: list[str] = []  # ids of rules from earlier packs (the built-in one) to switch off


class RuleFile(Strict):
    rules: list[Rule] = []
    sections: list[Section] = []


@dataclass(frozen=True)
class RuleSet:
    pack: Pack  # the first (built-in) pack
    rules: tuple[Rule, ...]
    packs: tuple[Pack, ...] = ()  # every pack merged in, in order; defaults to (pack,)
    sections: tuple[Section, ...] = ()  # the report's sections, from every pack

    def __post_init__(self):
        if not self.packs:
            object.__setattr__(self, "packs", (self.pack,))

    @property
    def pack_names(self) -> str:
        """Every pack as 'name version', for report headers."""
        return " + ".join(f"{p.name} {p.version}" for p in self.packs)

    def for_profile(self, profile: str) -> list[Rule]:
        return [r for r in self.rules if profile in r.profiles]

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def builtin_rules_dir() -> Path:
    """The bundled pack: inside the installed package, or `rules/` in a source checkout."""
    installed = Path(__file__).parent / "rules"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "rules"


def _yaml_loader():
    import yaml  # here: a run with cached rules never reads YAML (see rulecache)

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _positions(text: str) -> dict[tuple, tuple[int, int]]:
    """Map each key path in a YAML text to its 1-based (line, column)."""
    import yaml

    out: dict[tuple, tuple[int, int]] = {}

    def walk(node, path):
        out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
                out[path + (key.value,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    root = yaml.compose(text, Loader=_yaml_loader())
    if root is not None:
        walk(root, ())
    return out


def _locate(positions: dict[tuple, tuple[int, int]], loc: tuple) -> tuple[int, int]:
    """Deepest known position along a pydantic error location (union tags are skipped)."""
    path: tuple = ()
    best = positions.get((), (1, 1))
    for part in loc:
        if path + (part,) in positions:
            path += (part,)
            best = positions[path]
    return best


def _read_yaml(path: Path) -> tuple[str, object]:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([f"{path}:1:1: kan inte läsas: {exc}"]) from exc
    try:
        return text, yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError([f"{path}:{line}:{col}: ogiltig YAML: {problem}"]) from exc


def _message(err: dict) -> str:
    """A pydantic error in Swedish, for the common kinds."""
    kind, ctx = err["type"], err.get("ctx", {})
    if kind == "extra_forbidden":
        return f"okänd nyckel '{err['loc'][-1]}'"
    if kind == "missing":
        return f"nyckeln '{err['loc'][-1]}' saknas"
    if kind == "union_tag_invalid":
        return f"okänd kontrolltyp {ctx['tag']!r}; välj bland: {', '.join(CHECK_TYPE_NAMES)}"
    if kind == "union_tag_not_found":
        return f"kontrollen saknar 'type'; välj bland: {', '.join(CHECK_TYPE_NAMES)}"
    if kind == "literal_error":
        return f"ogiltigt värde {err['input']!r}; tillåtna värden: {ctx['expected'].replace(' or ', ', ')}"
    return err["msg"].removeprefix("Value error, ")


def _validate(model, path: Path, text: str, data: object, trusted: bool = False):
    """Validate YAML data; every problem becomes 'file:line:column: key.path: message'."""
    try:
        return model.model_validate(data if data is not None else {}, context={"trusted": trusted})
    except ValidationError as exc:
        positions = _positions(text)
        problems = []
        for err in exc.errors():
            loc = err["loc"] + (("type",) if err["type"] == "union_tag_invalid" else ())
            line, col = _locate(positions, loc)
            where = ".".join(str(p) for p in loc)
            problems.append(f"{path}:{line}:{col}: {where}: {_message(err)}")
        raise RuleError(problems) from exc


def load_rule_file(path: Path, trusted: bool = False) -> list[Rule]:
    return _load_file(path, trusted).rules


def _load_file(path: Path, trusted: bool = False) -> RuleFile:
    text, data = _read_yaml(path)
    return _validate(RuleFile, path, text, data, trusted)


def _section_problems(files: dict[Path, RuleFile], known: dict[str, Section]) -> list[str]:
    """Rules and sections that name a section no pack defines."""
    problems = []
    for path, file in files.items():
        positions = None
        for kind, items, key in (("rules", file.rules, "section"), ("sections", file.sections, "parent")):
            for i, item in enumerate(items):
                target = getattr(item, key)
                if target is not None and target not in known:
                    positions = positions or _positions(path.read_text(encoding="utf-8"))
                    line, col = positions.get((kind, i, key), (1, 1))
                    problems.append(f"{path}:{line}:{col}: {kind}.{i}.{key}: okänt avsnitt {target!r}; "
                                    "avsnitten anges under 'sections:' i regelpaketet")
    return problems


def load_pack_file(path: Path) -> Pack:
    if not path.is_file():
        raise RuleError([f"{path}:1:1: regelpaketet saknar pack.yml (name, version)"])
    return _validate(Pack, path, *_read_yaml(path))


def load_rules(directory: Path, trusted: bool = False) -> RuleSet:
    """Load `pack.yml` and every other `*.yml` in a directory; ids must be unique.

    `trusted` (the built-in pack, whose rule tests run in CI) skips the backtracking analysis.
    """
    if not directory.is_dir():
        raise RuleError([f"{directory}: regelpaketets mapp finns inte"])
    pack = load_pack_file(directory / "pack.yml")
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    problems: list[str] = []
    files: dict[Path, RuleFile] = {}
    for path in sorted(directory.glob("*.yml")):
        if path.name == "pack.yml":
            continue
        try:
            files[path] = file = _load_file(path, trusted)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        for rule in file.rules:
            if rule.id in seen:
                problems.append(f"{path}:1:1: regel-id {rule.id} finns redan i {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    sections = {s.id: s for file in files.values() for s in file.sections}
    builtin = directory.resolve() == builtin_rules_dir().resolve()
    known = sections if builtin else {**{s.id: s for s in builtin_rules().sections}, **sections}
    problems.extend(_section_problems(files, known))
    if problems:
        raise RuleError(problems)
    return RuleSet(pack=pack, rules=tuple(rules), sections=tuple(sections.values()))


@cache
def builtin_rules() -> RuleSet:
    from .rulecache import cached

    return cached(builtin_rules_dir(), lambda directory: load_rules(directory, trusted=True), RuleSet)


def merge_pack(base: RuleSet, directory: Path) -> RuleSet:
    """Add the pack in `directory` to `base`: a rule with a known id replaces it in place,
    a new one is appended, and ids in the pack's `disable:` are removed."""
    extra = load_rules(directory)
    rules = {r.id: r for r in base.rules}
    unknown = [(i, rule_id) for i, rule_id in enumerate(extra.pack.disable) if rule_id not in rules]
    if unknown:
        pack_path = directory / "pack.yml"
        positions = _positions(pack_path.read_text(encoding="utf-8"))
        raise RuleError([
            f"{pack_path}:{':'.join(map(str, positions.get(('disable', i), (1, 1))))}: "
            f"disable: okänt regel-id {rule_id!r}"
            for i, rule_id in unknown
        ])
    for rule_id in extra.pack.disable:
        del rules[rule_id]
    for rule in extra.rules:
        rules[rule.id] = rule
    sections = {s.id: s for s in (*base.sections, *extra.sections)}
    return RuleSet(pack=base.pack, rules=tuple(rules.values()), packs=base.packs + extra.packs,
                   sections=tuple(sections.values()))


def load_ruleset(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in pack with extra packs (`--rules DIR`, configuration) merged in, in order; cached."""
    return _ruleset(tuple(dict.fromkeys(Path(d).resolve() for d in extra_dirs)))  # a pack named twice counts once


@cache
def _ruleset(extra_dirs: tuple[Path, ...]) -> RuleSet:
    ruleset = builtin_rules()
    for directory in extra_dirs:
        ruleset = merge_pack(ruleset, directory)
    return ruleset
