"""Rule-pack patterns in linear time (issue 22): both slow reproductions run in RE2, never in Python's
backtracking `re` (their speed: benchmarks/run.py --only regexes), patterns
RE2 cannot run are refused with rule, file and line, and Python's meaning of \\w, \\d and \\s holds."""

from __future__ import annotations

import json
import re

import pytest

from sosfs_check.regexes import linear_problem, rule_pattern, to_re2
from test_hostile import RULE, cli
from sosfs_check.testing import build_docx


def pack_with(tmp_path, pattern: str):
    folder = tmp_path / "paket"
    folder.mkdir()
    (folder / "pack.yml").write_text("name: eget\nversion: '1'\n")
    rule = RULE.replace("'inga riskanalyser'", f"'{pattern}'").replace("profiles: [kombinerad]",
                                                                       "profiles: [patientsakerhetsberattelse]")
    (folder / "regler.yml").write_text(rule, encoding="utf-8")
    return folder


@pytest.mark.parametrize("pattern, paragraph", [
    ("(a?){30}a{30}", "a" * 31),  # 15,5 s with Python's re, doubling with each further a
    ("a*a*a*a*a*c", "a" * 200),  # more than 2 minutes with Python's re
])
def test_the_slow_patterns_of_the_issue_never_reach_pythons_re(tmp_path, monkeypatch, pattern, paragraph):
    """Python's `re` compiles every pattern it runs through `re._compile`; refusing the pack's pattern
    there makes a run that would backtrack on it fail, at once, instead of taking minutes."""
    original = re._compile

    def refusing(source, flags):
        if source == pattern:
            raise AssertionError(f"{pattern} reached Python's re")
        return original(source, flags)

    monkeypatch.setattr(re, "_compile", refusing)
    assert linear_problem(pattern) is None
    pack = pack_with(tmp_path, pattern)
    report = build_docx(f"%% Patientsäkerhetsberättelse 2024\n\n# Riskanalys\n\n{paragraph}\n", tmp_path / "r.docx")
    code, out, err = cli("check", report, "--rules", pack, "-f", "json", "--profile", "patientsakerhetsberattelse",
                         "--as-of", "2026-11-25")
    assert code in (0, 1), err
    findings = [f["rule_id"] for f in json.loads(out)["documents"][0]["findings"]]
    assert ("EGEN-1" in findings) == (pattern == "(a?){30}a{30}")  # the first matches 31 a's; the second needs a c
    compiled = rule_pattern(pattern)
    assert type(compiled._re2).__module__.startswith("re2")
    assert bool(compiled.search(paragraph * 100)) == (pattern == "(a?){30}a{30}")


def test_a_lookaround_in_a_custom_pack_is_refused_with_rule_file_and_line(tmp_path):
    pack = pack_with(tmp_path, "(?<!inga )riskanalyser")
    code, _, err = cli("check", tmp_path, "--rules", pack, "-f", "json")
    assert code == 2, err
    assert (f"{pack / 'regler.yml'}:10:18: rules.0.check.absence.patterns.0: reguljärt uttryck '(?<!inga )riskanalyser': "
            "lookahead och lookbehind ((?=, (?!, (?<=, (?<!) stöds inte, eftersom uttryck körs i linjär tid (RE2)") in err


@pytest.mark.parametrize("pattern, reason", [
    ("(a)\\1", "bakåtreferenser (\\1, (?P=namn)) stöds inte, eftersom uttryck körs i linjär tid (RE2)"),
    ("(?=x)y", "lookahead och lookbehind ((?=, (?!, (?<=, (?<!) stöds inte, eftersom uttryck körs i linjär tid (RE2)"),
    ("(?>a+)b", "atomära grupper ((?>...)) stöds inte, eftersom uttryck körs i linjär tid (RE2)"),
    ("a{2000}", "kan inte köras i linjär tid (RE2): invalid repetition size: {2000}"),
    ("[\\W]", "\\W inuti en teckenklass [...] stöds inte; skriv klassen på annat sätt"),
    ("(x", "kompilerar inte: missing ), unterminated subpattern at position 0"),
    ("\\bår\\b", "\\b intill ”å” blir fel, eftersom ordgränsen i RE2 bara räknar ASCII-bokstäver som ordtecken; "
                "skriv (?:^|[^\\w-]) eller (?:[^\\w-]|$) i stället"),
])
def test_what_re2_cannot_run_is_named(pattern, reason):
    assert linear_problem(pattern) == reason


@pytest.mark.parametrize("pattern", [r"\bSFS\b", r"\b(SoL|socialtjänstlag\w*)\b", r"(?:^|[^\w-])år(?:[^\w-]|$)", r"a{1000}"])
def test_what_re2_runs_as_python_would_is_accepted(pattern):
    assert linear_problem(pattern) is None


@pytest.mark.parametrize("pattern, text, found", [
    (r"\w+", "åtgärder vidtogs", "åtgärder"),
    (r"\d+", "155 avvikelser", "155"),
    (r"\s+", "a\u00a0b", "\u00a0"),  # a no-break space, common in Word documents
    (r"avvikelse\w*", "AVVIKELSERNA analyserades", "AVVIKELSERNA"),
    (r"[\w-]+", "lex-Maria-ärenden.", "lex-Maria-ärenden"),
    (r"\u00e5r", "i år", "år"),
    (r"(?:^|[^\w-])XX+(?:[^\w-]|$)", "Under året XXX avvikelser", " XXX "),
    (r"(?:^|[^\w-])XX+(?:[^\w-]|$)", "XX-tal och ÖXX", None),
])
def test_python_meaning_of_classes_is_kept(pattern, text, found):
    match = rule_pattern(pattern, re.IGNORECASE).search(text)
    assert (match.group(0) if match else None) == found
    python = re.search(pattern, text, re.IGNORECASE)
    assert (python.group(0) if python else None) == found


def test_translation_to_re2_syntax():
    assert to_re2(r"\bSFS\s*\d+\w*[\w-]\Z") == (r"\bSFS[\t-\r\x{1c}-\x{20}\x{85}\p{Z}]*\p{Nd}+[\p{L}\p{N}_]*"
                                                r"[\p{L}\p{N}_-]\z")
    assert to_re2(r"[]a\]]\u00e5") == r"[]a\]]\x{00e5}"


STALE_RULE = """\
rules:
  - id: EGEN-HSLF
    title: Lex Maria-anmälan enligt rätt föreskrift
    area: lagar
    profiles: [patientsakerhetsberattelse]
    severity: info
    obligation: praxis
    legal_basis: ["HSLF-FS 2017:41"]
    check:
      type: stale_references
      entries:
        - pattern: '\\bHSLF-FS\\s*2017:40\\b'
          not_followed_by: ',?\\s*3\\s*kap\\.?\\s*1\\s*§'
          replacement: HSLF-FS 2017:41
          valid_from: 2017-09-01
          miscited: true
    message: Fel föreskrift.
    fix: Hänvisa till HSLF-FS 2017:41.
"""


def test_not_followed_by_takes_the_place_of_a_negative_lookahead(tmp_path):
    """HSLF-FS 2017:40 with its 3 kap. 1 § is right; alone it is the pack's miscitation (no lookahead)."""
    pack = tmp_path / "paket"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: eget\nversion: '1'\n")
    (pack / "regler.yml").write_text(STALE_RULE, encoding="utf-8")
    spec = "%% Patientsäkerhetsberättelse 2024\n\n# Avvikelser\n\nAnmälan görs enligt HSLF-FS 2017:40{after}.\n"
    found = {}
    for name, after in (("fel", ""), ("rätt", ", 3 kap. 1 §")):
        report = build_docx(spec.format(after=after), tmp_path / f"{name}.docx")
        code, out, err = cli("check", report, "--rules", pack, "-f", "json", "--profile", "patientsakerhetsberattelse",
                             "--as-of", "2026-11-25")
        assert code in (0, 1), err
        found[name] = [f["rule_id"] for f in json.loads(out)["documents"][0]["findings"] if f["rule_id"] == "EGEN-HSLF"]
    assert found == {"fel": ["EGEN-HSLF"], "rätt": []}
