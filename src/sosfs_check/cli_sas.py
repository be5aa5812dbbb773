"""`sosfs-check coverage` and `compare`: the SAS/MAS view across reports and years.

Both use the project's configuration (sosfs-check.toml or pyproject.toml), as `check` does.
"""

from __future__ import annotations

import io
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import UserError

ProfileOption = Annotated[
    Optional[str], typer.Option(help="patientsakerhetsberattelse (psb), kvalitetsberattelse (kb) eller kombinerad.")
]
AsOfOption = Annotated[Optional[str], typer.Option(help="Bedöm lagläget per datum (ÅÅÅÅ-MM-DD).")]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till FIL i stället för stdout.")]


class CoverageFormat(str, Enum):
    rich = "rich"
    markdown = "markdown"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class CompareFormat(str, Enum):
    rich = "rich"
    markdown = "markdown"
    json = "json"


def _settings(profile: str | None, as_of: str | None):
    """(configuration, rules, profile, as_of, heading styles) from the options and the configuration."""
    from .commands import as_of_date
    from .config import configured_rules, load_config

    settings = load_config()
    rules = configured_rules(settings)
    when = as_of_date(as_of) or settings.as_of
    return settings, rules, profile or settings.profile, when, settings.heading_styles or None


def _emit(data: str | bytes, output: Path | None, inputs: list[Path]) -> None:
    from .files import write_atomic

    if output is not None:
        write_atomic(output, data, inputs=inputs)
    else:
        from .outputs import to_stdout

        if isinstance(data, bytes) and sys.stdout.isatty():
            raise UserError("XLSX kan inte skrivas till terminalen; ange --output FIL.xlsx")
        to_stdout(data)


def _rich(draw, output: Path | None, inputs: list[Path], width: int) -> None:
    from rich.console import Console

    if output is None:
        draw(Console())
    else:
        console = Console(record=True, file=io.StringIO(), width=width)
        draw(console)
        _emit(console.export_text(), output, inputs)


def coverage(
    paths: Annotated[list[Path], typer.Argument(help="Berättelser eller mappar.", show_default=False)],
    format: Annotated[CoverageFormat, typer.Option("--format", "-f", help="Utdataformat.")] = CoverageFormat.rich,
    output: OutputOption = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Antal parallella processer (standard: antal kärnor).")
    ] = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    exclude: Annotated[
        Optional[list[str]],
        typer.Option("--exclude", metavar="GLOB", help="Läs inte filer eller mappar som matchar (Git-mönster; kan upprepas)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Visa vilka filer som hoppas över och varför.")] = False,
) -> None:
    """Täckningsmatris: vilka av lagens krav varje berättelse täcker, med avsnittet som ger belägg."""
    from .batch import check_paths, default_jobs
    from .commands import collect, find_reports
    from .coverage import matrix
    from .outputs import progress
    from .render import coverage as render

    settings, rules, profile, when, styles = _settings(profile, as_of)
    files = find_reports(paths, settings, exclude, [output] if output else [], verbose)
    with progress(len(files)) as advance:
        outcomes = check_paths(files, profile, when, jobs or default_jobs(), rules=rules, style_map=styles,
                               on_done=advance)
    results, failed = collect(outcomes, paths)
    if results:
        table = matrix(results)
        inputs = [r.path for r in results]
        if format is CoverageFormat.rich:
            _rich(lambda console: render.print_rich(table, console), output, inputs, 60 + 24 * len(results))
        else:
            writer = {"markdown": render.markdown, "html": render.html, "csv": render.csv_text,
                      "xlsx": render.xlsx, "json": render.json_text}[format.value]
            _emit(writer(table), output, inputs)
    if failed or not results:
        raise typer.Exit(2)


def compare(
    old: Annotated[Path, typer.Argument(help="Förra årets berättelse.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="Årets berättelse.", show_default=False)],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Utdataformat.")] = CompareFormat.rich,
    output: OutputOption = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Jämför två års berättelser: avsnitt, siffror, checklistan och text som kopierats ordagrant."""
    from .batch import check_paths
    from .commands import find_reports
    from .compare import compare as changes
    from .errors import InputError
    from .outputs import progress
    from .render import compare as render

    settings, rules, profile, when, styles = _settings(profile, as_of)
    files = find_reports([old, new], settings, None, [], False)
    with progress(len(files), at_least=1) as advance:
        outcomes = check_paths(files, profile, when, 1, rules=rules, style_map=styles, on_done=advance)
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            raise outcome
    old_result, new_result = outcomes
    result = changes(old_result, new_result)
    if format is CompareFormat.rich:
        _rich(lambda console: render.print_rich(result, console), output, [old, new], 120)
    else:
        _emit({"markdown": render.markdown, "json": render.json_text}[format.value](result), output, [old, new])


def register(app: typer.Typer) -> None:
    app.command()(coverage)
    app.command()(compare)
