"""`sosfs-check rules ...`, custom rule packs (`--rules`), patterns RE2 cannot run, schema and reference."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import get_args

import pytest

from sosfs_check.errors import RuleError
from sosfs_check.ruledoc import legal_sources_markdown, rules_markdown, schemas
import sosfs_check.checks
from sosfs_check.checks import CHECK_TYPE_NAMES, CHECK_TYPES
from sosfs_check.checks.models import MODELS
from sosfs_check.packs import builtin_rules, builtin_rules_dir, load_ruleset
from sosfs_check.testing import build_docx

from helpers import GOOD_RULE, run_cli

ROOT = Path(__file__).resolve().parent.parent
KOMMUN_PACK = ROOT / "docs" / "examples" / "kommun-pack"


@pytest.fixture
def cli(monkeypatch, capsys):
    return lambda *args: run_cli(monkeypatch, capsys, *args)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- list and explain


def test_list_json_has_every_rule_with_its_legal_basis(cli):
    code, out, _ = cli("rules", "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == len(builtin_rules().rules) >= 40
    assert set(rows[0]) == {
        "id", "title", "area", "severity", "severity_by_profile", "obligation", "source_level", "verified", "profiles",
        "legal_basis", "sources", "valid_from", "valid_to",
    }
    assert all(row["legal_basis"] for row in rows)
    maria = next(row for row in rows if row["id"] == "PSL-3-5-LEX-MARIA")
    assert maria["legal_basis"] == ["SFS 2010:659 3 kap. 5 §", "HSLF-FS 2017:41"]
    assert maria["profiles"] == ["patientsakerhetsberattelse", "kombinerad"]
    assert (maria["obligation"], maria["source_level"]) == ("ska", "primary")
    assert [(s["cite"], s["level"]) for s in maria["sources"]] == [
        ("SFS 2010:659 3 kap. 5 §", "primary"), ("HSLF-FS 2017:41", "secondary")
    ]
    placeholders = next(row for row in rows if row["id"] == "BERATTELSE-PLATSHALLARE")
    assert (placeholders["severity"], placeholders["obligation"]) == ("error", "publicering")
    # No rule whose bases are all unverified is an error.
    assert not [r["id"] for r in rows if r["source_level"] == "unverified" and r["severity"] == "error"]


def test_list_filters_by_area_and_profile(cli):
    _, out, _ = cli("rules", "list", "--area", "riskanalys", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == ["SOSFS-5-1-RISKANALYS", "SOSFS-5-1-SANNOLIKHET", "SOSFS-5-1-GENOMFORD"]
    _, out, _ = cli("rules", "list", "--profile", "kvalitetsberattelse", "--format", "json")
    ids = {r["id"] for r in json.loads(out)}
    assert "SOL-27-LEX-SARAH" in ids and "PSL-3-5-LEX-MARIA" not in ids


def test_list_rich_shows_the_table(cli):
    code, out, _ = cli("rules", "list", "--area", "ansvar")
    assert code == 0
    assert "7 regler" in out and "Ledningssystem, mål och ansvar (ansvar)" in out
    assert "PSL-3-9-ANSVAR  varning, ska, primärkälla  Hur det organisatoriska ansvaret" in out and "SFS 2010:659 3 kap. 9 §" in out


def test_list_with_an_unknown_area_is_a_usage_error(cli):
    code, _, err = cli("rules", "list", "--area", "risk")
    assert code == 2
    assert "okänt område 'risk'" in err and "riskanalys" in err


def test_explain_shows_the_law_with_chapter_and_paragraph(cli):
    code, out, _ = cli("rules", "explain", "psl-3-9-ansvar")
    assert code == 0
    for part in ("PSL-3-9-ANSVAR", "Rättslig grund", "SFS 2010:659 3 kap. 9 §", "Vad lagen kräver",
                 "3 kap. 9 § patientsäkerhetslagen (2010:659)", "Varför det spelar roll",
                 "Exempel på text som uppfyller kravet", "Vad regeln letar efter", "”organisatoriskt ansvar”",
                 "minst 12 ord", "Så åtgärdar du bristen"):
        assert part in out, part


def test_explain_an_unknown_id_suggests_close_ones(cli):
    code, _, err = cli("rules", "explain", "PSL-3-9-ANSVA")
    assert code == 2
    assert "ingen regel med id 'PSL-3-9-ANSVA'" in err and "PSL-3-9-ANSVAR" in err


def test_every_builtin_rule_is_explained_with_its_legal_basis():
    for rule in builtin_rules().rules:
        assert rule.explain is not None, rule.id
        assert "§" in rule.explain.requirement or "HSLF-FS" in rule.explain.requirement, rule.id


def test_explain_shows_each_basis_with_its_source_level(cli):
    code, out, _ = cli("rules", "explain", "SOL-27-LEX-SARAH")
    text = " ".join(out.split())
    assert code == 0 and "Källa: primärkälla (läst i den konsoliderade lagtexten)" in text
    assert "SFS 2025:400 27 kap. 2–6 §§ – primärkälla (läst i den konsoliderade lagtexten), gäller 2025-07-01 – …" in text
    assert "SFS 2001:453 14 kap. 3–7 §§ – andrahandskälla, gäller … – 2025-06-30: IVO" in text
    assert "SOSFS 2011:5 – andrahandskälla" in text


# --- validate


def test_validate_a_good_pack_says_ok(cli):
    code, out, _ = cli("rules", "validate", str(builtin_rules_dir()), str(KOMMUN_PACK))
    assert code == 0
    assert out.startswith("OK: inga fel (")


def test_validate_single_rule_pack_and_test_files(cli):
    rules_dir = builtin_rules_dir()
    code, out, _ = cli("rules", "validate", str(rules_dir / "pack.yml"), str(rules_dir / "riskanalys.yml"),
                       str(rules_dir / "tests" / "riskanalys.yml"))
    assert code == 0
    assert out == "OK: inga fel (3 regler, 13 testfall).\n"


def test_every_module_of_the_checks_package_is_a_check_type_named_after_it():
    folder = Path(sosfs_check.checks.__file__).parent
    modules = sorted(p.stem for p in folder.glob("*.py") if p.stem not in ("__init__", "context", "models"))
    assert list(CHECK_TYPE_NAMES) == list(CHECK_TYPES) == modules
    assert [get_args(m.model_fields["type"].annotation)[0] for m in MODELS] == modules  # each has its model
    assert {t.evaluate.__module__ for t in CHECK_TYPES.values()} == {f"sosfs_check.checks.{m}" for m in modules}


def test_validate_names_file_line_and_unknown_key(cli, tmp_path):
    path = write(tmp_path / "r.yml", GOOD_RULE.replace("      headings:", "      headingz:"))
    code, out, err = cli("rules", "validate", str(path))
    assert code == 2
    assert f"{path}:10:7: rules.0.check.section.headingz: okänd nyckel 'headingz'" in out
    assert f"{path}:8:5: rules.0.check.section.headings: saknas" in out
    assert "2 fel i reglerna" in err


def test_validate_unknown_check_type_and_area(cli, tmp_path):
    text = GOOD_RULE.replace("type: section", "type: sektion").replace("area: riskanalys", "area: risk")
    code, out, _ = cli("rules", "validate", str(write(tmp_path / "r.yml", text)))
    assert code == 2
    path = tmp_path / "r.yml"
    areas = ", ".join(repr(a) for a in builtin_rules().areas)
    assert out.splitlines() == [
        f"{path}:4:5: rules.0.area: ogiltigt värde 'risk'; tillåtna värden: {areas}",
        f"{path}:9:7: rules.0.check.type: okänd kontrolltyp 'sektion'; välj bland: absence, adoption, citations, controls, "
        "figure, guidance, period_text, phrases, placeholders, section, stale_references, superseded_texts, title, toc",
    ]


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(riskanalys", "reguljärt uttryck '(riskanalys': kompilerar inte: missing ), unterminated subpattern"),
        ("(?<!inte )gjorts", "lookahead och lookbehind ((?=, (?!, (?<=, (?<!) stöds inte, eftersom uttryck körs i "
                             "linjär tid (RE2)"),
    ],
)
def test_validate_rejects_broken_and_non_linear_regexes(cli, tmp_path, pattern, problem):
    text = GOOD_RULE.replace("type: section\n      headings: [riskanalys]", f'type: absence\n      patterns: ["{pattern}"]')
    code, out, _ = cli("rules", "validate", str(write(tmp_path / "r.yml", text)))
    assert code == 2
    assert ":10:18: rules.0.check.absence.patterns.0:" in out and problem in out


def test_validate_a_pack_that_disables_an_unknown_rule(cli, tmp_path):
    write(tmp_path / "pack.yml", "name: test\nversion: '1'\ndisable:\n  - SOSFS-5-1-RISKANALYS\n  - FINNS-INTE-1\n")
    code, out, _ = cli("rules", "validate", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'pack.yml'}:5:5: disable: okänt regel-id 'FINNS-INTE-1'" in out


def test_validate_a_missing_path(cli, tmp_path):
    code, out, _ = cli("rules", "validate", str(tmp_path / "saknas.yml"))
    assert code == 2 and "filen eller mappen finns inte" in out


# --- packs


def test_a_pack_overrides_in_place_adds_and_disables(tmp_path):
    base = builtin_rules()
    merged = load_ruleset((KOMMUN_PACK,))
    assert load_ruleset((KOMMUN_PACK,)) is merged  # cached
    assert merged.pack == base.pack
    assert [p.name for p in merged.packs] == ["sosfs-check grundpaket", "Exempelby kommuns regelpaket"]
    assert merged.pack_names == "sosfs-check grundpaket 2026.11 + Exempelby kommuns regelpaket 2026.1"
    ids = [r.id for r in merged.rules]
    assert "BERATTELSE-INNEHALLSFORTECKNING" not in ids
    assert ids[-1] == "KOMMUN-KKIK"
    sip = merged.by_id("SIP-SAMORDNAD-PLAN")
    assert sip.severity == "warning" and base.by_id("SIP-SAMORDNAD-PLAN").severity == "info"
    base_ids = [r.id for r in base.rules if r.id != "BERATTELSE-INNEHALLSFORTECKNING"]
    assert ids.index("SIP-SAMORDNAD-PLAN") == base_ids.index("SIP-SAMORDNAD-PLAN")


def test_a_pack_rule_with_a_backreference_is_refused(tmp_path):
    write(tmp_path / "pack.yml", "name: test\nversion: '1'\n")
    text = GOOD_RULE.replace("type: section\n      headings: [riskanalys]", 'type: absence\n      patterns: ["(a+)\\\\1"]')
    write(tmp_path / "r.yml", text)
    with pytest.raises(RuleError, match=r"bakåtreferenser \(\\1, \(\?P=namn\)\) stöds inte"):
        load_ruleset((tmp_path,))


KB_WITHOUT_KKIK = """\
%% Kvalitetsberättelse 2025

<!-- toc -->
Innehåll
- 1 Egenkontroll.....2
- 2 Samverkan.....3
<!-- /toc -->

# Egenkontroll

Kommunen deltar i KKiK.

# Samverkan

Kommunen samverkar med regionen.
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_with_a_pack_reports_its_rules_and_names_every_pack(cli, tmp_path, jobs):
    reports = [build_docx(KB_WITHOUT_KKIK, tmp_path / f"kb-{n}.docx") for n in (1, 2)]
    code, out, err = cli("check", *map(str, reports), "--rules", str(KOMMUN_PACK), "--format", "json",
                         "--jobs", jobs, "--fail-on", "never", "--as-of", "2026-03-01")
    assert code == 0, err
    report = json.loads(out)
    assert report["rule_pack"] == {"name": "sosfs-check grundpaket", "version": "2026.11"}
    assert report["rule_packs"][1] == {"name": "Exempelby kommuns regelpaket", "version": "2026.1"}
    for document in report["documents"]:
        findings = {f["rule_id"]: f for f in document["findings"]}
        assert findings["KOMMUN-KKIK"]["severity"] == "warning"
        assert findings["SIP-SAMORDNAD-PLAN"]["severity"] == "warning"
        assert "BERATTELSE-INNEHALLSFORTECKNING" not in {r["rule_id"] for r in document["results"]}


def test_rule_packs_in_configuration_are_relative_to_the_file(cli, tmp_path, monkeypatch):
    shutil.copytree(KOMMUN_PACK, tmp_path / "regler" / "kommun")
    (tmp_path / "sosfs-check.toml").write_text('rules = ["regler/kommun"]\n', encoding="utf-8")
    build_docx(KB_WITHOUT_KKIK, tmp_path / "kb.docx")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "kb.docx", "--format", "json", "--fail-on", "never", "--as-of", "2026-03-01")
    assert code == 0, err
    report = json.loads(out)
    assert [p["name"] for p in report["rule_packs"]] == ["sosfs-check grundpaket", "Exempelby kommuns regelpaket"]
    assert "KOMMUN-KKIK" in {f["rule_id"] for f in report["documents"][0]["findings"]}


def test_check_with_a_broken_pack_is_an_input_error(cli, tmp_path):
    code, _, err = cli("check", str(tmp_path / "x.docx"), "--rules", str(tmp_path / "inget-paket"))
    assert code == 2
    assert "regelpaketets mapp finns inte" in err


# --- schema and reference


def test_json_schemas_in_docs_are_up_to_date():
    for name, text in schemas().items():
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == text, f"kör: sosfs-check rules schema docs ({name})"


def test_rule_files_point_at_the_schemas():
    for path in builtin_rules_dir().glob("*.yml"):
        schema = "pack.schema.json" if path.name == "pack.yml" else "rules.schema.json"
        assert path.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema=../docs/{schema}\n")
    for path in (builtin_rules_dir() / "tests").glob("*.yml"):
        assert "$schema=../../docs/rule-tests.schema.json" in path.read_text(encoding="utf-8")


def test_rules_schema_command_writes_the_schemas(cli, tmp_path):
    code, out, _ = cli("rules", "schema", str(tmp_path))
    assert code == 0
    for name, text in schemas().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
        assert f"Skrev {tmp_path / name}" in out
    schema = json.loads((tmp_path / "rules.schema.json").read_text(encoding="utf-8"))
    assert "riskanalys" in json.dumps(schema["$defs"]["Rule"]["properties"]["area"])


def test_rule_reference_is_up_to_date():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == rules_markdown(builtin_rules()), "kör: sosfs-check rules docs --output docs/rules.md"
    for rule in builtin_rules().rules:
        assert f"\n### {rule.id}\n" in text and "; ".join(rule.legal_basis) in text


def test_legal_sources_are_up_to_date_and_list_every_cited_provision(cli, tmp_path):
    text = (ROOT / "docs" / "legal-sources.md").read_text(encoding="utf-8")
    assert text == legal_sources_markdown(builtin_rules()), (
        "kör: sosfs-check rules docs --sources --output docs/legal-sources.md"
    )
    for rule in builtin_rules().rules:
        for basis in rule.bases:
            assert f"\n| {basis.cite} | " in text, basis.cite
    assert "| SFS 2010:659 3 kap. 10 § | primärkälla | ja | " in text
    assert "| SOSFS 2011:9 7 kap. 2 § p. 1 | andrahandskälla | ja | PSL-3-9-ANSVAR |" in text
    assert "- **SOSFS 2011:9:** Läs 3–7 kap." in text  # what to check before a release
    code, _, _ = cli("rules", "docs", "--sources", "--output", str(tmp_path / "kallor.md"))
    assert code == 0 and (tmp_path / "kallor.md").read_text(encoding="utf-8") == text


def test_rules_docs_command_includes_pack_rules(cli, tmp_path):
    code, _, _ = cli("rules", "docs", "--rules", str(KOMMUN_PACK), "--output", str(tmp_path / "regler.md"))
    assert code == 0
    text = (tmp_path / "regler.md").read_text(encoding="utf-8")
    assert "### KOMMUN-KKIK" in text and "Exempelby kommuns regelpaket 2026.1" in text


def test_a_copied_pack_validates_like_the_original(cli, tmp_path):
    shutil.copytree(builtin_rules_dir(), tmp_path / "kopia")
    code, out, _ = cli("rules", "validate", str(tmp_path / "kopia"))
    assert code == 0, out


def test_a_rule_file_alone_is_validated_with_the_pack_sources(cli):
    # PSL-3-10-HUR is an error on a primary basis; its file alone must not look unverified.
    code, out, _ = cli("rules", "validate", str(builtin_rules_dir() / "berattelse.yml"))
    assert code == 0 and "OK: inga fel" in out
