"""Where each report format goes: `--format X` (stdout or `--output FILE`), `--output FORMAT=FILE`."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError
from .files import Output, write_output
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
FORMATS = ("rich", *RENDERERS)


def targets(format: str, outputs: list[str]) -> list[tuple[str, Path | None]]:
    """(format, file) pairs; file None means stdout, as does the file name "-". A bare
    `--output FILE` takes `--format`. At most one format goes to stdout."""
    plain: list[Path | None] = []
    out: list[tuple[str, Path | None]] = []
    for spec in outputs:
        name, sep, file = spec.partition("=")
        if sep and name in FORMATS:
            if not file:
                raise UserError(f"--output {spec}: filnamn saknas efter '='")
            out.append((name, _file(file)))
        elif sep and name.isidentifier():
            raise UserError(f"--output {spec}: okänt format {name!r}; välj bland: {', '.join(FORMATS)}")
        else:
            plain.append(_file(spec))
    if len(plain) > 1:
        raise UserError("--output utan FORMAT= får bara anges en gång; skriv t.ex. --output sarif=rapport.sarif")
    pairs = [(format, plain[0] if plain else None), *out]
    to_stdout = [name for name, file in pairs if file is None]
    if len(to_stdout) > 1:
        raise UserError(
            f"bara ett format kan skrivas till stdout, inte {' och '.join(to_stdout)}; ange --output FIL för de andra"
        )
    return pairs


RAW = ("json", "sarif", "gitlab")  # data formats keep the report's characters; the others are read by people
MARKUP = ("html", "junit")


def _file(name: str) -> Path | None:
    """The file an `--output` names; None for "-", stdout."""
    return None if name == "-" else Path(name)


def render(format: str, results: list[Result], lang: str, rules, run: Run = Run()) -> str:
    """One format's text; `rules` is the rule set the results were judged by (SARIF lists it). In
    formats people read, invisible control characters are shown as `<U+202E>` (see `controls`)."""
    from .controls import visible

    if format == "rich":
        from .controls import console
        from .render.rich_report import print_report

        recorder = console(record_width=110)
        print_report(results, recorder, lang)
        return visible(recorder.export_text())
    module = importlib.import_module(f".render.{RENDERERS[format]}", __package__)
    if format == "sarif":  # the rules judged by, the gate's exit code
        text = module.render(results, lang, rules.rules, run)
    elif format == "junit":  # failures follow the gate
        text = module.render(results, lang, run)
    else:
        text = module.render(results, lang)
    return text if format in RAW else visible(text, markup=format in MARKUP)


def load_renderers(pairs: list[tuple[str, Path | None]]) -> None:
    """Import the renderers the formats need, before the first result (see `commands.check`)."""
    for format, _ in pairs:
        importlib.import_module(".render." + ("rich_report" if format == "rich" else RENDERERS[format]), __package__)


STREAMED = ("json", "concise", "github", "markdown", "html")  # renderers with `parts`: written as results arrive


class Outputs:
    """Every requested format, written as results arrive (`add`) and finished by `finish`; output
    files appear whole or not at all (`discard` on an interruption). SARIF, JUnit and GitLab, the
    rich format to a file and GitHub's step summary need the whole run: their results are kept
    and rendered at the end. Nothing is written when no result arrives. The outputs were checked
    against every input before reading (`pipeline.run`)."""

    def __init__(self, pairs: list[tuple[str, Path | None]], lang: str, rules):
        self.pairs, self.lang, self.rules = pairs, lang, rules
        self.kept: list[Result] = []
        self.keep = any(not (format in STREAMED or (format == "rich" and file is None)) for format, file in pairs)
        self.keep |= any(format == "github" for format, _ in pairs) and "GITHUB_STEP_SUMMARY" in os.environ
        self.streams: list | None = None  # (parts, format, file) per streamed format, once the first result came
        self.console = None  # the rich format on stdout: printed result by result
        self.files: dict[Path, Output] = {}

    def add(self, result: Result) -> None:
        if self.streams is None:
            self._start(result)
        else:
            for parts, format, file in self.streams:
                if parts is not None:
                    self._write(format, file, parts.separator)
        for parts, format, file in self.streams:
            if parts is None:
                from .render.rich_report import print_report

                print_report([result], self.console, self.lang)
            else:
                self._write(format, file, parts.document(result))
        if self.keep:
            self.kept.append(result)

    def _start(self, first: Result) -> None:
        self.streams = []
        for format, file in self.pairs:
            if format == "rich" and file is None:
                from .controls import console

                self.console = console()
                self.streams.append((None, format, None))
            elif format in STREAMED:
                parts = importlib.import_module(f".render.{RENDERERS[format]}", __package__).parts(first, self.lang)
                self.streams.append((parts, format, file))
                if file is not None:
                    self.files[file] = Output(file)  # written even when the format has nothing to say
                self._write(format, file, parts.head)

    def _write(self, format: str, file: Path | None, text: str) -> None:
        """A streamed format's piece; in formats people read, control characters shown (see `render`)."""
        from .controls import visible

        self._put(file, text if format in RAW else visible(text, markup=format in MARKUP))

    def _put(self, file: Path | None, text: str) -> None:
        if file is None:
            write_output(None, text)
        elif text:
            self.files[file].write(text)

    def finish(self, run: Run) -> None:
        """Write the tails and what needs the whole run, and put the files in place."""
        if self.streams is None:
            return
        for parts, format, file in self.streams:
            if parts is not None:
                self._write(format, file, parts.tail)
        for format, file in self.pairs:
            if format not in STREAMED and not (format == "rich" and file is None):
                if file is not None:
                    self.files[file] = Output(file)
                self._put(file, render(format, self.kept, self.lang, self.rules, run))
        for output in self.files.values():
            output.commit()
        if any(format == "github" for format, _ in self.pairs):
            from .render.github import append_step_summary

            append_step_summary(self.kept, self.lang)

    def discard(self) -> None:
        for output in self.files.values():
            output.discard()


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
