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


def test_coverage_says_it_is_swedish_only_when_english_is_asked_for(monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "coverage", EXAMPLE, "--as-of", "2026-11-25", "--format", "json",
                             "--lang", "en")
    assert code == 0 and json.loads(out)["reports"][0]["path"] == EXAMPLE
    assert err == "sosfs-check: täckningsmatrisen finns bara på svenska; språket 'en' gäller inte här\n"
