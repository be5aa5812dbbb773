"""Rule packs: the rule file, loading and merging packs with file:line errors.

A rule itself is in `rulemodel`, a file's `descriptions:` in `descriptiondata`, the loaded rule set
in `ruleset`, the built-in pack and the packs a run uses in `packs`; the `check:` of a rule is one
of the check types in `checks/` (each builds its model in `model()`; `checks/models.py` joins them)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .behaviour import Law
from .descriptiondata import DescriptionData, merge_data
from .lexicon import Vocabulary
from .errors import RuleError
from .lawdata import LegalText, Pack, resolve_basis
from .records import dump
from .rulemodel import Rule
from .ruleset import RuleSet
from .schema import Strict
from .sections import Section
from .validation import swedish
from .yamlfile import positions, read_yaml, validate


class RuleFile(Strict):
    rules: list[Rule] = []
    sections: list[Section] = []
    descriptions: DescriptionData | None = None  # vocabulary of descriptions, never-evidence wording, law text


def _validate(model, path: Path, text: str, data: object, law: Law, trusted: bool = False, texts: dict | None = None):
    """Validate a rule, pack or test file's data (see `yamlfile.validate`).

    `law`: the areas and profiles rules may name; `texts`: the packs' legal texts by id, which give
    each rule's citations their source level."""
    context = {"trusted": trusted, "texts": texts if texts is not None else {}, "law": law}
    return validate(model, path, text, data, context)


def load_rule_file(path: Path, base: RuleSet, trusted: bool = False, texts: dict | None = None) -> list[Rule]:
    """The rules of one file, read against the packs of `base` (usually the built-in pack); its
    citations are resolved with `texts`, by default those of `base` and of the pack.yml beside it."""
    return _load_file(path, base.law, trusted, file_texts(path, base) if texts is None else texts).rules


def file_texts(path: Path, base: RuleSet) -> dict[str, LegalText]:
    """The legal texts a rule file alone is read with: those of `base`, and its own pack's if it has one."""
    texts = dict(base.texts)
    pack = path.parent / "pack.yml"
    if pack.is_file():
        texts.update({text.id: text for text in load_pack_file(pack).texts})
    return texts


def _load_file(path: Path, law: Law, trusted: bool = False, texts: dict | None = None) -> RuleFile:
    from .bounds import DataError, rule_count

    text, data = read_yaml(path)
    listed = data.get("rules") if isinstance(data, dict) else None
    try:
        rule_count(len(listed) if isinstance(listed, list) else 0)  # before validating them all
    except DataError as exc:
        raise RuleError([f"{path}:1:1: {exc.problem}"]) from None
    return _validate(RuleFile, path, text, data, law, trusted, texts)


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


def load_rules(directory: Path, trusted: bool = False, base: RuleSet | None = None) -> RuleSet:
    """Load `pack.yml` and every other `*.yml` in a directory; ids must be unique.

    Every pack, the built-in one too, is held to `bounds` and its patterns to RE2 (`regexes`).
    `base`: the packs this one is read against (their legal texts, areas, profiles and sections;
    the built-in pack for a kommun's own); None for a pack that stands alone, the built-in one.
    """
    if not directory.is_dir():
        raise RuleError([f"{directory}: regelpaketets mapp finns inte"])
    from .bounds import DataError, pack_size, rule_count

    try:
        pack_size(sorted(directory.glob("*.yml")))
    except DataError as exc:
        raise RuleError([f"{directory}: {exc.problem}"]) from None
    pack = load_pack_file(directory / "pack.yml")
    texts = {**(base.texts if base else {}), **{text.id: text for text in pack.texts}}
    law = Law.of((*base.packs, pack) if base else (pack,))
    rules: list[Rule] = []
    descriptions: list[DescriptionData] = []
    seen: dict[str, Path] = {}
    problems: list[str] = []
    files: dict[Path, RuleFile] = {}
    for path in sorted(directory.glob("*.yml")):
        if path.name == "pack.yml":
            continue
        try:
            files[path] = file = _load_file(path, law, trusted, texts)
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
    known = {**{s.id: s for s in (base.sections if base else ())}, **sections}
    problems.extend(_section_problems(files, known))
    if problems:
        raise RuleError(problems)
    return RuleSet(pack=pack, rules=tuple(rules), sections=tuple(sections.values()),
                   vocabulary=Vocabulary.build(merge_data(descriptions)))


def merge_pack(base: RuleSet, directory: Path) -> RuleSet:
    """Add the pack in `directory` to `base`: a rule with a known id replaces it in place,
    a new one is appended, and ids in the pack's `disable:` are removed."""
    extra = load_rules(directory, base=base)
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
            out[rule_id] = Rule.model_validate({**dump(rule), "bases": bases})
        except ValidationError as exc:
            problems.append(f"{pack_path}:1:1: texts: {rule_id}: {swedish(exc.errors()[0])}")
    if problems:
        raise RuleError(problems)
    return out
