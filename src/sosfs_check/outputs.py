"""Where each report format goes: `--format X` (stdout or `--output FILE`), `--output FORMAT=FILE`."""

from __future__ import annotations

import importlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError
from .files import write_atomic
from .render import Run
from .result import Result

# format -> module in sosfs_check.render; imported only when that format is asked for
RENDERERS = {
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown_report",
    "html": "html_report",
    "gitlab": "gitlab",
    "concise": "concise",
}
GATED = ("junit", "sarif")  # formats that report the run's gate and exit code
FORMATS = ("rich", *RENDERERS)


def targets(format: str, outputs: list[str]) -> list[tuple[str, Path | None]]:
    """(format, file) pairs; file None means stdout. A bare `--output FILE` takes `--format`."""
    plain: list[Path] = []
    out: list[tuple[str, Path | None]] = []
    for spec in outputs:
        name, sep, file = spec.partition("=")
        if sep and name in FORMATS:
            if not file:
                raise UserError(f"--output {spec}: filnamn saknas efter '='")
            out.append((name, Path(file)))
        elif sep and name.isidentifier():
            raise UserError(f"--output {spec}: okänt format {name!r}; välj bland: {', '.join(FORMATS)}")
        else:
            plain.append(Path(spec))
    if len(plain) > 1:
        raise UserError("--output utan FORMAT= får bara anges en gång; skriv t.ex. --output sarif=rapport.sarif")
    return [(format, plain[0] if plain else None), *out]


def render(format: str, results: list[Result], lang: str, run: Run = Run()) -> str:
    if format == "rich":
        from rich.console import Console

        from .render.rich_report import print_report

        console = Console(record=True, file=io.StringIO(), width=110)
        print_report(results, console, lang)
        return console.export_text()
    module = importlib.import_module(f".render.{RENDERERS[format]}", __package__)
    return module.render(results, lang, run) if format in GATED else module.render(results, lang)


def emit(pairs: list[tuple[str, Path | None]], results: list[Result], lang: str, run: Run = Run()) -> None:
    """Write every requested format; GitHub's step summary is appended when running in Actions."""
    inputs = [r.path for r in results]
    for format, file in pairs:
        if file is not None:
            write_atomic(file, render(format, results, lang, run), inputs=inputs)
        elif format == "rich":
            from rich.console import Console

            from .render.rich_report import print_report

            print_report(results, Console(), lang)
        else:
            to_stdout(render(format, results, lang, run))
    if any(format == "github" for format, _ in pairs):
        from .render.github import append_step_summary

        append_step_summary(results, lang)


PIPE_CLOSED = 141  # exit code of a process ended by SIGPIPE, as the shell reports it


def pipe_closed() -> None:
    """The reader of stdout is gone (`| head`): end quietly, with nothing left to flush at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(PIPE_CLOSED)


def to_stdout(data: str | bytes) -> None:
    """Write a report to stdout; a closed pipe ends the run quietly (Typer would say exit 1)."""
    try:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        pipe_closed()


PROGRESS_FROM = 4  # files; fewer finish before a bar would help


@contextmanager
def progress(total: int, stream=None, at_least: int = PROGRESS_FROM) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr when `at_least` files are checked on a terminal; yields the per-file callback."""
    stream = stream or sys.stderr
    if total < at_least or not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("Granskar", total=total)
        yield lambda: bar.advance(task)
