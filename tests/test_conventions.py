"""What users expect of a command-line tool: --version, completion, clean help, plurals,
profile aliases, the date forms reports use."""

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import sosfs_check
from sosfs_check.dates import dating
from sosfs_check.document import Block, Document
from sosfs_check.errors import UserError
from sosfs_check.i18n import count_phrase, words
from sosfs_check.packs import builtin_rules

ROOT = Path(__file__).parent.parent
COMMANDS = [[], ["check"], ["annotate"], ["coverage"], ["compare"], ["mall"], ["serve"], ["rules"], ["rules", "list"]]


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "sosfs_check", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "200", **(env or {})})


def test_version():
    done = cli("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"sosfs-check {sosfs_check.__version__}\n", "")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_no_type_placeholders(command):
    done = cli(*command, "--help")
    assert done.returncode == 0, done.stderr
    assert re.findall(r"<(?:bool|str|int|path|list\[\w+\]|int range|float)[^>]*>", done.stdout) == []
    assert "[default: None]" not in done.stdout


def test_shell_completion_completes_commands():
    """Through the installed script: completion is keyed to the program's name."""
    script = Path(sys.executable).parent / "sosfs-check"
    env = {**os.environ, "_SOSFS_CHECK_COMPLETE": "complete_bash", "COMP_WORDS": "sosfs-check co", "COMP_CWORD": "1"}
    done = subprocess.run([str(script)], capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout.split()) == (0, ["coverage", "compare"])
    shown = subprocess.run([str(script), "--show-completion", "bash"], capture_output=True, text=True)
    assert (shown.returncode, shown.stdout.splitlines()[-1]) == (
        0, "complete -o default -F _sosfs_check_completion sosfs-check"
    )


@pytest.mark.parametrize(
    "count, key, text",
    [(0, "warning", "0 varningar"), (1, "warning", "1 varning"), (2, "warning", "2 varningar"),
     (1, "error", "1 fel"), (1, "suppressed", "1 undantagen"), (3, "suppressed", "3 undantagna"),
     (1, "comment", "1 kommentar"), (7, "comment", "7 kommentarer")],
)
def test_singular_and_plural(count, key, text):
    assert count_phrase(count, key, words("sv")) == text


def test_english_plurals():
    assert [count_phrase(n, "warning", words("en")) for n in (1, 2)] == ["1 warning", "2 warnings"]


@pytest.mark.parametrize(
    "text, name",
    [("psb", "patientsakerhetsberattelse"), ("PSB", "patientsakerhetsberattelse"), ("kb", "kvalitetsberattelse"),
     ("kvalitetsberattelse", "kvalitetsberattelse"), ("Kvalitetsberättelse", "kvalitetsberattelse"),
     ("patientsäkerhetsberättelse", "patientsakerhetsberattelse"), ("KOMBINERAD", "kombinerad"),
     ("Patientsäkerhets- och kvalitetsberättelse", "kombinerad"), (None, None)],
)
def test_profile_aliases(text, name):
    assert builtin_rules().check_profile(text) == name


def test_an_unknown_profile_names_the_choices():
    with pytest.raises(UserError) as error:
        builtin_rules().check_profile("psl")
    assert str(error.value) == (
        "--profile: okänd profil 'psl'; välj bland: patientsakerhetsberattelse, kvalitetsberattelse, kombinerad"
    )


def test_profile_alias_on_the_command_line():
    done = cli("check", "fixtures/examples/boras-2021.docx", "--profile", "KB", "-f", "json", "--as-of", "2026-11-25",
               "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    assert '"profile": "kvalitetsberattelse", "profile_source": "option"' in done.stdout


def test_profile_alias_in_the_configuration(tmp_path):
    from sosfs_check.settings import resolve

    (tmp_path / "sosfs-check.toml").write_text('profile = "psb"\n', encoding="utf-8")
    assert resolve(tmp_path / "sosfs-check.toml").profile == "patientsakerhetsberattelse"


@pytest.mark.parametrize(
    "text, when",
    [
        ("Fastställd av nämnden 2025-02-20.", date(2025, 2, 20)),
        ("Fastställd av nämnden 20 februari 2025.", date(2025, 2, 20)),
        ("Fastställd av nämnden 20 feb. 2025.", date(2025, 2, 20)),
        ("Fastställd av nämnden 20 feb 2025.", date(2025, 2, 20)),
        ("Fastställd av nämnden 20/2 2025.", date(2025, 2, 20)),
        ("Fastställd av nämnden den 20:e februari 2025.", date(2025, 2, 20)),
        ("Antagen av styrelsen den 1:a mars 2025.", date(2025, 3, 1)),
        ("Beslutad 3 sept. 2025", date(2025, 9, 3)),
        ("Fastställd av nämnden 31/2 2025.", None),  # no such day
        ("Fastställd av nämnden 2/20 2025.", None),  # no such month
        ("Nämnden sammanträdde 20 feb. 2025.", None),  # no adoption word: not the adoption date
    ],
)
def test_adoption_date_forms(text, when):
    found = dating(Document(Path("r.docx"), "docx", [Block("paragraph", text, 1)]), ("upprättad",),
                   ("fastställd", "antagen", "beslutad")).adopted
    assert (found[0] if found else None) == when
