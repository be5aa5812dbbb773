"""Rule files: the built-in pack loads, bad files fail with file:line:column."""

import textwrap

import pytest

from sosfs_check.errors import RuleError
from sosfs_check.packs import builtin_rules, load_ruleset
from sosfs_check.rules import load_rule_file, load_rules

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
        "PSL-3-10-HUR", "PSL-3-10-ATGARDER", "PSL-3-10-RESULTAT", "PSL-3-10-SENAST-1-MARS", "BERATTELSE-PLATSHALLARE",
        "BERATTELSE-DOLDA-TECKEN",
        "MALL-VAGLEDNING",
    }
    maria = builtin_rules().by_id("PSL-3-5-LEX-MARIA")
    assert "kvalitetsberattelse" not in maria.profiles  # not demanded of a SoL-only report
    assert "SFS 2010:659 3 kap. 5 §" in maria.legal_basis


def test_good_rule_file_loads(tmp_path):
    [rule] = load_rule_file(write(tmp_path, "r.yml", GOOD_RULE), builtin_rules())
    assert rule.check.min_words == 15


def test_unknown_key_names_file_line_and_key(tmp_path):
    path = write(tmp_path, "r.yml", GOOD_RULE.replace("      headings: [riskanalys]", "      headingz: [riskanalys]"))
    with pytest.raises(RuleError) as err:
        load_rule_file(path, builtin_rules())
    text = str(err.value)
    assert f"{path}:10:" in text and "okänd nyckel 'headingz'" in text


def test_unknown_area_and_bad_citation_are_errors(tmp_path):
    text = GOOD_RULE.replace("area: riskanalys", "area: risk").replace(
        "SOSFS 2011:9 5 kap. 1 §", "SOSFS: 2011:9, 5 kap"
    )
    with pytest.raises(RuleError) as err:
        load_rule_file(write(tmp_path, "r.yml", text), builtin_rules())
    problems = err.value.problems
    assert any(":4:" in p and "area" in p for p in problems)
    assert any(":7:" in p and "hänvisning" in p for p in problems)


def test_advice_cannot_be_an_error(tmp_path):
    text = GOOD_RULE.replace("severity: warning", "severity: error\n    obligation: bör")
    with pytest.raises(RuleError, match="bör"):
        load_rule_file(write(tmp_path, "r.yml", text), builtin_rules())


def test_yaml_tags_that_construct_objects_are_refused(tmp_path):
    path = write(tmp_path, "r.yml", "rules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(RuleError, match="ogiltig YAML"):
        load_rule_file(path, builtin_rules())


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, "pack.yml", "name: test\nversion: '1'\n")
    write(tmp_path, "a.yml", GOOD_RULE)
    write(tmp_path, "b.yml", GOOD_RULE)
    with pytest.raises(RuleError, match="TEST-1 finns redan"):
        load_rules(tmp_path, base=builtin_rules())


PSL_TEXTS = {text.id: text for text in builtin_rules().pack.texts}


def psb_rule(severity_lines: str, basis: str = "SFS 2010:659 3 kap. 10 §") -> str:
    return (
        GOOD_RULE.replace("profiles: [kvalitetsberattelse]", "profiles: [patientsakerhetsberattelse, kvalitetsberattelse]")
        .replace("    severity: warning\n", severity_lines)
        .replace("SOSFS 2011:9 5 kap. 1 §", basis)
    )


def test_severity_per_profile_never_makes_a_kvalitetsberattelse_a_legal_error(tmp_path):
    ok = psb_rule("    severity: error\n    severity_by_profile: {kvalitetsberattelse: warning}\n")
    [rule] = load_rule_file(write(tmp_path, "ok.yml", ok), builtin_rules(), texts=PSL_TEXTS)
    assert (rule.severity_for("patientsakerhetsberattelse"), rule.severity_for("kvalitetsberattelse")) == ("error", "warning")
    with pytest.raises(RuleError, match="en kvalitetsberättelse är ett allmänt råd"):
        load_rule_file(write(tmp_path, "kb.yml", psb_rule("    severity: error\n")), builtin_rules(), texts=PSL_TEXTS)


def test_an_error_needs_report_content_read_first_hand(tmp_path):
    def error_rule(basis):
        return psb_rule("    severity: error\n    severity_by_profile: {kvalitetsberattelse: warning}\n", basis)

    with pytest.raises(RuleError, match="severity error kräver en rättslig grund"):  # a duty, not report content
        load_rule_file(write(tmp_path, "a.yml", error_rule("SFS 2010:659 3 kap. 9 §")), builtin_rules(), texts=PSL_TEXTS)
    with pytest.raises(RuleError, match="severity error kräver en rättslig grund"):  # report content, second hand
        load_rule_file(write(tmp_path, "b.yml", error_rule("SOSFS 2011:9 7 kap. 2 §")), builtin_rules(), texts=PSL_TEXTS)
    with pytest.raises(RuleError, match="severity error kräver en rättslig grund"):  # no source known: unverified
        load_rule_file(write(tmp_path, "c.yml", error_rule("SFS 2010:659 3 kap. 10 §")), builtin_rules(), texts={})
    editorial = psb_rule("    severity: error\n    obligation: publicering\n")
    [rule] = load_rule_file(write(tmp_path, "d.yml", editorial), builtin_rules(), texts={})
    assert rule.severity_for("kvalitetsberattelse") == "error"  # editorial readiness, not law


def test_rule_files_cannot_claim_their_own_sources(tmp_path):
    text = GOOD_RULE.replace("    check:", "    bases: [{cite: 'SOSFS 2011:9 5 kap. 1 §', level: primary}]\n    check:")
    with pytest.raises(RuleError, match="fylls i av sosfs-check"):
        load_rule_file(write(tmp_path, "r.yml", text), builtin_rules())


def test_a_later_packs_texts_that_no_longer_carry_an_error_are_an_error_in_that_pack(tmp_path):
    """A pack that lowers the source of a text error rules rest on: each such rule fails in that pack."""
    pack = tmp_path / "pack.yml"
    pack.write_text("name: kommun\nversion: '1'\ntexts:\n  - id: SFS 2010:659\n    name: Patientsäkerhetslag (2010:659)\n"
                    "    level: unverified\n    reference: ingen\n    report_content: ['3 kap. 10 §']\n", encoding="utf-8")
    resting = [r.id for r in builtin_rules().rules if r.severity == "error" and r.obligation == "ska"
               and all(b.cite.startswith("SFS 2010:659 ") for b in r.bases if b.supports_error)]
    with pytest.raises(RuleError) as raised:
        load_ruleset((tmp_path,))
    policy = ("severity error kräver en rättslig grund som föreskriver innehåll i berättelsen och är läst i lagtexten "
              "(primary) eller i en namngiven källa som citerar lydelsen (secondary)")
    assert resting and raised.value.problems == [f"{pack}:1:1: texts: {rule_id}: {policy}" for rule_id in resting]
