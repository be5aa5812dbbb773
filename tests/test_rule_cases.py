"""Rule test cases written next to the rules: each passes, each rule has both kinds, broken vocabulary fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sosfs_check.errors import RuleError
from sosfs_check.packs import builtin_rules, builtin_rules_dir
from sosfs_check.ruletests import Case, RuleCase
from sosfs_check.ruletests import ExpectedFinding, load_cases, run_case, run_rule_tests, untested

from helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
KOMMUN_PACK = ROOT / "docs" / "examples" / "kommun-pack"
CASES = load_cases(builtin_rules_dir(), builtin_rules())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_builtin_rule_case(case):
    outcome = run_case(case, builtin_rules())
    assert outcome.passed, outcome.report()


def test_every_builtin_rule_has_a_passing_and_a_failing_case():
    assert len(CASES) >= 2 * 40
    assert untested(CASES, [r.id for r in builtin_rules().rules]) == {}


EXAMPLE_RULES = [r for r in builtin_rules().rules if r.check.type in ("section", "phrases", "figure", "absence")]


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=[r.id for r in EXAMPLE_RULES])
def test_explain_example_satisfies_its_rule(rule):
    """The good example text of `rules explain`, under the rule's own heading, passes the rule in a report
    on a year the rule is in force (the example of a rule from 2026 tells of 2026: "Under 2026 gjordes …")."""
    check = rule.check
    heading = (check.headings if check.type == "section" else getattr(check, "within", None) or ["Redovisning"])[0]
    profile = rule.profiles[0]
    year = max(2025, rule.valid_from.year) if rule.valid_from else 2025
    document = f"%% {builtin_rules().profiles[profile]} {year}\n\n# {heading.capitalize()}\n\n{rule.explain.example}\n"
    spec = RuleCase(name="exempel", rules=[rule.id], document=document)
    outcome = run_case(Case(Path("exempel.yml"), 1, spec, profile), builtin_rules())
    assert outcome.passed, outcome.report()


def test_example_kommun_pack_cases_pass():
    outcomes = run_rule_tests(KOMMUN_PACK)
    assert {r for o in outcomes for r in o.case.spec.rules} == {"KOMMUN-KKIK", "SIP-SAMORDNAD-PLAN"}
    assert all(o.passed for o in outcomes), "\n".join(o.report() for o in outcomes if not o.passed)


def test_rules_test_passes_on_the_builtin_pack(monkeypatch, capsys):
    code, out, _ = run_cli(monkeypatch, capsys, "rules", "test")
    assert code == 0
    assert f"OK: alla {len(CASES)} testfall godkända." in out
    assert "Obs:" not in out


def test_rules_test_fails_when_a_builtin_rules_vocabulary_is_broken(tmp_path, monkeypatch, capsys):
    pack = tmp_path / "pack"
    shutil.copytree(builtin_rules_dir(), pack)
    path = pack / "riskanalys.yml"
    text = path.read_text(encoding="utf-8")
    good = 'headings: ["riskanalys", "riskanalyser", "risker", "riskbedömning", "riskhantering"]'
    assert text.count(good) == 1
    path.write_text(text.replace(good, 'headings: ["riskhantering enligt plan"]'), encoding="utf-8")
    # Without a description to fall back on (a pack's empty mapping replaces the built-in one), the
    # rule stands on its own vocabulary.
    descriptions = pack / "beskrivningar.yml"
    mapping = "    SOSFS-5-1-RISKANALYS: [riskbedomning]\n"
    assert descriptions.read_text(encoding="utf-8").count(mapping) == 1
    descriptions.write_text(descriptions.read_text(encoding="utf-8").replace(mapping, mapping.replace("riskbedomning", "")),
                            encoding="utf-8")

    code, out, _ = run_cli(monkeypatch, capsys, "rules", "test", str(pack))
    assert code == 1
    # The broken mapping also breaks the description cases that rely on it: three cases fail.
    description_failure, failure, done_failure, summary = out.split("\n\n")
    assert description_failure.splitlines() == [
        f"MISSLYCKADES {pack / 'tests' / 'beskrivningar.yml'}:65: ”Riskbedömningar för fall, nutrition och munhälsa "
        "förebygger vårdskador” (PSL-3-2-FOREBYGGANDE, SOSFS-5-1-RISKANALYS, profil patientsakerhetsberattelse)",
        "  väntade fynd: inga",
        "  fick fynd:    SOSFS-5-1-RISKANALYS",
        "  oväntat fynd: SOSFS-5-1-RISKANALYS i ”Sammanfattning”: Området nämns men har inget eget avsnitt.",
    ]
    assert failure.splitlines() == [
        f"MISSLYCKADES {pack / 'tests' / 'riskanalys.yml'}:4: ”Riskanalys med sannolikhet och konsekvens” "
        "(SOSFS-5-1-RISKANALYS, SOSFS-5-1-SANNOLIKHET, SOSFS-5-1-GENOMFORD, profil patientsakerhetsberattelse)",
        "  väntade fynd: inga",
        "  fick fynd:    SOSFS-5-1-RISKANALYS",
        "  oväntat fynd: SOSFS-5-1-RISKANALYS i ”Riskanalys”: Området nämns men har inget eget avsnitt.",
    ]
    assert done_failure.splitlines() == [
        f"MISSLYCKADES {pack / 'tests' / 'riskanalys.yml'}:90: ”En riskanalys som gjordes utan sannolikhet och "
        "konsekvens” (SOSFS-5-1-RISKANALYS, SOSFS-5-1-SANNOLIKHET, profil patientsakerhetsberattelse)",
        "  väntade fynd: SOSFS-5-1-SANNOLIKHET",
        "  fick fynd:    SOSFS-5-1-RISKANALYS, SOSFS-5-1-SANNOLIKHET",
        "  oväntat fynd: SOSFS-5-1-RISKANALYS i ”Året som gått”: Området nämns men har inget eget avsnitt.",
    ]
    assert summary.startswith("3 av ") and summary.endswith(" testfall misslyckades.\n")


def write_pack(tmp_path: Path, cases: str) -> Path:
    (tmp_path / "pack.yml").write_text('name: test\nversion: "1"\n', encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "fall.yml").write_text(cases, encoding="utf-8")
    return tmp_path


CASE = """\
cases:
  - name: {name}
    rules: {rules}
    {extra}
    document: |
      %% Patientsäkerhetsberättelse 2025

      # Riskanalys

      Under året har inga riskanalyser genomförts.
    expect: {expect}
"""


def test_a_missing_and_an_unexpected_finding_are_both_reported(tmp_path):
    pack = write_pack(tmp_path, CASE.format(name="fel förväntan", rules="[SOSFS-5-1-GENOMFORD, PSL-3-10-TITEL]",
                                            extra="", expect="[PSL-3-10-TITEL]"))
    [outcome] = run_rule_tests(pack)
    assert not outcome.passed
    assert outcome.unexpected == [ExpectedFinding(rule="SOSFS-5-1-GENOMFORD", section="Riskanalys",
                                                  detail="Berättelsen skriver själv: ”Under året har inga riskanalyser genomförts.”")]
    assert outcome.missing == ["PSL-3-10-TITEL"]
    assert outcome.report().splitlines() == [
        f"{pack / 'tests' / 'fall.yml'}:2: ”fel förväntan” (SOSFS-5-1-GENOMFORD, PSL-3-10-TITEL, profil "
        "patientsakerhetsberattelse)",
        "  väntade fynd: PSL-3-10-TITEL",
        "  fick fynd:    SOSFS-5-1-GENOMFORD",
        "  saknat fynd:  PSL-3-10-TITEL",
        "  oväntat fynd: SOSFS-5-1-GENOMFORD i ”Riskanalys”: Berättelsen skriver själv: ”Under året har inga "
        "riskanalyser genomförts.”",
    ]


EXACT = """
      - rule: SOSFS-5-1-GENOMFORD
        section: {section}
        detail: "Berättelsen skriver själv: ”Under året har inga riskanalyser genomförts.”"
"""


@pytest.mark.parametrize(("section", "passed"), [("Riskanalys", True), ("Sammanfattning", False)])
def test_an_exact_expectation_must_match_section_and_detail(tmp_path, section, passed):
    pack = write_pack(tmp_path, CASE.format(name="exakt", rules="[SOSFS-5-1-GENOMFORD]", extra="",
                                            expect=EXACT.format(section=section)))
    [outcome] = run_rule_tests(pack)
    assert outcome.passed is passed
    if not passed:
        assert outcome.missing == ["SOSFS-5-1-GENOMFORD i ”Sammanfattning”: Berättelsen skriver själv: ”Under året har "
                                   "inga riskanalyser genomförts.”"]
        assert [f.section for f in outcome.unexpected] == ["Riskanalys"]


@pytest.mark.parametrize(
    ("rules", "extra", "expect", "problem"),
    [
        ("[SOSFS-5-1-FINNS-INTE]", "", "[]", "cases.0.rules: okänt regel-id SOSFS-5-1-FINNS-INTE"),
        ("[SOSFS-5-1-GENOMFORD]", "", "[SOSFS-5-1-RISKANALYS]", "expect nämner regler som inte testas: SOSFS-5-1-RISKANALYS"),
        ("[PSL-3-5-LEX-MARIA]", "profile: kvalitetsberattelse", "[]", "PSL-3-5-LEX-MARIA gäller inte profilen kvalitetsberattelse"),
        ("[SOSFS-5-1-GENOMFORD]", "expected: []", "[]", "okänd nyckel 'expected'"),
    ],
)
def test_invalid_cases_are_rule_errors_with_file_and_line(tmp_path, rules, extra, expect, problem):
    pack = write_pack(tmp_path, CASE.format(name="fall", rules=rules, extra=extra, expect=expect))
    with pytest.raises(RuleError) as err:
        run_rule_tests(pack)
    [message] = err.value.problems
    assert message.startswith(f"{pack / 'tests' / 'fall.yml'}:")
    assert problem in message
