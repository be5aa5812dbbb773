"""Rule files: pydantic models, loading with file:line errors, the built-in pack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import RuleError

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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SectionCheck(Strict):
    """A section with one of these headings and real content; body phrases count as partial evidence."""

    type: Literal["section"]
    headings: list[str] = Field(min_length=1)
    phrases: list[str] = []
    min_words: int = Field(default=15, ge=0)


class PhrasesCheck(Strict):
    """Every group must be matched by one of its terms: within some sections, or in one paragraph."""

    type: Literal["phrases"]
    groups: list[list[str]] = Field(min_length=1)
    within: list[str] = []
    same_block: bool = False


class TitleCheck(Strict):
    """The title page names the kind of report (and a year)."""

    type: Literal["title"]
    terms: list[str] = Field(min_length=1)
    require_year: bool = True


def _regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"reguljärt uttryck kompilerar inte: {pattern!r}: {exc}") from exc
    return pattern


Regex = Annotated[str, AfterValidator(_regex)]
FactKey = Literal[
    "avvikelser", "klagomal_synpunkter", "lex_maria_anmalningar", "lex_sarah_rapporter", "ivo_anmalningar", "riskanalyser"
]


class AbsenceCheck(Strict):
    """Fails when the report itself states that the work was not done."""

    type: Literal["absence"]
    patterns: list[Regex] = Field(min_length=1)
    within: list[str] = []


class FigureCheck(Strict):
    """The report states a figure (a count), in text or in a table."""

    type: Literal["figure"]
    key: FactKey
    within: list[str] = []  # where a finding points when the figure is missing


class AdoptionCheck(Strict):
    """The adoption date: stated, by the deadline, one year after the period reported on."""

    type: Literal["adoption"]
    require: Literal["present", "deadline", "previous_year"]
    deadline: str = Field(default="03-01", pattern=r"^\d{2}-\d{2}$")  # MM-DD in the year after the period


class PeriodTextCheck(Strict):
    """The body speaks mostly of the period year, not of an earlier one (copied text)."""

    type: Literal["period_text"]
    min_mentions: int = Field(default=4, ge=1)


class PlaceholdersCheck(Strict):
    """Template leftovers and review marks that must not be published."""

    type: Literal["placeholders"]
    patterns: list[Regex] = []
    markup: list[Literal["comment", "insertion", "deletion", "highlight"]] = []


class StaleEntry(Strict):
    pattern: Regex
    replacement: str
    since: date
    context: Regex | None = None  # must also match the sentence or its section path
    note: str = ""


class StaleReferencesCheck(Strict):
    """References to laws, föreskrifter and bodies that have been replaced, judged at --as-of."""

    type: Literal["stale_references"]
    entries: list[StaleEntry] = Field(min_length=1)
    historical: Regex = r"\b(tidigare|upphävd|upphävdes|ersattes|ersatt|hette|dåvarande|före den)\b"


class LawParagraphs(Strict):
    name: str
    pattern: Regex  # how the law is named in text
    chapters: dict[int, int] = {}  # chapter -> highest paragraph number
    chapter_count: int | None = None  # number of chapters, when known


class CitationsCheck(Strict):
    """Malformed citations ("SOSFS: 2011:9") and paragraphs that do not exist."""

    type: Literal["citations"]
    malformed: list[Regex] = []
    laws: list[LawParagraphs] = []


class TocCheck(Strict):
    """Headings the table of contents promises exist in the body, and the reverse."""

    type: Literal["toc"]
    min_ratio: int = Field(default=88, ge=50, le=100)


Check = Annotated[
    Union[
        SectionCheck,
        PhrasesCheck,
        TitleCheck,
        AbsenceCheck,
        FigureCheck,
        AdoptionCheck,
        PeriodTextCheck,
        PlaceholdersCheck,
        StaleReferencesCheck,
        CitationsCheck,
        TocCheck,
    ],
    Field(discriminator="type"),
]


class Explain(Strict):
    """Longer text for `rules explain`."""

    requirement: str
    why: str
    example: str


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


class RuleFile(Strict):
    rules: list[Rule] = []


@dataclass(frozen=True)
class RuleSet:
    pack: Pack
    rules: tuple[Rule, ...]

    def for_profile(self, profile: str) -> list[Rule]:
        return [r for r in self.rules if profile in r.profiles]

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def builtin_rules_dir() -> Path:
    """The bundled pack: inside the installed package, or `rules/` in a source checkout."""
    installed = Path(__file__).parent / "rules"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "rules"


def _yaml_loader():
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _positions(text: str) -> dict[tuple, tuple[int, int]]:
    """Map each key path in a YAML text to its 1-based (line, column)."""
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


def _validate(model, path: Path, text: str, data: object):
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        positions = _positions(text)
        problems = []
        for err in exc.errors():
            line, col = _locate(positions, err["loc"])
            where = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                msg = f"okänd nyckel '{err['loc'][-1]}'"
            else:
                msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{path}:{line}:{col}: {where}: {msg}")
        raise RuleError(problems) from exc


def load_rule_file(path: Path) -> list[Rule]:
    text, data = _read_yaml(path)
    return _validate(RuleFile, path, text, data).rules


def load_rules(directory: Path) -> RuleSet:
    """Load `pack.yml` and every other `*.yml` in a directory; ids must be unique."""
    pack_path = directory / "pack.yml"
    if not pack_path.is_file():
        raise RuleError([f"{pack_path}:1:1: regelpaketet saknar pack.yml (name, version)"])
    pack = _validate(Pack, pack_path, *_read_yaml(pack_path))
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    problems: list[str] = []
    for path in sorted(directory.glob("*.yml")):
        if path.name == "pack.yml":
            continue
        try:
            file_rules = load_rule_file(path)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        for rule in file_rules:
            if rule.id in seen:
                problems.append(f"{path}:1:1: regel-id {rule.id} finns redan i {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    if problems:
        raise RuleError(problems)
    return RuleSet(pack=pack, rules=tuple(rules))


@cache
def builtin_rules() -> RuleSet:
    return load_rules(builtin_rules_dir())
