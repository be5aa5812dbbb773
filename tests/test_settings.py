"""One Settings object, resolved once (flag, else configuration, else default), used by every command."""

import json
from datetime import date
from pathlib import Path

import pytest
import typer.main
from helpers import run_cli

from sosfs_check.cli import app
from sosfs_check.errors import UserError
from sosfs_check.settings import resolve

ROOT = Path(__file__).parent.parent
EXAMPLE = str(ROOT / "fixtures" / "examples" / "boras-2021.docx")
OLD = str(ROOT / "fixtures" / "docx" / "boras-2018-headings.docx")
KOMMUN_PACK = ROOT / "docs" / "examples" / "kommun-pack"
SHARED = {"--rules", "--config", "--lang", "--max-size", "--as-of", "--profile"}


@pytest.mark.parametrize("command", ["check", "annotate", "coverage", "compare", "mall", "serve"])
def test_every_command_takes_the_shared_options_and_lists_them_in_help(command, monkeypatch, capsys):
    click = typer.main.get_command(app).commands[command]
    assert SHARED <= {name for param in click.params for name in param.opts}
    code, out, _ = run_cli(monkeypatch, capsys, command, "--help")
    assert code == 0
    assert {option for option in SHARED if option in out} == SHARED


def test_flag_beats_configuration_beats_default(tmp_path):
    config = tmp_path / "sosfs-check.toml"
    config.write_text('profile = "kvalitetsberattelse"\nas-of = "2025-01-01"\nlang = "en"\nmax-size = 7\n', encoding="utf-8")
    from_config = resolve(config)
    assert (from_config.profile, from_config.as_of, from_config.lang, from_config.max_size, from_config.fail_on) == (
        "kvalitetsberattelse", date(2025, 1, 1), "en", 7, "error"
    )
    flags = resolve(config, profile="kombinerad", as_of="2026-11-25", lang="sv", max_size=9, fail_on="never")
    assert (flags.profile, flags.as_of, flags.lang, flags.max_size, flags.fail_on) == (
        "kombinerad", date(2026, 11, 25), "sv", 9, "never"
    )
    (tmp_path / "tom.toml").write_text("", encoding="utf-8")
    defaults = resolve(tmp_path / "tom.toml")
    assert (defaults.profile, defaults.as_of, defaults.lang, defaults.max_size, defaults.fail_on) == (
        None, None, "sv", None, "error"
    )


def test_an_unknown_profile_is_refused_once_with_the_choices():
    with pytest.raises(UserError) as raised:
        resolve(profile="okänd")
    assert str(raised.value) == (
        "--profile: okänd profil 'okänd'; välj bland: patientsakerhetsberattelse, kvalitetsberattelse, kombinerad"
    )


def test_coverage_shows_the_rules_of_a_pack_given_with_rules(monkeypatch, capsys):
    args = ("coverage", EXAMPLE, "--as-of", "2026-11-25", "--format", "json")
    _, without, _ = run_cli(monkeypatch, capsys, *args)
    code, with_pack, _ = run_cli(monkeypatch, capsys, *args, "--rules", str(KOMMUN_PACK))
    assert code == 0
    def rules(text):
        return {rule for q in json.loads(text)["requirements"] for rule in q["rules"]}

    assert rules(with_pack) - rules(without) == {"KOMMUN-KKIK"}  # the pack's own rule; its SIP rule replaces the built-in one


def test_compare_loads_the_packs_given_with_rules(monkeypatch, capsys, tmp_path):
    missing = tmp_path / "finns-inte"
    code, out, err = run_cli(monkeypatch, capsys, "compare", OLD, EXAMPLE, "--rules", str(missing))
    assert (code, out, err) == (2, "", f"sosfs-check: {missing.resolve()}: regelpaketets mapp finns inte\n")


def test_coverage_in_english_translates_the_text_and_keeps_the_json(monkeypatch, capsys):
    args = ("coverage", EXAMPLE, "--as-of", "2026-11-25")
    code, sv_json, err = run_cli(monkeypatch, capsys, *args, "--format", "json")
    assert (code, err) == (0, "")
    code, en_json, err = run_cli(monkeypatch, capsys, *args, "--format", "json", "--lang", "en")
    assert (code, en_json, err) == (0, sv_json, "")
    code, text, err = run_cli(monkeypatch, capsys, *args, "--format", "markdown", "--lang", "en")
    lines = text.splitlines()
    assert (code, err) == (0, "")
    assert lines[:6] == [
        "# Coverage of the management system's requirements", "",
        "- boras-2021.docx: Patientsäkerhets- och kvalitetsberättelse, period 2021", "",
        "| Requirement (legal basis) | boras-2021.docx | Total |", "|---|---|---|",
    ]
    assert "| SFS 2010:659 3 kap. 8 § Information till patient som drabbats av vårdskada | not fulfilled | 1 not fulfilled |" in lines
    # PSL 3 kap. 11–12 §§ empower others to issue föreskrifter: no row (legalfix, review item C7).
    assert lines[-1] == "| **Total** | 49 fulfilled, 8 partly fulfilled, 6 not fulfilled, 1 not applicable |  |"
    code, csv_text, _ = run_cli(monkeypatch, capsys, *args, "--format", "csv", "--lang", "en")
    assert csv_text.splitlines()[0] == (
        "<U+FEFF>Area;Legal basis;Requirement;boras-2021.docx;boras-2021.docx – evidence in section;"
        "Fulfilled;Partly fulfilled;Not fulfilled;Not applicable"
    )


def test_compare_in_english(monkeypatch, capsys):
    code, text, err = run_cli(monkeypatch, capsys, "compare", OLD, EXAMPLE, "--as-of", "2026-11-25",
                              "--format", "markdown", "--lang", "en")
    lines = text.splitlines()
    assert (code, err) == (0, "")
    assert lines[0] == "# Comparison: boras-2018-headings.docx → boras-2021.docx"
    assert [line for line in lines if line.startswith("## ")] == [
        "## Sections", "## Figures", "## Management-system checklist", "## Copied text",
    ]
    assert "| complaints and comments received | 9 | 12 |" in lines
    assert "| Samverkan | partly fulfilled | fulfilled | improved |" in lines
    assert "| Section | Paragraphs | Words | Text |" in lines


def test_settings_replace_changes_only_the_named_attributes_and_settings_stay_frozen():
    from sosfs_check.settings import Settings

    given = Settings(profile="kvalitetsberattelse", as_of=date(2026, 1, 1), lang="en", heading_styles={"Rubrik": 1})
    changed = given.replace(profile=None)
    assert (changed.profile, changed.as_of, changed.lang, changed.heading_styles) == (None, date(2026, 1, 1), "en",
                                                                                      {"Rubrik": 1})
    assert given.profile == "kvalitetsberattelse" and changed != given and changed.replace(profile=given.profile) == given
    with pytest.raises(AttributeError, match="frozen"):
        changed.lang = "sv"
    with pytest.raises(TypeError):
        given.replace(colour="blå")
