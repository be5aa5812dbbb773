"""Configuration files, suppressions with reasons, and baselines of known findings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

import sosfs_check
from sosfs_check.config import configure_rules, find_config, load_config
from sosfs_check.errors import UserError
from sosfs_check.packs import builtin_rules

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "fixtures" / "examples" / "boras-2021.docx"
SUPPRESS = '[[suppress]]\nrule = "SOSFS-5-1-GENOMFORD"\nreason = "Riskanalyserna redovisas i en egen rapport till nämnden"\n'


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run(
        [sys.executable, "-m", "sosfs_check", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.fixture
def report(tmp_path) -> Path:
    return Path(shutil.copy2(EXAMPLE, tmp_path / "rapport.docx"))


def check_json(cwd: Path, *args: str) -> tuple[int, dict]:
    done = cli("check", "rapport.docx", "--format", "json", "--as-of", "2026-11-25", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)["documents"][0]


# -- finding and reading the file ------------------------------------------------------------


def test_found_from_the_current_directory_upward(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.sosfs-check]\nfail-on = "warning"\n', encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "annat"\n', encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "pyproject.toml"  # a pyproject without the table is passed by
    assert load_config(start=tmp_path / "a" / "b").fail_on == "warning"
    (tmp_path / "a" / "sosfs-check.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert load_config(start=tmp_path / "a" / "b").fail_on == "never"
    assert load_config(tmp_path / "pyproject.toml").fail_on == "warning"  # --config wins over the search


def test_all_keys(tmp_path):
    path = tmp_path / "sosfs-check.toml"
    path.write_text(
        'profile = "kombinerad"\nselect = ["riskanalys", "PSL-3-10-TILLGANGLIG"]\nignore = ["SOSFS-5-1-SANNOLIKHET"]\n'
        'fail-on = "warning"\nas-of = 2026-11-25\nlang = "en"\nheading-styles = {"Kommun Rubrik 1" = 1}\n'
        '[severity]\n"PSL-3-10-TILLGANGLIG" = "warning"\n' + SUPPRESS,
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.path == path and config.profile == "kombinerad" and config.lang == "en"
    assert str(config.as_of) == "2026-11-25" and config.heading_styles == {"Kommun Rubrik 1": 1}
    rules = configure_rules(config, builtin_rules())
    ids = {r.id for r in rules.rules}
    assert "PSL-3-10-TILLGANGLIG" in ids and "SOSFS-5-1-SANNOLIKHET" not in ids
    assert {r.area for r in rules.rules} == {"riskanalys", "berattelse"}
    assert rules.by_id("PSL-3-10-TILLGANGLIG").severity == "warning"
    assert builtin_rules().by_id("PSL-3-10-TILLGANGLIG").severity == "info"  # the pack itself is unchanged


@pytest.mark.parametrize(
    "text, message",
    [
        ('lang = "sv"\nprofil = "kombinerad"\n', "2: okänd nyckel 'profil' (tillåtna: profile, select, ignore, severity, "
         "fail-on, as-of, lang, max-size, heading-styles, suppress, rules, exclude, docs-url)"),
        ('[[suppress]]\nrule = "A"\nreason = "r"\n\n[[suppress]]\nrule = "SOSFS-5-1-GENOMFORD"\n',
         "5: suppress.1.reason: saknas; ett undantag kräver ett skriftligt skäl"),
        ('[[suppress]]\nrule = "SOSFS-5-1-GENOMFORD"\nreason = "  "\n',
         "3: suppress.0.reason: ett undantag kräver ett skriftligt skäl (reason)"),
        ('[[suppress]]\nrule = "X"\nreason = "r"\nwhy = "r"\n', "4: okänd nyckel 'suppress.0.why'"),
        ('lang = "sv"\nfail-on = "ibland"\n', "2: fail-on: ogiltigt värde 'ibland'; tillåtet: 'error', 'warning' eller 'never'"),
        ('\nheading-styles = {"Rubrik A" = 12}\n',
         "2: heading-styles.Rubrik A: ogiltigt värde 12 (Input should be less than or equal to 9)"),
        ('[severity]\nx = "info"\n"PSL-3-10-TILLGANGLIG" = "fatal"\n',
         "3: severity.PSL-3-10-TILLGANGLIG: ogiltigt värde 'fatal'; tillåtet: 'error', 'warning' eller 'info'"),
        ("as-of = 2026-13-01\n", "1: ogiltig TOML: Expected newline or end of document after a statement (at line 1, column 13)"),
    ],
)
def test_mistakes_are_swedish_errors_naming_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "sosfs-check.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_config(path)
    assert str(error.value) == f"{path}:{message}"


def test_a_mistake_in_pyproject_names_its_line(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\nlang = "sv"\n\n[tool.sosfs-check]\nlang = "fi"\n', encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_config(path)
    assert str(error.value) == f"{path}:6: tool.sosfs-check.lang: ogiltigt värde 'fi'; tillåtet: 'sv' eller 'en'"


@pytest.mark.parametrize(
    "text, message",
    [
        ('lang = "sv"\nignore = ["RISKANALYS-FINNS"]\n', ":2: okänd regel eller område: RISKANALYS-FINNS"),
    ],
)
def test_rules_named_must_exist_and_keep_their_legal_limits(tmp_path, text, message):
    path = tmp_path / "sosfs-check.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        configure_rules(load_config(path), builtin_rules())


def test_unknown_key_from_the_command_line(tmp_path, report):
    (tmp_path / "pyproject.toml").write_text('[tool.sosfs-check]\nfailon = "warning"\n', encoding="utf-8")
    done = cli("check", "rapport.docx", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"sosfs-check: {tmp_path / 'pyproject.toml'}:2: okänd nyckel 'tool.sosfs-check.failon'" in done.stderr


# -- effect on a check -----------------------------------------------------------------------


def test_config_sets_defaults_and_options_override_it(tmp_path, report):
    (tmp_path / "sosfs-check.toml").write_text('fail-on = "warning"\nlang = "en"\n', encoding="utf-8")
    assert check_json(tmp_path)[0] == 1  # two warnings fail with fail-on = warning
    assert check_json(tmp_path, "--fail-on", "error")[0] == 0
    english = cli("check", "rapport.docx", "--as-of", "2026-11-25", cwd=tmp_path).stdout
    assert "Management-system checklist" in english
    swedish = cli("check", "rapport.docx", "--as-of", "2026-11-25", "--lang", "sv", cwd=tmp_path).stdout
    assert "Checklista för ledningssystemet" in swedish


def test_suppressed_findings_are_shown_with_the_reason_but_do_not_fail(tmp_path, report):
    ignore = 'fail-on = "warning"\nignore = ["lagar", "SOL-27-3-INFORMATION", "FIGUR-IVO-ANMALNINGAR"]\n'
    (tmp_path / "sosfs-check.toml").write_text(ignore, encoding="utf-8")
    assert check_json(tmp_path)[0] == 1  # the riskanalys warning alone fails
    (tmp_path / "sosfs-check.toml").write_text(ignore + SUPPRESS, encoding="utf-8")
    code, doc = check_json(tmp_path)
    assert code == 0 and doc["suppressed"] == 1
    [risk] = [f for f in doc["findings"] if f["rule_id"] == "SOSFS-5-1-GENOMFORD"]
    assert risk["suppressed"] == "Riskanalyserna redovisas i en egen rapport till nämnden"
    assert not any(f["area"] == "lagar" for f in doc["findings"])
    text = cli("check", "rapport.docx", "--as-of", "2026-11-25", cwd=tmp_path).stdout
    assert "undantagen: Riskanalyserna redovisas i en egen rapport till nämnden" in text
    markdown = cli("check", "rapport.docx", "--as-of", "2026-11-25", "-f", "markdown", cwd=tmp_path).stdout
    assert "*(undantagen: Riskanalyserna redovisas i en egen rapport till nämnden)*" in markdown
    annotations = cli("check", "rapport.docx", "--as-of", "2026-11-25", "-f", "github", cwd=tmp_path).stdout
    [line] = [a for a in annotations.splitlines() if "SOSFS-5-1-GENOMFORD" in a]
    assert line.startswith("::notice ") and "title=SOSFS-5-1-GENOMFORD (undantagen%3A Riskanalyserna" in line


def _custom_heading_report(path: Path) -> Path:
    word = docx.Document()
    word.styles.add_style("Kommun Rubrik 1", 1)  # WD_STYLE_TYPE.PARAGRAPH; no outline level, not bold
    word.add_paragraph("Patientsäkerhetsberättelse 2024", style="Title")
    for title in ("Inledning", "Riskanalys", "Egenkontroll", "Avvikelser"):
        word.add_paragraph(title, style="Kommun Rubrik 1")
        word.add_paragraph("Verksamheten har under året arbetat systematiskt med kvalitet och patientsäkerhet.")
    word.save(str(path))
    return path


def test_heading_style_mapping_reaches_the_reader(tmp_path):
    _custom_heading_report(tmp_path / "rapport.docx")
    code, doc = check_json(tmp_path)
    assert doc["reader"]["headings"] == 0
    (tmp_path / "sosfs-check.toml").write_text('heading-styles = {"Kommun Rubrik 1" = 1}\n', encoding="utf-8")
    code, doc = check_json(tmp_path)
    assert doc["reader"]["heading_sources"] == {"style_map": 4}
    result = sosfs_check.check(tmp_path / "rapport.docx", style_map={"Kommun Rubrik 1": 2})
    assert [h.level for h in result.document.headings] == [2, 2, 2, 2]


# -- baseline --------------------------------------------------------------------------------


def test_baseline_keeps_known_findings_visible_without_failing(tmp_path, report):
    code, doc = check_json(tmp_path, "--fail-on", "warning")
    assert code == 1 and doc["baselined"] == 0 and not any(f["baselined"] for f in doc["findings"])
    code, doc = check_json(tmp_path, "--fail-on", "warning", "--write-baseline", "kanda.json")
    assert code == 0 and doc["baselined"] == len(doc["findings"]) > 5
    stored = json.loads((tmp_path / "kanda.json").read_text(encoding="utf-8"))
    assert [e["fingerprint"] for e in stored["findings"]] == [f["fingerprint"] for f in doc["findings"]]
    assert {e["path"] for e in stored["findings"]} == {"rapport.docx"}

    (tmp_path / "ci").mkdir()  # the baseline works from another directory: paths are relative to it
    done = cli("check", "../rapport.docx", "--fail-on", "warning", "--as-of", "2026-11-25", "--baseline", "../kanda.json",
               cwd=tmp_path / "ci")
    assert done.returncode == 0, done.stderr
    assert f"0 fel, 0 varningar, 0 info; {doc['baselined']} i baslinjen, 0 undantagna" in done.stdout


def test_new_findings_still_fail_with_a_baseline(tmp_path):
    shutil.copy2(ROOT / "fixtures/docx/boras-2021-headings.docx", tmp_path / "rapport.docx")
    check_json(tmp_path, "--write-baseline", "kanda.json")
    shutil.copy2(ROOT / "fixtures/docx/boras-2021-utan-riskanalys.docx", tmp_path / "rapport.docx")
    code, doc = check_json(tmp_path, "--baseline", "kanda.json", "--fail-on", "warning")
    new = [f for f in doc["findings"] if not f["baselined"]]
    assert code == 1
    assert {f["rule_id"] for f in new if f["severity"] == "warning"} == {"SOSFS-5-1-RISKANALYS", "SOSFS-5-1-SANNOLIKHET"}
    assert doc["baselined"] == len(doc["findings"]) - len(new) > 0
    sarif = cli("check", "rapport.docx", "--as-of", "2026-11-25", "--baseline", "kanda.json", "-f", "sarif", cwd=tmp_path)
    states = [r.get("baselineState") for r in json.loads(sarif.stdout)["runs"][0]["results"]]
    assert states.count("unchanged") == doc["baselined"]
    junit = cli("check", "rapport.docx", "--as-of", "2026-11-25", "--baseline", "kanda.json", "-f", "junit",
                "--fail-on", "warning", cwd=tmp_path)
    failed = re.findall(r'<testcase classname="rapport.docx" name="(\S+)[^>]*>\s*<failure', junit.stdout)
    assert set(failed) == {f["rule_id"] for f in new if f["severity"] != "info"}  # JUnit follows the gate
    assert "känd brist (baslinje)" in junit.stdout  # rules with only known findings: skipped, with the reason


def test_a_broken_baseline_is_a_usage_error(tmp_path, report):
    (tmp_path / "kanda.json").write_text('{"findings": []}', encoding="utf-8")
    done = cli("check", "rapport.docx", "--baseline", "kanda.json", cwd=tmp_path)
    assert done.returncode == 2 and "kanda.json: ogiltig baslinjefil" in done.stderr
    done = cli("check", "rapport.docx", "--baseline", "saknas.json", cwd=tmp_path)
    assert done.returncode == 2 and "saknas.json: kan inte läsa baslinjen" in done.stderr


def test_configuration_may_lower_any_severity_and_a_raise_beyond_the_law_is_shown(tmp_path, report):
    (tmp_path / "sosfs-check.toml").write_text(
        '[severity]\n"PSL-3-10-TILLGANGLIG" = "error"\n"PSL-3-10-HUR" = "info"\n', encoding="utf-8"
    )
    rules = configure_rules(load_config(tmp_path / "sosfs-check.toml"), builtin_rules())
    raised, lowered = rules.by_id("PSL-3-10-TILLGANGLIG"), rules.by_id("PSL-3-10-HUR")
    assert (raised.severity, raised.raised_from) == ("error", "info")  # good practice, raised to error
    assert (lowered.severity, lowered.raised_from) == ("info", None)  # lowering needs no mention
    code, doc = check_json(tmp_path)
    [finding] = [f for f in doc["findings"] if f["rule_id"] == "PSL-3-10-TILLGANGLIG"]
    assert code == 1 and (finding["severity"], finding["raised_from"]) == ("error", "info")
    text = cli("check", "rapport.docx", "--as-of", "2026-11-25", cwd=tmp_path).stdout
    assert "höjd av konfigurationen från info; lagen ger inte stöd för den här allvarligheten" in " ".join(text.split())
