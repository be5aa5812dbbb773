"""`sosfs-check coverage` and `compare`: the reviewer's (SAS/MAS) view across reports and years.

Both resolve their settings as `check` does (flags, else the configuration, else the defaults);
their text is in the report language (`--lang`), JSON is the same in every language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_options import (
    CompareFormat, CompareFormatOption, CoverageFormat, CoverageFormatOption, ExcludeOption, JobsOption, OutputOption,
    VerboseOption, shared_options,
)
from .files import STDOUT, guard_outputs, write_output


def _rich(draw, output: Path | None, inputs: list[Path], width: int) -> None:
    from .controls import console

    if output is None or output == STDOUT:
        draw(console())
    else:
        recorder = console(record_width=width)
        draw(recorder)
        _emit(output, recorder.export_text(), inputs)


def _emit(output: Path | None, data: str | bytes, inputs: list[Path], raw: bool = False, markup: bool = False) -> None:
    """Write a rendered view; unless `raw` (JSON), text shows invisible control characters as
    `<U+202E>` (in HTML, `markup`, as `&lt;U+202E&gt;`)."""
    from .controls import visible

    write_output(output, data if raw or isinstance(data, bytes) else visible(data, markup), inputs)


def coverage(
    paths: Annotated[list[Path], typer.Argument(help="Berättelser eller mappar.", show_default=False)],
    format: CoverageFormatOption = CoverageFormat.rich,
    output: OutputOption = None,
    jobs: JobsOption = None,
    exclude: ExcludeOption = None,
    verbose: VerboseOption = False,
    **shared,
) -> None:
    """Täckningsmatris: vilka av lagens krav varje berättelse täcker, med avsnittet som ger belägg."""
    from .batch import default_jobs
    from .matrix import matrix
    from .outputs import progress
    from .pipeline import Discovery, run
    from .render import matrix as render
    from .settings import resolve

    settings = resolve(**shared)
    discovery = Discovery(exclude or (), [output] if output else [], verbose)
    results, failed = run(paths, settings, jobs or default_jobs(), progress, discovery=discovery, outputs=[output])
    if results:
        table = matrix(results, settings.rules)
        inputs = [r.path for r in results]
        if format is CoverageFormat.rich:
            width = 60 + 24 * len(results)
            _rich(lambda console: render.print_rich(table, console, settings.lang), output, inputs, width)
        elif format is CoverageFormat.json:
            _emit(output, render.json_text(table), inputs, raw=True)
        else:
            writer = {"markdown": render.markdown, "html": render.html, "csv": render.csv_text, "xlsx": render.xlsx}
            _emit(output, writer[format.value](table, settings.lang), inputs, markup=format is CoverageFormat.html)
    if failed or not results:
        raise typer.Exit(2)


def compare(
    old: Annotated[Path, typer.Argument(help="Förra årets berättelse.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="Årets berättelse.", show_default=False)],
    format: CompareFormatOption = CompareFormat.rich,
    output: OutputOption = None,
    **shared,
) -> None:
    """Jämför två års berättelser: avsnitt, siffror, checklistan och text som kopierats ordagrant."""
    from .compare import compare as changes
    from .outputs import progress
    from .render import compare as render
    from .settings import resolve

    guard_outputs([output], [old, new])
    settings = resolve(**shared)
    with progress(2, at_least=1) as advance:
        before, after = (_checked(settings, path, advance) for path in (old, new))
    result = changes(before, after)
    if format is CompareFormat.rich:
        _rich(lambda console: render.print_rich(result, console, settings.lang), output, [old, new], 120)
    elif format is CompareFormat.markdown:
        _emit(output, render.markdown(result, settings.lang), [old, new])
    else:
        _emit(output, render.json_text(result), [old, new], raw=True)


def _checked(settings, path: Path, advance):
    """One report checked for `compare`, advancing its progress bar."""
    result = settings.check(path)
    if advance:
        advance()
    return result


def register(app: typer.Typer) -> None:
    app.command()(shared_options(coverage))
    app.command()(shared_options(compare))
