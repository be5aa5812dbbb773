"""Rule files: pydantic models, loading with file:line errors, the built-in pack."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse
from typing import Annotated, Literal, Union, get_args

from pydantic import (
    AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator,
)

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
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_CATEGORIES = {
    sre.CATEGORY_DIGIT: re.compile(r"\d"), sre.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    sre.CATEGORY_SPACE: re.compile(r"\s"), sre.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    sre.CATEGORY_WORD: re.compile(r"\w"), sre.CATEGORY_NOT_WORD: re.compile(r"\W"),
}  # fmt: skip


def _in_class(items, ch: str) -> bool:
    """Does `ch` match a parsed character class `[...]`?"""
    negate = bool(items) and items[0][0] is sre.NEGATE
    code = ord(ch)
    hit = any(
        (op is sre.LITERAL and av == code)
        or (op is sre.RANGE and av[0] <= code <= av[1])
        or (op is sre.CATEGORY and av in _CATEGORIES and _CATEGORIES[av].match(ch) is not None)
        for op, av in items
    )
    return hit != negate


def _first(items, probe: frozenset) -> tuple[set[str], bool]:
    """The probe characters a parsed sequence can start with, and whether it can match empty text."""
    first: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars, empty = {chr(av)}, False
        elif op is sre.NOT_LITERAL:
            chars, empty = probe - {chr(av)}, False
        elif op is sre.ANY:
            chars, empty = set(probe), False
        elif op is sre.IN:
            chars, empty = {c for c in probe if _in_class(av, c)}, False
        elif op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
            chars, empty = _first(av[2], probe)
            empty = empty or av[0] == 0
        elif op is sre.SUBPATTERN:
            chars, empty = _first(av[3], probe)
        elif op is sre.ATOMIC_GROUP:
            chars, empty = _first(av, probe)
        elif op is sre.BRANCH:
            alternatives = [_first(alt, probe) for alt in av[1]]
            chars = set().union(*(c for c, _ in alternatives))
            empty = any(e for _, e in alternatives)
        else:  # anchors, lookarounds, back references: zero width or unknown
            chars, empty = set(), True
        first |= chars
        if not empty:
            return first, False
    return first, True


def _backtracking(items, probe: frozenset, loop=None) -> str | None:
    """Why a parsed pattern can backtrack catastrophically, or None; `loop` is the body of the
    enclosing repetition.

    Caught (as Python parses them, after it merges "(ab|ac)" into "a[bc]"): a repetition inside a
    repetition that can start with the same character ("(a+)+", "(\\w+\\s?)*"), and alternatives
    inside a repetition that can match the same text ("(a|a)*", "(a|a?)+"). A possessive repeat or
    atomic group gives nothing back, so what is inside it is judged on its own. A heuristic: rare
    safe patterns such as "(\\s*,)*" are refused.
    """
    for op, av in items:
        inner = loop
        if op in _REPEATS:
            subs = [av[2]]
            if av[1] > 1:
                inner = av[2]
                if loop is not None and _first(inner, probe)[0] & _first(loop, probe)[0]:
                    return "en upprepning inuti en upprepning, som (a+)+ eller (a*)*"
        elif op is sre.BRANCH:
            subs = av[1]
            if loop is not None:
                firsts = [_first(alt, probe) for alt in subs]
                if any((a & b) or (ea and eb) for i, (a, ea) in enumerate(firsts) for b, eb in firsts[i + 1 :]):
                    return "alternativ som kan matcha samma text inuti en upprepning, som (a|a)* eller (a|a?)+"
        elif op is sre.SUBPATTERN:
            subs = [av[3]]
        elif op is sre.POSSESSIVE_REPEAT:
            subs, inner = [av[2]], None
        elif op is sre.ATOMIC_GROUP:
            subs, inner = [av], None
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            subs = [av[1]]
        elif op is sre.GROUPREF_EXISTS:
            subs = [s for s in av[1:] if s is not None]
        else:
            continue
        for sub in subs:
            if reason := _backtracking(sub, probe, inner):
                return reason
    return None


_PROBE = frozenset(string.printable + "åäöÅÄÖéü§–”")


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically on long text, or None when it cannot (as far as we see)."""
    return _backtracking(sre_parse.parse(pattern), _PROBE | set(pattern))


def _regex(pattern: str, info: ValidationInfo) -> str:
    """Compiles; and, unless the file is the tested built-in pack, cannot backtrack catastrophically."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"reguljärt uttryck kompilerar inte: {pattern!r}: {exc}") from exc
    if (info.context or {}).get("trusted"):
        return pattern
    if reason := backtracking_risk(pattern):
        raise ValueError(f"reguljärt uttryck kan ta orimligt lång tid (katastrofal backtracking): {pattern!r} har {reason}")
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
    miscited: bool = False  # still in force, but cited for something another text regulates


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


CHECK_MODELS = (
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
)
CHECK_TYPE_NAMES = tuple(get_args(m.model_fields["type"].annotation)[0] for m in CHECK_MODELS)
Check = Annotated[Union[CHECK_MODELS], Field(discriminator="type")]


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
    disable: list[str] = []  # ids of rules from earlier packs (the built-in one) to switch off


from .descriptions import DescriptionData, Vocabulary, merge_data  # noqa: E402 (it uses Strict and Regex above)


class RuleFile(Strict):
    rules: list[Rule] = []
    descriptions: DescriptionData | None = None  # vocabulary of descriptions, never-evidence wording, law text


@dataclass(frozen=True)
class RuleSet:
    pack: Pack  # the first (built-in) pack
    rules: tuple[Rule, ...]
    packs: tuple[Pack, ...] = ()  # every pack merged in, in order; defaults to (pack,)
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(DescriptionData()))

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
    descriptions: list[DescriptionData] = []
    seen: dict[str, Path] = {}
    problems: list[str] = []
    for path in sorted(directory.glob("*.yml")):
        if path.name == "pack.yml":
            continue
        try:
            rule_file = _load_file(path, trusted)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        if rule_file.descriptions is not None:
            descriptions.append(rule_file.descriptions)
        for rule in rule_file.rules:
            if rule.id in seen:
                problems.append(f"{path}:1:1: regel-id {rule.id} finns redan i {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    if problems:
        raise RuleError(problems)
    return RuleSet(pack=pack, rules=tuple(rules), vocabulary=Vocabulary.build(merge_data(descriptions)))


@cache
def builtin_rules() -> RuleSet:
    from .rulecache import cached

    return cached(builtin_rules_dir(), lambda directory: load_rules(directory, trusted=True))


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
    vocabulary = base.vocabulary
    if extra.vocabulary.data != DescriptionData():
        vocabulary = Vocabulary.build(merge_data([base.vocabulary.data, extra.vocabulary.data]))
    return RuleSet(pack=base.pack, rules=tuple(rules.values()), packs=base.packs + extra.packs, vocabulary=vocabulary)


def load_ruleset(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in pack with extra packs (`--rules DIR`, configuration) merged in, in order; cached."""
    return _ruleset(tuple(dict.fromkeys(Path(d).resolve() for d in extra_dirs)))  # a pack named twice counts once


@cache
def _ruleset(extra_dirs: tuple[Path, ...]) -> RuleSet:
    ruleset = builtin_rules()
    for directory in extra_dirs:
        ruleset = merge_pack(ruleset, directory)
    return ruleset
