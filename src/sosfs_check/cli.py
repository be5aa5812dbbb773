"""The `sosfs-check` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import cli_mall, cli_reviewer
from .cli_options import (
    BaselineOption, CheckFormatOption, CheckOutputOption, FailOnOption, Format, JobsOption, ExcludeOption,
    VerboseOption, WriteBaselineOption, shared_options, value,
)
from .cli_rules import rules_app

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Granskar patientsäkerhetsberättelser och kvalitetsberättelser mot lagen.",
)
app.add_typer(rules_app, name="rules")


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"sosfs-check {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Visa hela felspåret vid fel.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Visa versionen och avsluta.")
    ] = False,
):
    """Global options; `--debug` is read by `main` to let tracebacks through."""


@app.command()
@shared_options
def check(
    paths: Annotated[list[Path], typer.Argument(help="DOCX-filer eller mappar.", show_default=False)],
    format: CheckFormatOption = Format.rich,
    output: CheckOutputOption = None,
    fail_on: FailOnOption = None,
    jobs: JobsOption = None,
    baseline: BaselineOption = None,
    write_baseline: WriteBaselineOption = None,
    exclude: ExcludeOption = None,
    verbose: VerboseOption = False,
    **shared,
) -> None:
    """Granska en eller flera berättelser och visa checklistan och bristerna."""
    from .commands import check as run_check

    code = run_check(
        paths, format=format.value, output=output, fail_on=value(fail_on), jobs=jobs, baseline=baseline,
        write_baseline=write_baseline, exclude=exclude, verbose=verbose, **shared,
    )
    if code:
        raise typer.Exit(code)


@app.command()
@shared_options
def annotate(
    report: Annotated[Path, typer.Argument(help="Word-utkastet (.docx).", show_default=False)],
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Kopian med kommentarer (standard RAPPORT.granskad.docx; - är stdout)."),
    ] = None,
    **shared,
) -> None:
    """Skriv en kopia av Word-utkastet med en kommentar vid varje brist; originalet ändras aldrig."""
    from .annotate import annotate as write_comments
    from .annotate import default_output, ensure_docx
    from .files import STDOUT
    from .pipeline import run
    from .settings import resolve

    settings = resolve(**shared)
    target = output or default_output(report)
    if target != STDOUT:
        from .files import guard_outputs

        guard_outputs([target], [report])
    ensure_docx(report)
    results, failed = run([report], settings)
    if failed:
        raise typer.Exit(2)
    [result] = results
    ensure_docx(report, result.document.format)
    count = write_comments(result, report, target, settings.lang, settings.rules)
    from .i18n import count_phrase, words

    written = f"Skrev {target} med {count_phrase(count, 'comment', words('sv'))}."
    print(written, file=sys.stderr if target == STDOUT else sys.stdout)


cli_reviewer.register(app)
cli_mall.register(app)


@app.command()
@shared_options
def serve(
    host: Annotated[str, typer.Option(help="Adress att lyssna på; annan än 127.0.0.1 kräver --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port att lyssna på.")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Öppna sidan i webbläsaren.")] = False,
    token: Annotated[
        Optional[str], typer.Option(help="Åtkomstnyckel som varje begäran måste bära (eller SOSFS_CHECK_TOKEN).")
    ] = None,
    **shared,
) -> None:
    """Visa granskningen som en webbsida på den här datorn: släpp en Word-fil och se checklistan."""
    from .serve import serve as run_server
    from .settings import resolve

    run_server(resolve(**shared), host, port, open_browser, token)


def main() -> None:
    """Entry point: user errors become a Swedish message and exit code 2, never a traceback.

    Typer reports its own usage errors (exit code 2); Ctrl-C and SIGTERM pass through it (see
    `errors.Stopped`) to `guarded`."""
    from .commands import guarded

    guarded(app)
