"""Rule files: the built-in pack loads, bad files fail with file:line:column."""

import textwrap

import pytest

from sosfs_check.errors import RuleError
from sosfs_check.rules import builtin_rules, load_rule_file, load_rules

from helpers import GOOD_RULE


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_builtin_pack_covers_every_area_with_precise_citations():
    rules = builtin_rules()
    assert len(rules.rules) >= 40
    assert {r.area for r in rules.rules} == set(rules.areas)
    assert rules.pack.name and rules.pack.version
    ids = [r.id for r in rules.rules]
    assert len(ids) == len(set(ids))


def test_builtin_pack_follows_the_law_on_severity():
    """An error is editorial readiness, or report content the law requires on a first-hand basis."""
    errors = set()
    for rule in builtin_rules().rules:
        for profile in rule.profiles:
            if rule.severity_for(profile) != "error":
                continue
            errors.add(rule.id)
            if rule.obligation != "publicering":
                assert rule.obligation == "ska" and profile != "kvalitetsberattelse", (rule.id, profile)
                assert any(b.supports_error for b in rule.bases), rule.id
        assert any(b.level != "unverified" for b in rule.bases) or "error" not in {
            rule.severity_for(p) for p in rule.profiles
        }, rule.id
    assert errors == {
        "PSL-3-10-HUR", "PSL-3-10-ATGARDER", "PSL-3-10-RESULTAT", "PSL-3-10-SENAST-1-MARS", "BERATTELSE-PLATSHALLARE"
    }
    maria = builtin_rules().by_id("PSL-3-5-LEX-MARIA")
    assert "kvalitetsberattelse" not in maria.profiles  # not demanded of a SoL-only report
    assert "SFS 2010:659 3 kap. 5 §" in maria.legal_basis


def test_good_rule_file_loads(tmp_path):
    [rule] = load_rule_file(write(tmp_path, "r.yml", GOOD_RULE))
    assert rule.check.min_words == 15


def test_unknown_key_names_file_line_and_key(tmp_path):
    path = write(tmp_path, "r.yml", GOOD_RULE.replace("      headings: [riskanalys]", "      headingz: [riskanalys]"))
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    text = str(err.value)
    assert f"{path}:10:" in text and "okänd nyckel 'headingz'" in text


def test_unknown_area_and_bad_citation_are_errors(tmp_path):
    text = GOOD_RULE.replace("area: riskanalys", "area: risk").replace(
        "SOSFS 2011:9 5 kap. 1 §", "SOSFS: 2011:9, 5 kap"
    )
    with pytest.raises(RuleError) as err:
        load_rule_file(write(tmp_path, "r.yml", text))
    problems = err.value.problems
    assert any(":4:" in p and "area" in p for p in problems)
    assert any(":7:" in p and "hänvisning" in p for p in problems)


def test_advice_cannot_be_an_error(tmp_path):
    text = GOOD_RULE.replace("severity: warning", "severity: error\n    obligation: bör")
    with pytest.raises(RuleError, match="bör"):
        load_rule_file(write(tmp_path, "r.yml", text))


def test_yaml_tags_that_construct_objects_are_refused(tmp_path):
    path = write(tmp_path, "r.yml", "rules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(RuleError, match="ogiltig YAML"):
        load_rule_file(path)


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, "pack.yml", "name: test\nversion: '1'\n")
    write(tmp_path, "a.yml", GOOD_RULE)
    write(tmp_path, "b.yml", GOOD_RULE)
    with pytest.raises(RuleError, match="TEST-1 finns redan"):
        load_rules(tmp_path)
