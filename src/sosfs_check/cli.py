"""The `sosfs-check` command line."""

from __future__ import annotations

import io
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import InputError, UserError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Granskar patientsäkerhetsberättelser och kvalitetsberättelser mot lagen.",
)


class Format(str, Enum):
    rich = "rich"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class Lang(str, Enum):
    sv = "sv"
    en = "en"


def fail(message: str) -> None:
    """Print a Swedish error to stderr (no traceback) and exit 2."""
    print(f"sosfs-check: {message}", file=sys.stderr)
    raise typer.Exit(2)


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of: ogiltigt datum {value!r}; skriv ÅÅÅÅ-MM-DD")


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="Visa hela felspåret vid fel.")] = False):
    """Global options; `--debug` is read by `main` to let tracebacks through."""


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="DOCX-filer eller mappar.", show_default=False)],
    profile: Annotated[
        Optional[str], typer.Option(help="patientsakerhetsberattelse, kvalitetsberattelse eller kombinerad.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Utdataformat.")] = Format.rich,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv rapporten till fil.")] = None,
    fail_on: Annotated[FailOn, typer.Option(help="Lägsta allvarlighet som ger exitkod 1.")] = FailOn.error,
    as_of: Annotated[Optional[str], typer.Option(help="Bedöm lagläget per datum (ÅÅÅÅ-MM-DD).")] = None,
    lang: Annotated[Lang, typer.Option(help="Språk i rapporten.")] = Lang.sv,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Antal parallella processer (standard: antal kärnor).")
    ] = None,
) -> None:
    """Granska en eller flera berättelser och visa checklistan och bristerna."""
    from .batch import check_paths, default_jobs
    from .files import expand, write_atomic
    from .result import SEVERITY_RANK

    when = parse_date(as_of)
    results, failed = [], False
    for outcome in check_paths(expand(paths), profile, when, jobs or default_jobs()):
        if isinstance(outcome, InputError):
            print(f"sosfs-check: {outcome}", file=sys.stderr)
            failed = True
        else:
            results.append(outcome)
    if results:
        if format is Format.json:
            from .render.json_report import render

            text = render(results, lang.value)
            if output:
                write_atomic(output, text, inputs=[r.path for r in results])
            else:
                sys.stdout.write(text)
        else:
            from rich.console import Console

            from .render.rich_report import print_report

            if output:
                console = Console(record=True, file=io.StringIO(), width=110)
                print_report(results, console, lang.value)
                write_atomic(output, console.export_text(), inputs=[r.path for r in results])
            else:
                print_report(results, Console(), lang.value)
    if failed:
        raise typer.Exit(2)
    if fail_on is not FailOn.never:
        threshold = SEVERITY_RANK[fail_on.value]
        if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
            raise typer.Exit(1)


def main() -> None:
    """Entry point: user errors become a Swedish message and exit code 2, never a traceback."""
    try:
        app()
    except UserError as exc:
        if "--debug" in sys.argv:
            raise
        print(f"sosfs-check: {exc}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # a bug: still no traceback unless asked for
        if "--debug" in sys.argv:
            raise
        print(f"sosfs-check: internt fel: {type(exc).__name__}: {exc} (kör med --debug för detaljer)", file=sys.stderr)
        sys.exit(2)
