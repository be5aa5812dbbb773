"""The `sosfs-check` command line."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import cli_mall, cli_sas
from .cli_rules import RulesOption, rules_app

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Granskar patientsäkerhetsberättelser och kvalitetsberättelser mot lagen.",
)
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    rich = "rich"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"
    html = "html"
    gitlab = "gitlab"
    concise = "concise"


ConfigOption = Annotated[
    Optional[Path], typer.Option(help="Konfigurationsfil (annars sosfs-check.toml eller pyproject.toml uppåt).")
]


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class Lang(str, Enum):
    sv = "sv"
    en = "en"


ExcludeOption = Annotated[
    Optional[list[str]],
    typer.Option("--exclude", metavar="GLOB", help="Läs inte filer eller mappar som matchar (Git-mönster; kan upprepas)."),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Visa vilka filer som hoppas över och varför.")]

MaxSizeOption = Annotated[
    Optional[int],
    typer.Option("--max-size", min=1, metavar="MB", help="Största fil som granskas, i MB (standard 50); se README, Garantier."),
]


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
def check(
    paths: Annotated[list[Path], typer.Argument(help="DOCX-filer eller mappar.", show_default=False)],
    profile: Annotated[
        Optional[str], typer.Option(help="patientsakerhetsberattelse (psb), kvalitetsberattelse (kb) eller kombinerad.")
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Utdataformat till stdout (eller till --output FIL).")
    ] = Format.rich,
    output: Annotated[
        Optional[list[str]],
        typer.Option(
            "--output", "-o", metavar="[FORMAT=]FIL",
            help="FIL för --format, eller FORMAT=FIL (kan upprepas: --output sarif=a.sarif).",
        ),
    ] = None,
    fail_on: Annotated[
        Optional[FailOn], typer.Option(help="Lägsta allvarlighet som ger exitkod 1 (standard error).")
    ] = None,
    as_of: Annotated[Optional[str], typer.Option(help="Bedöm lagläget per datum (ÅÅÅÅ-MM-DD).")] = None,
    lang: Annotated[Optional[Lang], typer.Option(help="Språk i rapporten (standard sv).")] = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Antal parallella processer (standard: antal kärnor).")
    ] = None,
    config: ConfigOption = None,
    baseline: Annotated[Optional[Path], typer.Option(help="Kända brister i denna fil visas men fäller inte.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option(help="Spara alla brister som kända i denna fil.")] = None,
    rule_dirs: RulesOption = None,
    max_size: MaxSizeOption = None,
    exclude: ExcludeOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Granska en eller flera berättelser och visa checklistan och bristerna."""
    from .commands import check as run_check

    code = run_check(
        paths, profile=profile, format=format.value, output=output, fail_on=fail_on.value if fail_on else None,
        as_of=as_of, lang=lang.value if lang else None, jobs=jobs, config=config, baseline=baseline,
        write_baseline=write_baseline, rule_dirs=rule_dirs, max_size=max_size, exclude=exclude, verbose=verbose,
    )
    if code:
        raise typer.Exit(code)


@app.command()
def annotate(
    report: Annotated[Path, typer.Argument(help="Word-utkastet (.docx).", show_default=False)],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Kopian med kommentarer (standard RAPPORT.granskad.docx).")
    ] = None,
    profile: Annotated[
        Optional[str], typer.Option(help="patientsakerhetsberattelse (psb), kvalitetsberattelse (kb) eller kombinerad.")
    ] = None,
    as_of: Annotated[Optional[str], typer.Option(help="Bedöm lagläget per datum (ÅÅÅÅ-MM-DD).")] = None,
    config: ConfigOption = None,
    rule_dirs: RulesOption = None,
    max_size: MaxSizeOption = None,
) -> None:
    """Skriv en kopia av Word-utkastet med en kommentar vid varje brist; originalet ändras aldrig."""
    from . import check as check_report
    from .commands import as_of_date
    from .annotate import annotate as write_comments
    from .annotate import default_output, ensure_docx
    from .config import apply_suppressions, configured_rules, load_config

    settings = load_config(config)
    ensure_docx(report)
    rules = configured_rules(settings, rule_dirs or ())
    result = check_report(report, profile or settings.profile, as_of_date(as_of) or settings.as_of, rules,
                          settings.heading_styles or None, max_size)
    ensure_docx(report, result.document.format)
    apply_suppressions(settings, [result])
    target = output or default_output(report)
    count = write_comments(result, report, target)
    from .i18n import count_phrase, words

    print(f"Skrev {target} med {count_phrase(count, 'comment', words('sv'))}.")


cli_sas.register(app)
cli_mall.register(app)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Adress att lyssna på; annan än 127.0.0.1 kräver --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port att lyssna på.")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Öppna sidan i webbläsaren.")] = False,
    rule_dirs: RulesOption = None,
    config: ConfigOption = None,
    lang: Annotated[Optional[Lang], typer.Option(help="Sidans språk (standard sv).")] = None,
    max_size: MaxSizeOption = None,
    token: Annotated[
        Optional[str], typer.Option(help="Åtkomstnyckel som varje begäran måste bära (eller SOSFS_CHECK_TOKEN).")
    ] = None,
) -> None:
    """Visa granskningen som en webbsida på den här datorn: släpp en Word-fil och se checklistan."""
    from .serve import serve as run_server

    run_server(host, port, open_browser, rule_dirs or (), config, lang.value if lang else None, max_size, token)


def main() -> None:
    """Entry point: user errors become a Swedish message and exit code 2, never a traceback.

    Typer reports its own usage errors (exit code 2); Ctrl-C and SIGTERM pass through it (see
    `errors.Stopped`) to `guarded`."""
    from .commands import guarded

    guarded(app)
