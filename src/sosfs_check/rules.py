"""Rule files: the Rule and Pack models, loading with file:line errors, the built-in pack.

The `check:` of a rule is one of the check types in `checks/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from pydantic.json_schema import SkipJsonSchema

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


SourceLevel = Literal["primary", "secondary", "unverified"]
Obligation = Literal["ska", "bör", "praxis", "publicering"]
LEGAL_OBLIGATIONS = ("ska", "bör", "praxis")  # `publicering` is editorial readiness, not law
_TEXT_ID = re.compile(r"^(?:SFS|SOSFS|HSLF-FS) \d{4}:\d+")
_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Dated(Strict):
    """In force from `valid_from` up to and including `valid_to`; open-ended when not given."""

    valid_from: date | None = None
    valid_to: date | None = None

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class ProvisionSource(Strict):
    """How one provision was read, when it differs from its statute's or föreskrift's source."""

    level: SourceLevel
    reference: str = Field(min_length=1)
    quotes_wording: bool = False
    valid_from: date | None = None  # when the provision itself came into force (e.g. 27 kap. 7 § SoL)
    valid_to: date | None = None  # the last day the provision itself was in force
    check_before_release: str = ""  # what must be checked against the official text


class LegalText(Dated):
    """A statute or föreskrift the pack cites: where its text was read, how reliably, which version the
    pack encodes and, once known, what replaced it."""

    id: str = Field(pattern=r"^(SFS|SOSFS|HSLF-FS) \d{4}:\d+$")  # "SFS 2010:659"
    name: str
    level: SourceLevel  # primary: read in the consolidated text; secondary: a named source; unverified
    reference: str = Field(min_length=1)  # the file or the named secondary source
    quotes_wording: bool = False  # a secondary source that quotes the provisions' own wording
    version: str = ""  # the version the pack encodes, e.g. "ändrad t.o.m. HSLF-FS 2025:21"
    replaced_by: str = ""  # in force after valid_to
    replaces: str = ""  # in force before valid_from
    report_content: list[str] = []  # provisions that say what the report itself contains: "3 kap. 10 §"
    provisions: dict[str, ProvisionSource] = {}  # "5 kap. 3 §" -> its own source
    check_before_release: str = ""  # what must be checked against the official text (docs/legal-sources.md)


class LegalBasis(Dated):
    """One citation of a rule, with how its text was verified and when it is in force."""

    cite: str
    level: SourceLevel = "unverified"
    reference: str = ""
    quotes_wording: bool = False
    in_report: bool = False  # the provision prescribes content of the report itself

    @property
    def supports_error(self) -> bool:
        """Can this basis carry an error: report content read first hand, or quoted by a named source."""
        return self.in_report and (self.level == "primary" or (self.level == "secondary" and self.quotes_wording))


def resolve_basis(citation: str, texts: dict[str, LegalText]) -> LegalBasis:
    """The citation with its source level and dates from the pack's texts; unverified when unknown."""
    match = _TEXT_ID.match(citation)
    text = texts.get(match.group(0)) if match else None
    if text is None:
        return LegalBasis(cite=citation)
    provision = citation[match.end() :].strip()
    own = next((s for key, s in text.provisions.items() if provision.startswith(key)), None)
    source = own or text
    return LegalBasis(
        cite=citation,
        level=source.level,
        reference=source.reference,
        quotes_wording=source.quotes_wording,
        in_report=any(provision.startswith(p) for p in text.report_content),
        valid_from=(own.valid_from if own else None) or text.valid_from,
        valid_to=(own.valid_to if own else None) or text.valid_to,
    )


class Rule(Dated):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
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


class Adoption(Strict):
    """Words that date a report: when it was drawn up (the 1 March deadline in PSL 3 kap. 10 §) and when a
    body treated, approved or adopted it (not a deadline)."""

    drawn_up: list[str] = Field(min_length=1)  # "upprättad", "daterad"
    adopted: list[str] = Field(min_length=1)  # "fastställd", "behandlad", "godkänd"


class Pack(Strict):
    name: str
    version: str
    description: str = ""
    disable: list[str] = []  # ids of rules from earlier packs (the built-in one) to switch off
    texts: list[LegalText] = []  # the statutes and föreskrifter the rules cite, and how they were read
    adoption: Adoption | None = None  # the built-in pack's words are used when a pack has none


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


def _validate(model, path: Path, text: str, data: object, trusted: bool = False, texts: dict | None = None):
    """Validate YAML data; every problem becomes 'file:line:column: key.path: message'.

    `texts`: the packs' legal texts by id, which give each rule's citations their source level."""
    try:
        context = {"trusted": trusted, "texts": texts if texts is not None else {}}
        return model.model_validate(data if data is not None else {}, context=context)
    except ValidationError as exc:
        positions = _positions(text)
        problems = []
        for err in exc.errors():
            loc = err["loc"] + (("type",) if err["type"] == "union_tag_invalid" else ())
            line, col = _locate(positions, loc)
            where = ".".join(str(p) for p in loc)
            problems.append(f"{path}:{line}:{col}: {where}: {_message(err)}")
        raise RuleError(problems) from exc


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


def _load_file(path: Path, trusted: bool = False, texts: dict | None = None) -> RuleFile:
    text, data = _read_yaml(path)
    return _validate(RuleFile, path, text, data, trusted, texts)


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


def load_rules(directory: Path, trusted: bool = False, texts: dict | None = None) -> RuleSet:
    """Load `pack.yml` and every other `*.yml` in a directory; ids must be unique.

    `trusted` (the built-in pack, whose rule tests run in CI) skips the backtracking analysis.
    `texts`: legal texts known from earlier packs; the pack's own `texts` add to them.
    """
    if not directory.is_dir():
        raise RuleError([f"{directory}: regelpaketets mapp finns inte"])
    pack = load_pack_file(directory / "pack.yml")
    texts = {**(texts or {}), **{text.id: text for text in pack.texts}}
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    problems: list[str] = []
    files: dict[Path, RuleFile] = {}
    for path in sorted(directory.glob("*.yml")):
        if path.name == "pack.yml":
            continue
        try:
            files[path] = file = _load_file(path, trusted, texts)
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
    extra = load_rules(directory, texts=base.texts)
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
    if extra.pack.texts:
        rules = _resolved_again(rules, {**base.texts, **extra.texts}, directory / "pack.yml")
    for rule in extra.rules:
        rules[rule.id] = rule
    sections = {s.id: s for s in (*base.sections, *extra.sections)}
    return RuleSet(pack=base.pack, rules=tuple(rules.values()), packs=base.packs + extra.packs,
                   sections=tuple(sections.values()))


def _resolved_again(rules: dict[str, Rule], texts: dict[str, LegalText], pack_path: Path) -> dict[str, Rule]:
    """Earlier packs' rules with their citations resolved against a later pack's `texts`; a rule that
    the new sources no longer support at its severity is an error in that pack."""
    out, problems = {}, []
    for rule_id, rule in rules.items():
        try:
            bases = [resolve_basis(c, texts).model_dump() for c in rule.legal_basis]
            out[rule_id] = type(rule).model_validate({**rule.model_dump(), "bases": bases})
        except ValidationError as exc:
            problems.append(f"{pack_path}:1:1: texts: {rule_id}: {_message(exc.errors()[0])}")
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
