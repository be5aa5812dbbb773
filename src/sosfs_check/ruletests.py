"""Rule test cases: small documents written next to the rules, built as real DOCX and checked.

A pack keeps its cases in `tests/*.yml`:

    cases:
      - name: Riskanalys under egen rubrik
        rules: [SOSFS-5-1-RISKANALYS]     # the rules under test
        profile: kvalitetsberattelse      # default: the first profile of the first rule
        as_of: 2026-03-01                 # optional: the date the law is judged at
        document: |                       # the Markdown subset of sosfs_check.testing
          %% Kvalitetsberättelse 2025
          # Riskanalys
          Under året genomfördes tre riskanalyser ...
        expect:                           # the findings, exactly
          - rule: SOSFS-5-1-RISKANALYS
            section: Riskanalys           # the finding's section path ("" = the whole document)
            detail: Området nämns men har inget eget avsnitt.   # what the check adds to the message

A case passes when the rules under test give exactly the expected findings: an unexpected
finding and a missing one both fail. Findings of other rules are not looked at. An expected
finding may also be a bare rule id, which any finding of that rule satisfies.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path

from pydantic import Field, model_validator

from .errors import RuleError
from .result import Finding
from .lawdata import Profile
from .packs import builtin_rules_dir, load_ruleset
from .rules import RuleSet, _validate
from .yamlfile import positions, read_yaml
from .schema import Strict


class ExpectedFinding(Strict):
    """A finding exactly: its rule, its section path and the detail its check adds to the rule's message."""

    rule: str
    section: str = ""  # "" = the document as a whole
    detail: str = ""


class RuleCase(Strict):
    """One test case: a document, the rules under test and the findings they must give."""

    name: str
    rules: list[str] = Field(min_length=1)
    profile: Profile | None = None
    as_of: date | None = None
    document: str
    expect: list[ExpectedFinding | str] = []

    @property
    def expected_rules(self) -> list[str]:
        return [e if isinstance(e, str) else e.rule for e in self.expect]

    @model_validator(mode="after")
    def _expect_is_tested(self) -> RuleCase:
        stray = sorted(set(self.expected_rules) - set(self.rules))
        if stray:
            raise ValueError(f"expect nämner regler som inte testas: {', '.join(stray)} (lägg till dem under rules)")
        return self


class RuleTestFile(Strict):
    cases: list[RuleCase] = []


@dataclass(frozen=True)
class Case:
    """A case with the place it is written and the profile it is checked under."""

    path: Path
    line: int
    spec: RuleCase
    profile: str

    @property
    def id(self) -> str:
        return f"{self.path.stem}:{self.line}:{'+'.join(self.spec.rules)}"

    @property
    def where(self) -> str:
        return f"{_shown(self.path)}:{self.line}"


@dataclass(frozen=True)
class CaseOutcome:
    case: Case
    findings: tuple[ExpectedFinding, ...]  # what the rules under test found, in the same terms
    aliases: dict[str, str] = field(default_factory=dict)  # earlier rule id -> today's, for `expect`

    @cached_property
    def _compared(self) -> tuple[list[str], list[ExpectedFinding]]:
        """(expected but not found, found but not expected): exact entries first, then bare rule ids."""
        left = list(self.findings)
        missing = []
        expect = [
            self.aliases.get(e, e) if isinstance(e, str) else e.model_copy(update={"rule": self.aliases.get(e.rule, e.rule)})
            for e in self.case.spec.expect
        ]
        exact = [e for e in expect if not isinstance(e, str)]
        for expected in [*exact, *(e for e in expect if isinstance(e, str))]:
            found = next((f for f in left if f == expected or f.rule == expected), None)
            if found is None:
                missing.append(expected if isinstance(expected, str) else _shown_finding(expected))
            else:
                left.remove(found)
        return missing, left

    @property
    def missing(self) -> list[str]:
        return self._compared[0]

    @property
    def unexpected(self) -> list[ExpectedFinding]:
        return self._compared[1]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected

    def report(self) -> str:
        """What went wrong, in Swedish."""
        spec = self.case.spec
        lines = [
            f"{self.case.where}: ”{spec.name}” ({', '.join(spec.rules)}, profil {self.case.profile})",
            f"  väntade fynd: {', '.join(spec.expected_rules) or 'inga'}",
            f"  fick fynd:    {', '.join(f.rule for f in self.findings) or 'inga'}",
        ]
        lines += [f"  saknat fynd:  {missing}" for missing in self.missing]
        lines += [f"  oväntat fynd: {_shown_finding(f)}" for f in self.unexpected]
        return "\n".join(lines)


def _shown_finding(finding: ExpectedFinding) -> str:
    return f"{finding.rule} i ”{finding.section or 'hela dokumentet'}”: {finding.detail or '(ingen detalj)'}"


def observed(finding: Finding, rule) -> ExpectedFinding:
    """A finding in the terms of `expect`: rule, section path and the detail after the rule's message."""
    detail = finding.message.removeprefix(rule.message.strip()).strip()
    return ExpectedFinding(rule=finding.rule_id, section=finding.location.section, detail=detail)


def _shown(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def ruleset_for(directory: Path) -> RuleSet:
    """The rules a pack's cases run against: the built-in pack, with `directory` merged in unless it is it."""
    if directory.resolve() == builtin_rules_dir().resolve():
        return load_ruleset()
    return load_ruleset((directory,))


def load_cases(directory: Path, ruleset: RuleSet) -> list[Case]:
    """Every case in `directory/tests/*.yml`; unknown rule ids and unfitting profiles are errors."""
    cases: list[Case] = []
    problems: list[str] = []
    for path in sorted((directory / "tests").glob("*.yml")):
        try:
            text, data = read_yaml(path)
            parsed = _validate(RuleTestFile, path, text, data, ruleset.law)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        where = positions(text)
        for i, spec in enumerate(parsed.cases):
            line, col = where.get(("cases", i), (1, 1))
            rules = [ruleset.by_id(rule_id) for rule_id in spec.rules]
            unknown = [rule_id for rule_id, rule in zip(spec.rules, rules) if rule is None]
            if unknown:
                problems.append(f"{path}:{line}:{col}: cases.{i}.rules: okänt regel-id {', '.join(unknown)}")
                continue
            profile = spec.profile or rules[0].profiles[0]
            wrong = [r.id for r in rules if profile not in r.profiles]
            if wrong:
                problems.append(f"{path}:{line}:{col}: cases.{i}: {', '.join(wrong)} gäller inte profilen {profile}")
                continue
            cases.append(Case(path, line, spec, profile))
    if problems:
        raise RuleError(problems)
    return cases


def run_case(case: Case, ruleset: RuleSet) -> CaseOutcome:
    """Build the case's document as a DOCX, check it with the rules under test, compare findings."""
    from .engine import evaluate
    from .readers import read
    from .testing import build_docx

    rules = RuleSet(
        pack=ruleset.pack, rules=tuple(ruleset.by_id(rule_id) for rule_id in case.spec.rules),
        sections=ruleset.sections, vocabulary=ruleset.vocabulary,
    )
    with tempfile.TemporaryDirectory(prefix="sosfs-regeltest-") as tmp:
        path = Path(tmp) / "fall.docx"
        path.write_bytes(build_docx(case.spec.document))
        result = evaluate(read(path), rules, case.profile, case.spec.as_of)
    return CaseOutcome(case, tuple(observed(f, rules.by_id(f.rule_id)) for f in result.findings), ruleset.aliases)


def run_rule_tests(directory: Path | None = None) -> list[CaseOutcome]:
    """Run every case of a pack (default: the built-in one) against that pack merged with the built-in rules."""
    directory = Path(directory) if directory is not None else builtin_rules_dir()
    ruleset = ruleset_for(directory)
    return [run_case(case, ruleset) for case in load_cases(directory, ruleset)]


def untested(cases: list[Case], rule_ids: list[str]) -> dict[str, list[str]]:
    """Rules that lack a passing case (listed, no finding expected) or a failing one (finding expected)."""
    passing = {r for c in cases for r in c.spec.rules if r not in c.spec.expected_rules}
    failing = {r for c in cases for r in c.spec.expected_rules}
    gaps = {
        rule_id: [kind for kind, have in (("godkänt fall", passing), ("underkänt fall", failing)) if rule_id not in have]
        for rule_id in rule_ids
    }
    return {rule_id: kinds for rule_id, kinds in gaps.items() if kinds}
