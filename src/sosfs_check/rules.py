"""Rule packs: the rule file and its `descriptions:`, loading with file:line errors.

A rule itself is in `rulemodel`, the loaded rule set and the built-in pack in `ruleset`; the `check:`
of a rule is one of the check types in `checks/` (their models in `checks/models.py`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from .descriptions import Vocabulary, merge_data
from .errors import RuleError
from .lawdata import LegalText, Pack, resolve_basis
from .records import dump
from .rulemodel import Rule
from .ruleset import Law, RuleSet, builtin_rules, builtin_rules_dir, load_ruleset  # noqa: F401 (the loaded rule sets, as before)
from .schema import Regex, Strict
from .sections import Section
from .validation import swedish
from .yamlfile import positions, read_yaml, validate


class Topic(Strict):
    """Two groups of terms that must meet in one sentence: what is spoken of, and what was done."""

    subjects: list[str] = Field(min_length=1)
    activities: list[str] = Field(min_length=1)
    done: bool = False  # the sentence must also say that it was done ("infördes", "har minskat")
    # Verbs of change whose form for what was done ("bytte", "infördes", "har förlängts") describes
    # the topic whatever the sentence is about ("bytte vi autoklav"): a measure can concern anything.
    changes: list[str] = []
    patterns: list[Regex] = []  # wording that describes the topic by itself ("ökade från 78 till 97 procent")
    # Words of a table's first row ("utfall") that make its figures describe the topic; so do two year
    # columns ("2024 | 2025"). A table of goals ("Mål | Senast") has neither.
    table_headers: list[str] = []


class LawSentence(Strict):
    source: str  # "SFS 2010:659 3 kap. 10 §"
    text: str


class DescriptionData(Strict):
    """A rule file's `descriptions:`: topics, the rules they serve, and what is never evidence."""

    topics: dict[str, Topic] = {}
    rules: dict[str, list[str]] = {}  # rule id -> topics whose description meets the rule
    asks_what_was_done: list[str] = []  # rule ids for which goals and plans are no evidence
    cites_the_law: list[str] = []  # rule ids that look for references to the law: restated law counts for them
    asks_who: list[str] = []  # rule ids that ask who is responsible: role and duty sentences count for them
    # rule ids whose own section must say what happened in the year (done wording, a figure or a
    # description of the rule's topics), not only how the work is usually done
    concrete_sections: list[str] = []
    plans: list[Regex] = []  # goal and plan wording: not what was done
    subclauses: list[Regex] = []  # subordinate clauses, set aside when looking for plan wording ("… som bör tas fram")
    roles: list[Regex] = []  # who is responsible or tasked ("ansvarar för", "har till uppgift"): not what was done
    done: list[Regex] = []  # wording of what was done, which outweighs a plan word in the same sentence
    negations: list[Regex] = []  # a main clause saying the work was not done ("har inte", "Ingen … genomfördes")
    negation_words: list[str] = []  # words one of which a clause must hold for `negations` to be tried
    affirmations: list[Regex] = []  # negative words that deny no work ("inte bara", "inga fall inträffade")
    subordinators: list[str] = []  # words that open a subordinate clause ("eftersom", "som")
    others: list[Regex] = []  # subjects of someone else's work or of background figures ("Socialstyrelsen")
    bodies: dict[str, str] = {}  # public body -> title-page word that makes it the report's own ("regionen": "region")
    not_evidence: list[Regex] = []  # title-page, approval and template credit lines
    ignore: list[Regex] = []  # wording whose words are never a subject or activity ("i de fall")
    glossary_headings: list[str] = []  # sections that explain words and abbreviations: never evidence
    # Words that carry a clause on past a comma, semicolon or colon, or a sentence into the next one
    # ("…, som analyserades", "…; alla besvarades", "Vi tog emot elva klagomål. Alla besvarades …").
    continues: list[str] = []
    # Headings about the coming year ("Mål och planerade åtgärder för kommande år", "Riskanalys inför
    # 2026"): never the own section of a rule that asks what was done.
    future_headings: list[Regex] = []
    law: list[LawSentence] = []  # the statute's own sentences
    law_wording: list[Regex] = []  # wording that passes on a rule's text ("Enligt SOSFS 2011:9 … ska")
    forms: dict[str, list[str]] = {}  # lemma -> its inflected forms (rules/former.yml, from simplemma)


class RuleFile(Strict):
    rules: list[Rule] = []
    sections: list[Section] = []
    descriptions: DescriptionData | None = None  # vocabulary of descriptions, never-evidence wording, law text


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
            out[rule_id] = Rule.model_validate({**dump(rule), "bases": bases})
        except ValidationError as exc:
            problems.append(f"{pack_path}:1:1: texts: {rule_id}: {swedish(exc.errors()[0])}")
    if problems:
        raise RuleError(problems)
    return out
