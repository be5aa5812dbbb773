"""The console script's fast path for `check`: the same behaviour as through Typer."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sosfs_check.console import plain_check

EXAMPLE = Path(__file__).parent.parent / "fixtures" / "examples" / "boras-2021.docx"


def test_plain_options_are_taken():
    options = plain_check(["check", "a.docx", "mapp", "--format", "json", "-o", "sarif=x.sarif", "--output=y.json",
                           "--jobs", "2", "--as-of", "2026-01-01", "--rules", "pack", "--fail-on", "never"])
    assert options == {
        "paths": [Path("a.docx"), Path("mapp")], "format": "json", "output": ["sarif=x.sarif", "y.json"], "jobs": 2,
        "as_of": "2026-01-01", "rule_dirs": [Path("pack")], "fail_on": "never",
    }  # fmt: skip



def test_short_options_take_an_attached_value():
    """`-j2` as Click reads it: without the fast path a batch ran through Typer, whose collector
    settings stay for the whole run (3 % more instructions on 20 reports)."""
    options = plain_check(["check", "mapp", "-j2", "-fjson", "-osarif=x.sarif", "-v"])
    assert options == {
        "paths": [Path("mapp")], "jobs": 2, "format": "json", "output": ["sarif=x.sarif"], "verbose": True,
    }  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--help"], ["--debug", "check", "a.docx"], ["annotate", "a.docx"], ["check"],
        ["check", "a.docx", "--format", "pdf"], ["check", "a.docx", "--jobs", "0"], ["check", "a.docx", "--jobs"],
        ["check", "a.docx", "--lang", "fi"], ["check", "a.docx", "--profile", "x", "--profile", "y"],
        ["check", "a.docx", "--okänd", "x"], ["check", "a.docx", "--verbose=ja"],
    ],
)  # fmt: skip
def test_anything_else_goes_to_typer(args):
    assert plain_check(args) is None


def run(entry: str, *args: str):
    code = f"import sys; sys.argv = ['sosfs-check', *sys.argv[1:]]; from sosfs_check.{entry} import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-25"],
        ["check", str(EXAMPLE), "--format", "markdown", "--fail-on", "warning"],
        ["check", str(EXAMPLE.parent), "-v", "--exclude", "x*", "--format", "json", "--as-of", "2026-11-25"],
        ["check", str(EXAMPLE), "--as-of", "2026-13-01"],
        ["check", "saknas.docx", "--format", "json"],
        ["check", str(EXAMPLE), "-fjson", "-j2", "--as-of", "2026-11-25"],
    ],
)
def test_fast_path_and_typer_agree(args):
    fast, typer = run("console", *args), run("cli", *args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer.returncode, typer.stdout, typer.stderr)


def test_fast_path_knows_exactly_the_options_of_the_typer_command():
    """The hand-written table must follow `cli.check`: a new option there must be added here."""
    import typer.main

    from sosfs_check import console
    from sosfs_check.cli import app

    command = typer.main.get_command(app).commands["check"]
    typer_options = {
        name: param.name for param in command.params if param.param_type_name == "option" for name in param.opts
    }
    assert console._OPTIONS == typer_options


@pytest.mark.parametrize("args", [["-f=json"], ["-j=2"], ["--jobs=٣"], ["-j0"], ["-vx"], ["-fpdf"]])
def test_values_typer_rejects_are_left_to_typer(args):
    assert plain_check(["check", "a.docx", *args]) is None


COLLECTOR = """
import gc, sys
from sosfs_check import packs, settings
load, check = packs.load_ruleset, settings.Settings.check
def loading(*args):
    print("rule set:", gc.isenabled(), file=sys.stderr)
    return load(*args)
def checking(self, path):
    print("report:", gc.isenabled(), gc.get_freeze_count() > 0, gc.get_threshold()[0], file=sys.stderr)
    return check(self, path)
packs.load_ruleset, settings.Settings.check = loading, checking
sys.argv = ["sosfs-check", *sys.argv[1:]]
from sosfs_check.{entry} import main
main()
"""


@pytest.mark.parametrize("entry, start_up", [("console", "False"), ("cli", "True")])
def test_the_console_script_collects_no_garbage_while_it_starts(entry, start_up):
    """The fast path pauses the collector until the rule set is loaded, then freezes what start-up made and
    resumes, collecting less often (`commands.GC_THRESHOLD`); Typer's path (every other command, e.g.
    `serve`) never pauses it and keeps Python's default."""
    proc = subprocess.run([sys.executable, "-c", COLLECTOR.format(entry=entry), "check", str(EXAMPLE), "--format", "json"],
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    frozen, threshold = ("True", 10_000) if entry == "console" else ("False", 700)
    assert proc.stderr.splitlines() == [f"rule set: {start_up}", f"report: True {frozen} {threshold}"]


WITHOUT = """
import sys
sys.argv = ["sosfs-check", *sys.argv[1:]]
from sosfs_check.console import main
try:
    main()
finally:
    print(sorted(m for m in ("dataclasses", "rich", "typer") if m in sys.modules), file=sys.stderr)
"""


def test_a_warm_json_check_loads_no_dataclasses_rich_or_typer(tmp_path):
    """Every value on the path of `check --format json` is a `values.Value` or a plain class: creating a
    dataclass compiles its methods, and importing `dataclasses` takes `inspect` along. (A cold rule cache
    validates the YAML with pydantic, which uses them.)"""
    env = {**os.environ, "SOSFS_CHECK_CACHE": str(tmp_path)}
    args = [sys.executable, "-c", WITHOUT, "check", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-25"]
    cold, warm = (subprocess.run(args, capture_output=True, text=True, env=env) for _ in range(2))
    assert cold.returncode == warm.returncode == 0 and warm.stdout == cold.stdout and warm.stdout.startswith("{")
    assert (cold.stderr, warm.stderr) == ("['dataclasses']\n", "[]\n")
